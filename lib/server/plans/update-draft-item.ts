import 'server-only';
import { dosageOf } from '@/lib/domain/prescription';
import { prescriptionSchema, updateDraftItemSchema } from '@/lib/schemas/plan';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { dosageSelect } from '../dosage-select';
import { notFound } from '../errors';
import { parseInput } from '../parse-input';
import { lockDraft } from './lock-draft';
import { planItemData } from './plan-item-data';

const itemSelect = { id: true, versionId: true, exerciseId: true, exerciseName: true, patientName: true, instructions: true, position: true, mode: true, patientNotes: true, ...dosageSelect, contentHash: true } as const;

/** Changes one draft item's dosage, mode or notes to the patient. */
export async function updateDraftItem({ actor, input }: { actor: Actor; input: unknown }) {
  const raw = (input ?? {}) as Record<string, unknown>;
  const { itemId, lockVersion } = parseInput(updateDraftItemSchema, { itemId: raw.itemId, lockVersion: raw.lockVersion });
  const { itemId: _itemId, lockVersion: _lockVersion, ...prescriptionInput } = raw;
  const prescription = parseInput(prescriptionSchema, prescriptionInput);
  // Checked before any lookup, so an item id says nothing about whether it exists.
  requirePermission(actor, 'plan.edit');
  return db.$transaction(async (tx) => {
    const before = await tx.planItem.findFirst({ where: { id: itemId, version: { plan: { episode: { patient: patientVisibleTo(actor) } } } }, select: itemSelect });
    if (!before) throw notFound('That plan');
    const draft = await lockDraft(tx, actor, before.versionId, lockVersion);
    const { mode, patientNotes, ...dosage } = prescription;
    const after = await tx.planItem.update({
      where: { id: itemId },
      data: planItemData({
        exercise: { id: before.exerciseId, name: before.exerciseName, patientName: before.patientName, instructions: before.instructions },
        mode,
        dosage: dosageOf(dosage),
        patientNotes,
        position: before.position,
      }),
      select: itemSelect,
    });
    await recordAudit(tx, actorDid(actor, 'plan.item_update', { type: 'PlanItem', id: itemId, patientId: draft.patientId }, { before, after }));
    return { itemId, lockVersion: draft.lockVersion };
  });
}
