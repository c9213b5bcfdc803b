import { z } from 'zod';
import { lockVersionSchema, text, wholeNumber } from './fields';
import { idSchema } from './id';
import { checkDosage, dosageFields, itemModeSchema } from './prescription';

// A phase may start at most two years after surgery: later than that is a typo, not a protocol.
export const EARLIEST_DAY_MAX = 730;
export const CRITERIA_MAX = 20;

/** Entry criteria arrive as a textarea (one per line) or as a list; blank lines are dropped. */
const criteriaSchema = z.preprocess(
  (value) => {
    const lines = typeof value === 'string' ? value.split(/\r?\n/) : value;
    if (!Array.isArray(lines) || !lines.every((line) => typeof line === 'string')) return lines;
    return lines.map((line) => line.trim()).filter((line) => line !== '');
  },
  z
    .array(z.string().max(200, 'Each entry criterion can be at most 200 characters.'), { error: 'Entry criteria must be a list, one per line.' })
    .max(CRITERIA_MAX, `List at most ${CRITERIA_MAX} entry criteria.`)
    .refine((criteria) => new Set(criteria).size === criteria.length, 'Each entry criterion must be listed only once.'),
);

export const protocolInputSchema = z.strictObject({
  name: text('Name', 120).min(2, 'Name must be at least 2 characters.'),
  description: text('Description', 2_000).default(''),
});

export type ProtocolInput = z.infer<typeof protocolInputSchema>;

/** Adding a phase and editing one take the same fields. */
export const phaseInputSchema = z.strictObject({
  lockVersion: lockVersionSchema,
  name: text('Phase name', 80).min(2, 'Phase name must be at least 2 characters.'),
  earliestDay: wholeNumber('Earliest day', { min: 0, max: EARLIEST_DAY_MAX }),
  criteria: criteriaSchema.default([]),
  precautions: text('Precautions', 2_000).default(''),
});

export type PhaseInput = z.infer<typeof phaseInputSchema>;

export const phaseExerciseInputSchema = z
  .strictObject({
    lockVersion: lockVersionSchema,
    exerciseId: z.string({ error: 'Choose an exercise.' }).trim().min(1, 'Choose an exercise.').pipe(idSchema),
    mode: itemModeSchema,
    ...dosageFields,
  })
  .superRefine(checkDosage);

export type PhaseExerciseInput = z.infer<typeof phaseExerciseInputSchema>;

/** Removing a phase or an exercise only needs to know which version of the protocol the editor saw. */
export const protocolEditSchema = z.strictObject({ lockVersion: lockVersionSchema });
