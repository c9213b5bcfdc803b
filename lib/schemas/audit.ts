import { z } from 'zod';

import { optionalIdSchema as optionalId } from './id';
const optionalDate = z
  .string()
  .trim()
  .regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Dates look like 2026-11-24.')
  .refine((value) => {
    if (value === '') return true;
    const date = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'That date is not on the calendar.')
  .optional()
  .default('');

export const auditFilterSchema = z.strictObject({
  personId: optionalId,
  patientId: optionalId,
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/, 'Unknown action.').optional().default(''),
  from: optionalDate,
  to: optionalDate,
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
