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

/** A prescription's editable fields as a form shows them: every value as typed text ('' for blank). */
export type ShownPrescription = {
  itemId: string;
  mode: string;
  patientNotes: string;
  sets: string;
  reps: string;
  holdSeconds: string;
  timesPerDay: string;
  daysPerWeek: string;
  minutes: string;
  side: string;
};

const SHOWN_NUMBER_FIELDS = ['sets', 'reps', 'holdSeconds', 'timesPerDay', 'daysPerWeek', 'minutes'] as const;

/**
 * The names of the saved prescriptions whose form on the screen shows something else: an edit typed but not
 * saved. Approving must approve exactly what the therapist sees, so any name here refuses the approval. An
 * item missing from the screen, or a screen item no longer saved, counts as a difference too.
 */
export function unsavedPrescriptions(
  saved: ReadonlyArray<{ id: string; exerciseName: string; mode: ItemMode; patientNotes: string; dosage: Dosage }>,
  shown: readonly ShownPrescription[],
): string[] {
  const shownById = new Map(shown.map((item) => [item.itemId, item]));
  const differing: string[] = [];
  for (const item of saved) {
    const onScreen = shownById.get(item.id);
    shownById.delete(item.id);
    const isSame =
      onScreen !== undefined &&
      onScreen.mode === item.mode &&
      onScreen.patientNotes.trim() === item.patientNotes &&
      onScreen.side === item.dosage.side &&
      SHOWN_NUMBER_FIELDS.every((field) => onScreen[field].trim() === (item.dosage[field] === null ? '' : String(item.dosage[field])));
    if (!isSame) differing.push(item.exerciseName);
  }
  if (shownById.size > 0) differing.push('an exercise that is no longer in this draft');
  return differing;
}
