import { isSameDosage } from './dosage';
import type { Dosage, ItemMode, SignOffStatus } from './types';

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

export type Clearance = 'CLEARED' | 'WAITING_FOR_SURGEON' | 'DECLINED' | 'NOT_SENT';

/**
 * Where one approved prescription stands. Supervised items are cleared by the therapist's approval;
 * self-directed ones by a surgeon's signature on exactly this content (its hash).
 */
export function clearanceOf(
  item: { mode: ItemMode; contentHash: string },
  decisionsByHash: ReadonlyMap<string, SignOffStatus>,
): Clearance {
  if (item.mode === 'SUPERVISED') return 'CLEARED';
  const decision = decisionsByHash.get(item.contentHash);
  switch (decision) {
    case 'SIGNED':
      return 'CLEARED';
    case 'PENDING':
      return 'WAITING_FOR_SURGEON';
    case 'DECLINED':
      return 'DECLINED';
    case undefined:
      return 'NOT_SENT';
    default: {
      const unhandled: never = decision;
      throw new Error(`Unhandled sign-off status ${String(unhandled)}`);
    }
  }
}

/**
 * Reduces a patient's sign-off history to one decision per content hash: a signature wins over anything,
 * then a pending request, then a decline (a declined content approved again is asked again).
 */
export function decisionsByContentHash(signOffs: ReadonlyArray<{ contentHash: string; status: SignOffStatus }>): Map<string, SignOffStatus> {
  const rank: Record<SignOffStatus, number> = { SIGNED: 3, PENDING: 2, DECLINED: 1 };
  const decisions = new Map<string, SignOffStatus>();
  for (const signOff of signOffs) {
    const current = decisions.get(signOff.contentHash);
    if (!current || rank[signOff.status] > rank[current]) decisions.set(signOff.contentHash, signOff.status);
  }
  return decisions;
}
