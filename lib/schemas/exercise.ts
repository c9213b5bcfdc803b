import { z } from 'zod';
import { EXERCISE_LOADS } from '@/lib/domain/restrictions';
import { booleanField, searchText, text } from './fields';
import { checkDosage, dosageFields } from './prescription';

export const EXERCISE_CATEGORIES = ['CARDIO', 'STRETCHING', 'MOBILITY', 'STRENGTHENING'] as const;
export const exerciseCategorySchema = z.enum(EXERCISE_CATEGORIES, { error: 'Choose a category.' });

export const exerciseInputSchema = z
  .strictObject({
    name: text('Name', 120).min(2, 'Name must be at least 2 characters.'),
    // What the patient reads where the clinical name is jargon; empty means the name itself.
    patientName: text('Name for patients', 120).optional().default(''),
    // What the exercise loads in the lower back, checked against a surgeon's restrictions.
    loads: z.preprocess(
      (value) => (value === undefined || value === null || value === '' ? [] : typeof value === 'string' ? [value] : value),
      z.array(z.enum(EXERCISE_LOADS as ['BENDING', 'LIFTING', 'TWISTING', 'LUMBAR_EXTENSION'], { error: 'Choose what the exercise loads from the list.' })).max(4).transform((loads) => [...new Set(loads)]),
    ),
    instructions: text('Instructions', 4_000).min(10, 'Write the steps the patient should follow.'),
    therapistNotes: text('Therapist notes', 4_000).default(''),
    category: exerciseCategorySchema,
    bodyRegion: text('Body region', 80).min(2, 'Body region is required.'),
    position: text('Position', 80).min(2, 'Position is required.'),
    equipment: text('Equipment', 200).default(''),
    isSafeUnsupervised: booleanField,
    ...dosageFields,
  })
  .superRefine(checkDosage);

export type ExerciseInput = z.infer<typeof exerciseInputSchema>;

export const exerciseSearchSchema = z.strictObject({
  q: searchText(100).optional().default(''),
  category: z.union([exerciseCategorySchema, z.literal('')]).optional().default(''),
  bodyRegion: searchText(80).optional().default(''),
  includeRetired: booleanField.optional().default(false),
});

export type ExerciseSearch = z.infer<typeof exerciseSearchSchema>;
