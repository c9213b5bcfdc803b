import { z } from 'zod';
import { dateOnly } from './fields';
import { idSchema } from './id';

export const logSessionSchema = z.strictObject({
  exerciseId: idSchema,
  performedOn: dateOnly('Date'),
  completed: z.preprocess((value) => value === true || value === 'yes' || value === 'on' || value === 'true', z.boolean()),
  setsCompleted: z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? null : Number(value)),
    z.number({ error: 'Sets done must be a number.' }).int('Sets done must be a whole number.').min(0, 'Sets done cannot be negative.').max(20, 'Sets done looks too high.').nullable(),
  ),
  pain: z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? undefined : Number(value)),
    z.number({ error: 'Choose your pain from 0 to 10.' }).int('Choose your pain from 0 to 10.').min(0, 'Pain goes from 0 to 10.').max(10, 'Pain goes from 0 to 10.'),
  ),
  note: z.string().trim().max(500, 'Please keep the note under 500 characters.').optional().default(''),
});
