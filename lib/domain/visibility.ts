import { clearance } from './clearance';
import type { ItemMode } from './types';

export type PrescriptionView = { itemId: string; exerciseId: string; mode: ItemMode; contentHash: string };
export type ApprovedVersionView<T extends PrescriptionView> = { number: number; items: readonly T[] };
export type PortalPlan<T> = { home: T[]; withTherapist: T[] };

/**
 * Whether the patient may see this prescription (lib/domain/clearance.ts decides). `signedHashes` holds
 * only content hashes the surgeon SIGNED for this patient; pending and declined ones are absent on purpose,
 * so nothing short of a signature can clear a home exercise here.
 */
export function isCleared(item: PrescriptionView, signedHashes: ReadonlySet<string>): boolean {
  return clearance(item.mode, signedHashes.has(item.contentHash) ? 'SIGNED' : undefined) === 'CLEARED';
}

function newestClearedPrescription<T extends PrescriptionView>(
  exerciseId: string,
  newestFirst: readonly ApprovedVersionView<T>[],
  signedHashes: ReadonlySet<string>,
): T | null {
  for (const version of newestFirst) {
    for (const item of version.items) {
      if (item.exerciseId === exerciseId && isCleared(item, signedHashes)) return item;
    }
  }
  return null;
}

/**
 * What the patient portal shows. Only approved versions may be passed in.
 *
 * While the surgeon has not yet signed a changed self-directed prescription, the patient keeps
 * the last cleared one instead of losing the exercise or seeing unsigned content.
 */
export function portalPrescriptions<T extends PrescriptionView>(
  approvedVersions: readonly ApprovedVersionView<T>[],
  signedHashes: ReadonlySet<string>,
): PortalPlan<T> {
  const plan: PortalPlan<T> = { home: [], withTherapist: [] };
  const newestFirst = [...approvedVersions].sort((a, b) => b.number - a.number);
  const current = newestFirst[0];
  if (current === undefined) return plan;

  // Exercises removed in the current version are never shown, however well cleared before.
  const shownExercises = new Set<string>();
  for (const currentItem of current.items) {
    if (shownExercises.has(currentItem.exerciseId)) continue;
    shownExercises.add(currentItem.exerciseId);

    const chosen = newestClearedPrescription(currentItem.exerciseId, newestFirst, signedHashes);
    if (chosen === null) continue;

    const mode = chosen.mode;
    switch (mode) {
      case 'SELF_DIRECTED':
        plan.home.push(chosen);
        break;
      case 'SUPERVISED':
        plan.withTherapist.push(chosen);
        break;
      default: {
        const _exhaustive: never = mode;
        return _exhaustive;
      }
    }
  }
  return plan;
}


/**
 * The day the patient could first do this exercise as the plan has it now: the earliest moment a cleared
 * prescription of it stood, over the run of approved versions (newest back) that have kept the exercise.
 * A supervised prescription is cleared by its version's approval, a home one by the later of the approval
 * and the surgeon's signature (`signedAt`: when each content hash was signed). Null when it is not cleared.
 * Adherence expects nothing of an exercise before this day.
 */
export function clearedOn<T extends PrescriptionView>(
  exerciseId: string,
  approvedVersions: ReadonlyArray<ApprovedVersionView<T> & { approvedAt: Date }>,
  signedAt: ReadonlyMap<string, Date>,
): Date | null {
  const newestFirst = [...approvedVersions].sort((a, b) => b.number - a.number);
  let earliest: Date | null = null;
  for (const version of newestFirst) {
    const item = version.items.find((candidate) => candidate.exerciseId === exerciseId);
    // A version without the exercise ends the run: a gap means the exercise was stopped, then added again.
    if (!item) break;
    if (!isCleared(item, new Set(signedAt.keys()))) continue;
    const signed = signedAt.get(item.contentHash);
    const cleared = signed && signed > version.approvedAt ? signed : version.approvedAt;
    if (earliest === null || cleared < earliest) earliest = cleared;
  }
  return earliest;
}
