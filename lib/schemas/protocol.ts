import { z } from 'zod';
import { dosageProblems } from '@/lib/domain/dosage';
import { ITEM_MODES, type ItemMode } from '@/lib/domain/types';
import { dosageFields } from './dosage';
import { idSchema } from './exercise';

// A phase may start at most two years after surgery: later than that is a typo, not a protocol.
export const EARLIEST_DAY_MAX = 730;
export const CRITERIA_MAX = 20;

export const ITEM_MODE_LABELS: Record<ItemMode, string> = {
  SUPERVISED: 'Supervised in clinic',
  SELF_DIRECTED: 'Self-directed at home',
};

const text = (label: string, max: number) => z.string({ error: `${label} is required.` }).trim().max(max, `${label} is too long.`);

/** A whole number typed into a form field, or sent as a number by code. */
function wholeNumber(label: string, { min, max }: { min: number; max: number }) {
  return z.preprocess(
    (value) => (typeof value !== 'string' ? value : value.trim() === '' ? undefined : Number(value)),
    z
      .number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a number.`) })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} can be at most ${max}.`),
  );
}

/**
 * The protocol version the editor's form was rendered from. A missing or garbled value means the form did
 * not come from the current page, so the save is refused rather than guessed.
 */
const OUT_OF_DATE = 'This form is out of date. Reload the page and try again.';
export const lockVersionSchema = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).min(0, OUT_OF_DATE).max(2_147_483_647, OUT_OF_DATE),
);

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

export const itemModeSchema = z.enum(ITEM_MODES as ['SUPERVISED', 'SELF_DIRECTED'], { error: 'Choose supervised or self-directed.' });

export const phaseExerciseInputSchema = z
  .strictObject({
    lockVersion: lockVersionSchema,
    exerciseId: z.string({ error: 'Choose an exercise.' }).trim().min(1, 'Choose an exercise.').pipe(idSchema),
    mode: itemModeSchema,
    ...dosageFields,
  })
  .superRefine((phaseExercise, ctx) => {
    for (const problem of dosageProblems(phaseExercise)) ctx.addIssue({ code: 'custom', message: problem, path: ['dosage'] });
  });

export type PhaseExerciseInput = z.infer<typeof phaseExerciseInputSchema>;

/** Removing a phase or an exercise only needs to know which version of the protocol the editor saw. */
export const protocolEditSchema = z.strictObject({ lockVersion: lockVersionSchema });

type PhasePlace = { position: number; earliestDay: number };

/**
 * Phases follow each other in time: a phase may not start before the one above it, nor after the one below
 * it. Returns the problem in plain words, or null when the day fits.
 */
export function phaseOrderProblem({ position, earliestDay, previous, next }: PhasePlace & { previous: PhasePlace | null; next: PhasePlace | null }): string | null {
  if (previous && earliestDay < previous.earliestDay) {
    return `Phase ${position} can't start before phase ${previous.position}, which starts from day ${previous.earliestDay} after surgery. Use day ${previous.earliestDay} or later.`;
  }
  if (next && earliestDay > next.earliestDay) {
    return `Phase ${position} can't start after phase ${next.position}, which starts from day ${next.earliestDay} after surgery. Use day ${next.earliestDay} or earlier.`;
  }
  return null;
}
