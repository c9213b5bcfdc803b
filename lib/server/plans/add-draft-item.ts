import 'server-only';
import { localDay } from '@/lib/domain/clinic-time';
import { dosageOf } from '@/lib/domain/prescription';
import { conflictWarning, phaseRestrictionsOf, restrictionsInForce } from '@/lib/domain/restrictions';
import { addDraftItemSchema } from '@/lib/schemas/plan';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { dosageSelect } from '../dosage-select';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';
import { loadLatestOrder } from '../orders/load-latest-order';
import { restrictionsOfOrder } from '../orders/order-select';
import { lockDraft } from './lock-draft';
import { planItemData } from './plan-item-data';

/**
 * Adds a catalog exercise to a draft with the exercise's default dosage and mode. When what the exercise loads
 * (bending, lifting, twisting) is ruled out by the restrictions in force (the surgeon's orders, else the
 * phase's defaults), it is still added, since the therapist may mean to supervise it, but the answer says so.
 */
export async function addDraftItem({ actor, input, today: now = new Date() }: { actor: Actor; input: unknown; today?: Date }) {
  const { versionId, lockVersion, exerciseId } = parseInput(addDraftItemSchema, input);
  return db.$transaction(async (tx) => {
    const draft = await lockDraft(tx, actor, versionId, lockVersion);
    const exercise = await tx.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: { id: true, name: true, patientName: true, instructions: true, isSafeUnsupervised: true, retiredAt: true, loads: true, ...dosageSelect } });
    if (!exercise) throw notFound('That exercise');
    if (exercise.retiredAt) throw new AppError('INVALID_INPUT', `${exercise.name} is retired and cannot be added to plans.`);
    const existing = await tx.planItem.findMany({ where: { versionId }, select: { exerciseId: true, position: true } });
    if (existing.some((item) => item.exerciseId === exerciseId)) throw new AppError('CONFLICT', `${exercise.name} is already on this plan.`);
    const position = existing.reduce((max, item) => Math.max(max, item.position), 0) + 1;
    const item = await tx.planItem.create({
      data: { versionId, ...planItemData({ exercise, mode: exercise.isSafeUnsupervised ? 'SELF_DIRECTED' : 'SUPERVISED', dosage: dosageOf(exercise), patientNotes: '', position }) },
      select: { id: true, exerciseName: true, mode: true, contentHash: true },
    });
    await recordAudit(tx, actorDid(actor, 'plan.item_add', { type: 'PlanItem', id: item.id, patientId: draft.patientId }, { after: item }));
    const version = await tx.planVersion.findUniqueOrThrow({
      where: { id: versionId },
      select: { restrictions: true, phase: { select: { position: true } }, plan: { select: { episodeId: true, episode: { select: { protocol: { select: { phases: { select: { id: true, position: true, name: true } } } } } } } } },
    });
    const order = await loadLatestOrder(version.plan.episodeId);
    const inForce = restrictionsInForce({
      order: order ? restrictionsOfOrder(order, version.plan.episode.protocol.phases) : null,
      phaseDefaults: phaseRestrictionsOf(version.restrictions),
      today: localDay(now, actor.timeZone),
      currentPhasePosition: version.phase.position,
    });
    return { itemId: item.id, lockVersion: draft.lockVersion, warning: conflictWarning({ name: exercise.name, loads: exercise.loads }, inForce) };
  });
}
