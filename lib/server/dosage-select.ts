import 'server-only';
import type { Dosage } from '@/lib/domain/types';

/**
 * The dosage columns, named alike on an exercise (its default dosage), a protocol phase's exercise and a plan
 * item, so every read of a dosage asks for the same fields (lib/domain/types.ts `Dosage`).
 */
export const dosageSelect = {
  sets: true,
  reps: true,
  holdSeconds: true,
  timesPerDay: true,
  daysPerWeek: true,
  minutes: true,
  side: true,
} as const satisfies Record<keyof Dosage, true>;
