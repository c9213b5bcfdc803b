import 'server-only';
import { advanceProblems, phaseGate } from '@/lib/domain/phase-gate';
import { phaseProgress } from '@/lib/domain/phases';
import { dosageOf } from '@/lib/domain/prescription';
import { advancePhaseSchema } from '@/lib/schemas/plan';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, conflictOnUnique } from '../errors';
import { parseInput } from '../parse-input';
import { findPatientPlan } from './find-patient-plan';
import { planItemData } from './plan-item-data';

/**
 * Moves a patient towards the protocol's next phase: a new draft that keeps every current item and
 * dosage and adds the next phase's exercises with their defaults. The criteria the therapist ticked, and
 * the reason when it is before the phase's earliest day, are kept on the draft. Nothing reaches the
 * patient until the therapist approves the draft.
 */
export async function advancePhase({ actor, input, today = new Date() }: { actor: Actor; input: unknown; today?: Date }) {
  requirePermission(actor, 'plan.edit');
  const { patientId, criteriaMet, reason } = parseInput(advancePhaseSchema, input);
  return db.$transaction(async (tx) => {
    const plan = await findPatientPlan(tx, actor, patientId);
    const draft = await tx.planVersion.findFirst({ where: { planId: plan.plan.id, status: 'DRAFT' }, select: { id: true } });
    if (draft) throw new AppError('CONFLICT', 'This patient already has a draft. Approve or discard it before advancing.');
    const current = await tx.planVersion.findFirst({
      where: { planId: plan.plan.id, status: 'APPROVED' },
      orderBy: { number: 'desc' },
      select: { number: true, phaseId: true, items: { orderBy: { position: 'asc' } } },
    });
    if (!current) throw new AppError('INVALID_INPUT', 'Approve a first plan before advancing to the next phase.');
    const { next: nextPhase } = phaseProgress(plan.protocol.phases, current.phaseId);
    if (!nextPhase) throw new AppError('INVALID_INPUT', 'This patient is already in the last phase of the protocol.');

    const gate = phaseGate({ surgeryDate: plan.surgeryDate, today, phase: nextPhase });
    const problems = advanceProblems({ gate, reason, criteriaMet });
    if (problems.length > 0) throw new AppError('INVALID_INPUT', problems.join(' '), { reason: problems });

    const kept = current.items.map(({ id: _id, versionId: _versionId, ...item }) => item);
    const keptIds = new Set(kept.map((item) => item.exerciseId));
    const added = nextPhase.exercises
      .filter((entry) => !keptIds.has(entry.exercise.id) && !entry.exercise.retiredAt)
      .map((entry, index) =>
        planItemData({ exercise: entry.exercise, mode: entry.mode, dosage: dosageOf(entry), patientNotes: '', position: kept.length + index + 1 }),
      );
    const created = await tx.planVersion.create({
      data: {
        planId: plan.plan.id,
        number: current.number + 1,
        phaseId: nextPhase.id,
        precautions: nextPhase.precautions,
        restrictions: nextPhase.restrictions ?? {},
        createdById: actor.userId,
        criteriaMet,
        advanceReason: gate.isEarly ? reason : reason || null,
        items: { create: [...kept, ...added] },
      },
      select: { id: true, number: true },
    });
    await recordAudit(tx, actorDid(actor, 'plan.advance', { type: 'PlanVersion', id: created.id, patientId }, { after: { number: created.number, phase: nextPhase.name, criteriaMet, isEarly: gate.isEarly, reason: reason || null, added: added.map((item) => item.exerciseName) } }));
    return { versionId: created.id, number: created.number, phaseName: nextPhase.name, added: added.map((item) => item.exerciseName) };
  }).catch(conflictOnUnique('Someone else opened a draft for this patient at the same moment. Reload to see it.'));
}
