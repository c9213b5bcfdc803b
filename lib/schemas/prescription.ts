import { z } from 'zod';
import { DOSAGE_LIMITS, dosageProblems } from '@/lib/domain/dosage';
import { ITEM_MODES, SIDES, type Dosage } from '@/lib/domain/types';

// What is prescribed: how (the mode) and how much (the dosage). Exercises carry a default dosage, protocol
// phases a default mode and dosage, plan items both.

export const itemModeSchema = z.enum(ITEM_MODES as ['SUPERVISED', 'SELF_DIRECTED'], { error: 'Choose supervised in clinic or self-directed at home.' });

/** A form field that may be left empty: '' and null both mean "not used". */
function optionalCount(label: string, limits: { min: number; max: number }) {
  return z.preprocess(
    (value) => (value === '' || value === undefined ? null : typeof value === 'string' ? Number(value) : value),
    z
      .number({ error: `${label} must be a number.` })
      .int(`${label} must be a whole number.`)
      .min(limits.min, `${label} must be at least ${limits.min}.`)
      .max(limits.max, `${label} can be at most ${limits.max}.`)
      .nullable(),
  );
}

export const sideSchema = z.enum(SIDES as ['NONE', 'LEFT', 'RIGHT', 'EACH', 'BOTH'], { error: 'Choose a side.' });

export const dosageFields = {
  sets: optionalCount('Sets', DOSAGE_LIMITS.sets),
  reps: optionalCount('Reps', DOSAGE_LIMITS.reps),
  holdSeconds: optionalCount('Hold seconds', DOSAGE_LIMITS.holdSeconds),
  timesPerDay: optionalCount('Times a day', DOSAGE_LIMITS.timesPerDay),
  daysPerWeek: optionalCount('Days a week', DOSAGE_LIMITS.daysPerWeek),
  minutes: optionalCount('Minutes', DOSAGE_LIMITS.minutes),
  side: z.preprocess((value) => (value === '' || value === undefined ? 'NONE' : value), sideSchema),
};

/** The one dosage check (lib/domain/dosage.ts), for any schema that carries `dosageFields`: `.superRefine(checkDosage)`. */
export function checkDosage(dosage: Dosage, ctx: z.RefinementCtx): void {
  for (const problem of dosageProblems(dosage)) ctx.addIssue({ code: 'custom', message: problem, path: ['dosage'] });
}
