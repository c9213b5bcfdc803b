import type { ItemMode, SignOffStatus } from './types';

function coversContent(status: SignOffStatus): boolean {
  switch (status) {
    case 'SIGNED':
    case 'PENDING':
      return true;
    case 'DECLINED':
      // The therapist approved it again after a decline, so the surgeon must look again.
      return false;
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}

function needsSurgeon(mode: ItemMode): boolean {
  switch (mode) {
    case 'SELF_DIRECTED':
      return true;
    case 'SUPERVISED':
      return false;
    default: {
      const _exhaustive: never = mode;
      return _exhaustive;
    }
  }
}

/**
 * On approval, the self-directed prescriptions to send to the surgeon. An unchanged item carried
 * forward keeps its earlier signature (or request); any content change means a new hash and so
 * a new request.
 */
export function itemsNeedingSignOff<T extends { itemId: string; mode: ItemMode; contentHash: string }>(
  items: readonly T[],
  existing: ReadonlyArray<{ contentHash: string; status: SignOffStatus }>,
): T[] {
  const covered = new Set<string>();
  for (const signOff of existing) {
    if (coversContent(signOff.status)) covered.add(signOff.contentHash);
  }
  const toSend: T[] = [];
  for (const item of items) {
    if (!needsSurgeon(item.mode)) continue;
    if (covered.has(item.contentHash)) continue;
    // One request per content: the surgeon signs content, not rows.
    covered.add(item.contentHash);
    toSend.push(item);
  }
  return toSend;
}
