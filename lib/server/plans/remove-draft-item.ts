import 'server-only';
import { updateDraftItemSchema } from '@/lib/schemas/plan';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { notFound } from '../errors';
import { parseInput } from '../parse-input';
import { lockDraft } from './lock-draft';

/** Takes an exercise off a draft. Approved versions keep it: they never change. */
export async function removeDraftItem({ actor, input }: { actor: Actor; input: unknown }) {
  const { itemId, lockVersion } = parseInput(updateDraftItemSchema, input);
  // Checked before any lookup, so an item id says nothing about whether it exists.
  requirePermission(actor, 'plan.edit');
  return db.$transaction(async (tx) => {
    const before = await tx.planItem.findFirst({ where: { id: itemId, version: { plan: { episode: { patient: patientVisibleTo(actor) } } } }, select: { id: true, versionId: true, exerciseName: true, mode: true, contentHash: true } });
    if (!before) throw notFound('That plan');
    const draft = await lockDraft(tx, actor, before.versionId, lockVersion);
    await tx.planItem.delete({ where: { id: itemId } });
    await recordAudit(tx, actorDid(actor, 'plan.item_remove', { type: 'PlanItem', id: itemId, patientId: draft.patientId }, { before }));
    return { lockVersion: draft.lockVersion };
  });
}
