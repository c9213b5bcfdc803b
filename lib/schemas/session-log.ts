import { z } from 'zod';
import { dateOnly, digitsNumber, submissionKeySchema } from './fields';
import { idSchema } from './id';

const PAIN_MESSAGE = 'Choose your pain from 0 to 10.';

export const logSessionSchema = z.strictObject({
  exerciseId: idSchema,
  performedOn: dateOnly('Date'),
  completed: z.preprocess((value) => value === true || value === 'yes' || value === 'on' || value === 'true', z.boolean()),
  setsCompleted: z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? null : value),
    digitsNumber('Sets done', { min: 0, max: 20 }, 'Sets done must be a whole number from 0 to 20.').nullable(),
  ),
  backPain: digitsNumber('Back pain', { min: 0, max: 10 }, `Back pain: ${PAIN_MESSAGE}`),
  legPain: digitsNumber('Leg pain', { min: 0, max: 10 }, `Leg pain: ${PAIN_MESSAGE}`),
  note: z.string().trim().max(500, 'Please keep the note under 500 characters.').optional().default(''),
  submissionKey: submissionKeySchema,
  /** The patient's own earlier log this one corrects. */
  correctsId: z.preprocess((value) => (value === '' ? undefined : value), idSchema.optional()),
});
