import { isSameDosage } from './dosage';
import type { Dosage, ItemMode } from './types';

/** The dosage columns of any row that carries them (exercise defaults, protocol entries, plan items). */
export function dosageOf(row: Dosage): Dosage {
  return {
    sets: row.sets,
    reps: row.reps,
    holdSeconds: row.holdSeconds,
    timesPerDay: row.timesPerDay,
    daysPerWeek: row.daysPerWeek,
    minutes: row.minutes,
    side: row.side,
  };
}

export type DiffableItem = {
  exerciseId: string;
  exerciseName: string;
  mode: ItemMode;
  dosage: Dosage;
  patientNotes: string;
  instructions: string;
};

export type ItemChange = 'dosage' | 'mode' | 'notes' | 'instructions';

export type PlanDiff<T extends DiffableItem> = {
  added: T[];
  removed: T[];
  changed: Array<{ before: T; after: T; changes: ItemChange[] }>;
  unchanged: T[];
};

/** What changed between two versions of a plan, exercise by exercise. */
export function diffPlanItems<T extends DiffableItem>(before: readonly T[], after: readonly T[]): PlanDiff<T> {
  const beforeByExercise = new Map(before.map((item) => [item.exerciseId, item]));
  const afterIds = new Set(after.map((item) => item.exerciseId));
  const diff: PlanDiff<T> = { added: [], removed: [], changed: [], unchanged: [] };
  for (const item of after) {
    const previous = beforeByExercise.get(item.exerciseId);
    if (!previous) {
      diff.added.push(item);
      continue;
    }
    const changes: ItemChange[] = [];
    if (!isSameDosage(previous.dosage, item.dosage)) changes.push('dosage');
    if (previous.mode !== item.mode) changes.push('mode');
    if (previous.patientNotes !== item.patientNotes) changes.push('notes');
    if (previous.instructions !== item.instructions) changes.push('instructions');
    if (changes.length > 0) diff.changed.push({ before: previous, after: item, changes });
    else diff.unchanged.push(item);
  }
  for (const item of before) if (!afterIds.has(item.exerciseId)) diff.removed.push(item);
  return diff;
}
