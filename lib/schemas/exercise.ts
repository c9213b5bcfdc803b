import { z } from 'zod';
import { dosageFields } from './dosage';
import { dosageProblems } from '@/lib/domain/dosage';

export const EXERCISE_CATEGORIES = ['CARDIO', 'STRETCHING', 'MOBILITY', 'STRENGTHENING'] as const;
export const exerciseCategorySchema = z.enum(EXERCISE_CATEGORIES, { error: 'Choose a category.' });

export const CATEGORY_LABELS: Record<(typeof EXERCISE_CATEGORIES)[number], string> = {
  CARDIO: 'Cardio',
  STRETCHING: 'Stretching',
  MOBILITY: 'Mobility',
  STRENGTHENING: 'Strengthening',
};

export const idSchema = z.string().trim().min(1, 'Missing id.').max(64, 'Invalid id.').regex(/^[a-z0-9]+$/i, 'Invalid id.');

const text = (label: string, max: number) => z.string({ error: `${label} is required.` }).trim().max(max, `${label} is too long.`);

const booleanField = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

export const exerciseInputSchema = z
  .strictObject({
    name: text('Name', 120).min(2, 'Name must be at least 2 characters.'),
    instructions: text('Instructions', 4_000).min(10, 'Write the steps the patient should follow.'),
    therapistNotes: text('Therapist notes', 4_000).default(''),
    category: exerciseCategorySchema,
    bodyRegion: text('Body region', 80).min(2, 'Body region is required.'),
    position: text('Position', 80).min(2, 'Position is required.'),
    equipment: text('Equipment', 200).default(''),
    isSafeUnsupervised: booleanField,
    ...dosageFields,
  })
  .superRefine((exercise, ctx) => {
    for (const problem of dosageProblems(exercise)) ctx.addIssue({ code: 'custom', message: problem, path: ['dosage'] });
  });

export type ExerciseInput = z.infer<typeof exerciseInputSchema>;

// Search terms go straight into a query: refuse what PostgreSQL or Prisma cannot carry.
const searchText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'The search is too long.')
    .refine((value) => !value.includes('\u0000') && value.isWellFormed(), 'The search has characters we cannot use.');

export const exerciseSearchSchema = z.strictObject({
  q: searchText(100).optional().default(''),
  category: z.union([exerciseCategorySchema, z.literal('')]).optional().default(''),
  bodyRegion: searchText(80).optional().default(''),
  includeRetired: booleanField.optional().default(false),
});

export type ExerciseSearch = z.infer<typeof exerciseSearchSchema>;
