import 'server-only';
import { dosageSelect } from '../dosage-select';
import type { Prisma } from '../generated/prisma/client';

/** The fields of an exercise a clinician sees. */
export const exerciseSelect = {
  id: true,
  name: true,
  patientName: true,
  loads: true,
  illustration: true,
  instructions: true,
  therapistNotes: true,
  category: true,
  bodyRegion: true,
  position: true,
  equipment: true,
  isSafeUnsupervised: true,
  ...dosageSelect,
  retiredAt: true,
  updatedAt: true,
} satisfies Prisma.ExerciseSelect;

export type ExerciseDto = Prisma.ExerciseGetPayload<{ select: typeof exerciseSelect }>;
