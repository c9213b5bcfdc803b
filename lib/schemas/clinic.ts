import { z } from 'zod';
import { isTimeZone } from '@/lib/domain/clinic-time';

export const clinicSettingsSchema = z.strictObject({
  // What a patient taps to call: digits, spaces and the usual separators, with at least 6 digits.
  phone: z
    .string({ error: 'Enter the clinic’s phone number.' })
    .trim()
    .max(40, 'The phone number is too long.')
    .regex(/^\+?[0-9 ()-]+$/, 'Use digits, spaces, brackets and dashes only.')
    .refine((value) => value.replace(/\D/g, '').length >= 6, 'The phone number needs at least 6 digits.'),
  emergencyNumber: z.string({ error: 'Enter the emergency number.' }).trim().regex(/^[0-9]{2,6}$/, 'The emergency number is 2 to 6 digits, like 911, 999 or 112.'),
  timeZone: z.string({ error: 'Choose the clinic’s time zone.' }).trim().max(64, 'Choose the clinic’s time zone.').refine(isTimeZone, 'Choose the clinic’s time zone from the list.'),
});
