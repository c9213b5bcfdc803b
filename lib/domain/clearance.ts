import type { ItemMode, SignOffStatus } from './types';

// The one rule for who must clear a prescription before the patient may do it: the therapist's approval
// clears a supervised exercise (the therapist is there); an exercise done alone at home also needs the
// spine surgeon's signature on exactly this content (its hash). The portal, the caseload, the plan pages
// and the routing of approvals to the surgeon all ask this module.

export type Clearance = 'CLEARED' | 'WAITING_FOR_SURGEON' | 'DECLINED' | 'NOT_SENT';

/** Whether this mode of prescription needs the surgeon's signature before the patient sees it. */
export function needsSurgeonSignature(mode: ItemMode): boolean {
  switch (mode) {
    case 'SELF_DIRECTED':
      return true;
    case 'SUPERVISED':
      return false;
    default: {
      const unhandled: never = mode;
      throw new Error(`Unhandled item mode ${String(unhandled)}`);
    }
  }
}

/** Where one approved prescription stands, given the surgeon's decision on its content (if any). */
export function clearance(mode: ItemMode, decision: SignOffStatus | undefined): Clearance {
  if (!needsSurgeonSignature(mode)) return 'CLEARED';
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

// A signature wins over anything, then a pending request, then a decline: a declined content approved
// again is asked again, and a signed content stays signed whatever else happened to it.
const DECISION_RANK: Record<SignOffStatus, number> = { SIGNED: 3, PENDING: 2, DECLINED: 1 };

/** Reduces a patient's sign-off history to the decision that counts for each content hash. */
export function decisionsByContentHash(signOffs: ReadonlyArray<{ contentHash: string; status: SignOffStatus }>): Map<string, SignOffStatus> {
  const decisions = new Map<string, SignOffStatus>();
  for (const signOff of signOffs) {
    const current = decisions.get(signOff.contentHash);
    if (!current || DECISION_RANK[signOff.status] > DECISION_RANK[current]) decisions.set(signOff.contentHash, signOff.status);
  }
  return decisions;
}

/** When the surgeon signed each content hash, from any list of a patient's sign-offs. */
export function signedAtByContentHash(signOffs: ReadonlyArray<{ contentHash: string; status: SignOffStatus; decidedAt: Date | null }>): Map<string, Date> {
  const signedAt = new Map<string, Date>();
  for (const signOff of signOffs) {
    if (clearance('SELF_DIRECTED', signOff.status) !== 'CLEARED' || !signOff.decidedAt) continue;
    const earlier = signedAt.get(signOff.contentHash);
    if (!earlier || signOff.decidedAt < earlier) signedAt.set(signOff.contentHash, signOff.decidedAt);
  }
  return signedAt;
}

/** The content hashes the surgeon has signed, from any list of a patient's sign-offs. */
export function signedContentHashes(signOffs: ReadonlyArray<{ contentHash: string; status: SignOffStatus }>): Set<string> {
  const signed = new Set<string>();
  for (const [contentHash, decision] of decisionsByContentHash(signOffs)) if (decision === 'SIGNED') signed.add(contentHash);
  return signed;
}

/** Where one approved prescription stands, from the patient's decisions by content hash. */
export function clearanceOf(item: { mode: ItemMode; contentHash: string }, decisions: ReadonlyMap<string, SignOffStatus>): Clearance {
  return clearance(item.mode, decisions.get(item.contentHash));
}

/** Whether approving a prescription in this state must send the surgeon a request. */
export function needsSignOffRequest(state: Clearance): boolean {
  switch (state) {
    case 'NOT_SENT':
    case 'DECLINED':
      return true;
    case 'CLEARED':
    case 'WAITING_FOR_SURGEON':
      return false;
    default: {
      const unhandled: never = state;
      throw new Error(`Unhandled clearance ${String(unhandled)}`);
    }
  }
}

/**
 * On approval, the prescriptions to send to the surgeon. An unchanged item carried forward keeps its
 * earlier signature (or request); any content change means a new hash and so a new request. One request
 * per content: the surgeon signs content, not rows.
 */
export function itemsNeedingSignOff<T extends { itemId: string; mode: ItemMode; contentHash: string }>(
  items: readonly T[],
  existing: ReadonlyArray<{ contentHash: string; status: SignOffStatus }>,
): T[] {
  const decisions = decisionsByContentHash(existing);
  const sent = new Set<string>();
  const toSend: T[] = [];
  for (const item of items) {
    if (!needsSignOffRequest(clearanceOf(item, decisions))) continue;
    if (sent.has(item.contentHash)) continue;
    sent.add(item.contentHash);
    toSend.push(item);
  }
  return toSend;
}
