import { z } from 'zod';
import { DOSAGE_LIMITS, dosageProblems } from '@/lib/domain/dosage';
import { SIDES } from '@/lib/domain/types';

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

export const dosageSchema = z.strictObject(dosageFields).superRefine((dosage, ctx) => {
  for (const problem of dosageProblems(dosage)) ctx.addIssue({ code: 'custom', message: problem });
});
