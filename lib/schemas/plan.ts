import { z } from 'zod';
import { passkeyAnswerSchema, signaturePasswordSchema } from './auth';
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

const RELOAD = 'Reload the page and approve again.';

/** Each prescription's fields exactly as the draft page shows them (typed text), sent with the approval. */
const shownItemsSchema = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  },
  z
    .array(
      z.strictObject({
        itemId: idSchema,
        mode: z.string().max(20),
        patientNotes: z.string().max(2_000),
        sets: z.string().max(20),
        reps: z.string().max(20),
        holdSeconds: z.string().max(20),
        timesPerDay: z.string().max(20),
        daysPerWeek: z.string().max(20),
        minutes: z.string().max(20),
        side: z.string().max(20),
      }),
      { error: RELOAD },
    )
    .max(200, RELOAD),
);

export const approveVersionSchema = z.strictObject({
  versionId: idSchema,
  lockVersion: lockVersionSchema,
  password: signaturePasswordSchema,
  passkeyAnswer: passkeyAnswerSchema,
  shownItems: shownItemsSchema,
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
