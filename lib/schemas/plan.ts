import { z } from 'zod';
import { signaturePasswordSchema } from './auth';
import { lockVersionSchema } from './fields';
import { idSchema } from './id';
import { checkDosage, dosageFields, itemModeSchema } from './prescription';

export const prescriptionSchema = z
  .strictObject({
    mode: itemModeSchema,
    patientNotes: z.string().trim().max(1_000, 'Notes to the patient are too long (1,000 characters at most).').default(''),
    ...dosageFields,
  })
  .superRefine(checkDosage);

export const addDraftItemSchema = z.strictObject({
  versionId: idSchema,
  lockVersion: lockVersionSchema,
  exerciseId: idSchema,
});

export const updateDraftItemSchema = z.strictObject({ itemId: idSchema, lockVersion: lockVersionSchema });

export const approveVersionSchema = z.strictObject({
  versionId: idSchema,
  lockVersion: lockVersionSchema,
  password: signaturePasswordSchema,
});

export const advancePhaseSchema = z.strictObject({
  patientId: idSchema,
  criteriaMet: z.array(z.string().max(500)).max(50).default([]),
  reason: z.string().trim().max(2_000, 'The reason is too long.').optional().default(''),
});

export const compareVersionsSchema = z.strictObject({
  patientId: idSchema,
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
