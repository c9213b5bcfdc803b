import { z } from 'zod';
import { isTimeOfDay } from '@/lib/domain/reminders';
import { booleanField } from './fields';

/** The patient's reminder choices, from the portal's Reminders form (unticked boxes are not sent). */
export const reminderPreferenceSchema = z.strictObject({
  time: z
    .string({ error: 'Choose a time for your exercises.' })
    .trim()
    .refine(isTimeOfDay, 'Choose a time for your exercises, like 09:00.'),
  showNames: booleanField.optional().default(false),
  emailReminders: booleanField.optional().default(false),
});

/** The shape of a calendar link's token: 32 random bytes in base64url are 43 characters. */
export const calendarTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
