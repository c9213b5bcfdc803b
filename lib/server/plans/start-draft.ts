import 'server-only';
import { z } from 'zod';
import { dosageOf } from '@/lib/domain/prescription';
import { idSchema } from '@/lib/schemas/id';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db, type Tx } from '../db';
import { conflictOnUnique } from '../errors';
import { parseInput } from '../parse-input';
import { findPatientPlan } from './find-patient-plan';
import { planItemData } from './plan-item-data';

const schema = z.strictObject({ patientId: idSchema });

/**
 * Opens a draft to change a patient's plan: a copy of the current approved version, or of the first
 * phase of the protocol when nothing is approved yet. If a draft is already open, that draft is the
 * answer: there is only ever one.
 */
export async function startDraft({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'plan.edit');
  const { patientId } = parseInput(schema, input);
  return db
    .$transaction(async (tx) => openDraft(tx, actor, patientId))
    .catch(conflictOnUnique('Someone else opened a draft for this patient at the same moment. Reload to see it.'));
}

export async function openDraft(tx: Tx, actor: Actor, patientId: string) {
  const plan = await findPatientPlan(tx, actor, patientId);
  const existing = await tx.planVersion.findFirst({ where: { planId: plan.plan.id, status: 'DRAFT' }, select: { id: true, lockVersion: true } });
  if (existing) return { versionId: existing.id, lockVersion: existing.lockVersion, isNew: false };
  const newest = await tx.planVersion.findFirst({ where: { planId: plan.plan.id }, orderBy: { number: 'desc' }, select: { number: true } });
  const current = await tx.planVersion.findFirst({
    where: { planId: plan.plan.id, status: 'APPROVED' },
    orderBy: { number: 'desc' },
    select: { phaseId: true, precautions: true, restrictions: true, items: { orderBy: { position: 'asc' } } },
  });
  const firstPhase = plan.protocol.phases[0];
  const phaseId = current?.phaseId ?? firstPhase?.id;
  if (!phaseId) throw new Error('protocol has no phases');
  const items = current
    ? current.items.map(({ id: _id, versionId: _versionId, ...item }) => item)
    : (firstPhase?.exercises ?? [])
        .filter((entry) => !entry.exercise.retiredAt)
        .map((entry, index) => planItemData({ exercise: entry.exercise, mode: entry.mode, dosage: dosageOf(entry), patientNotes: '', position: index + 1 }));
  const draft = await tx.planVersion.create({
    data: {
      planId: plan.plan.id,
      number: (newest?.number ?? 0) + 1,
      phaseId,
      precautions: current?.precautions ?? firstPhase?.precautions ?? '',
      restrictions: current?.restrictions ?? firstPhase?.restrictions ?? {},
      createdById: actor.userId,
      items: { create: items },
    },
    select: { id: true, number: true, lockVersion: true },
  });
  await recordAudit(tx, actorDid(actor, 'plan.start_draft', { type: 'PlanVersion', id: draft.id, patientId }, { after: { number: draft.number, phaseId, items: items.map((item) => item.contentHash) } }));
  return { versionId: draft.id, lockVersion: draft.lockVersion, isNew: true };
}
