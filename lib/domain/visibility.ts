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

