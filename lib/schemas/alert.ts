import { z } from 'zod';
import { idSchema } from './id';

export const acknowledgeAlertSchema = z.strictObject({
  alertId: idSchema,
  note: z.string({ error: 'Write a short note on what you did.' }).trim().min(3, 'Write a short note on what you did.').max(1_000, 'The note is too long (1,000 characters at most).'),
});
