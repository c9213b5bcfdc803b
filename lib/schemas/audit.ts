import { z } from 'zod';

import { optionalDateText } from './fields';
import { optionalIdSchema as optionalId } from './id';
export const auditFilterSchema = z.strictObject({
  personId: optionalId,
  patientId: optionalId,
  action: z.string().trim().max(60).regex(/^[a-z_.]*$/, 'Unknown action.').optional().default(''),
  from: optionalDateText('The from date'),
  to: optionalDateText('The to date'),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
