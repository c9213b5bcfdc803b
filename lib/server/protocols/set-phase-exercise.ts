import 'server-only';
import { phaseExerciseInputSchema } from '@/lib/schemas/protocol';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseId, parseInput } from '../parse-input';
import { phaseExerciseSelect, protocolSelect, type ProtocolDto } from './protocol-select';
import { claimProtocolEdit } from './claim-protocol-edit';

/**
 * Adds an exercise to a phase, or changes the mode and default dosage it has there. Plans already made from
 * this protocol keep the dosage they copied.
 */
export async function setPhaseExercise({ actor, phaseId: rawPhaseId, input }: { actor: Actor; phaseId: unknown; input: unknown }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  const phaseId = parseId(rawPhaseId, 'That phase');
  const { lockVersion, exerciseId, ...prescription } = parseInput(phaseExerciseInputSchema, input);
  return db.$transaction(async (tx) => {
    const phase = await tx.protocolPhase.findFirst({
      where: { id: phaseId, protocol: { clinicId: actor.clinicId } },
      select: { protocolId: true, position: true },
    });
    if (!phase) throw notFound('That phase');
    const { protocolId } = phase;
    const nextLockVersion = await claimProtocolEdit(tx, protocolId, lockVersion);
    const exercise = await tx.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: { name: true, retiredAt: true } });
    if (!exercise) throw notFound('That exercise');
    if (exercise.retiredAt) {
      const message = `${exercise.name} is retired from the catalog. It can be removed from this protocol, but not added or changed.`;
      throw new AppError('INVALID_INPUT', message, { exerciseId: [message] });
    }
    const before = await tx.protocolPhaseExercise.findUnique({ where: { phaseId_exerciseId: { phaseId, exerciseId } }, select: phaseExerciseSelect });
    let after;
    if (before) {
      after = await tx.protocolPhaseExercise.update({ where: { id: before.id }, data: prescription, select: phaseExerciseSelect });
    } else {
      // Each phase adds to the ones before it, so an exercise belongs to one phase of a protocol only.
      const elsewhere = await tx.protocolPhaseExercise.findFirst({
        where: { exerciseId, phase: { protocolId } },
        select: { phase: { select: { position: true } } },
      });
      if (elsewhere) {
        const message = `${exercise.name} is already in phase ${elsewhere.phase.position} of this protocol. Change its dosage there instead.`;
        throw new AppError('INVALID_INPUT', message, { exerciseId: [message] });
      }
      const last = await tx.protocolPhaseExercise.findFirst({ where: { phaseId }, orderBy: { position: 'desc' }, select: { position: true } });
      after = await tx.protocolPhaseExercise.create({
        data: { ...prescription, phaseId, exerciseId, position: (last?.position ?? 0) + 1 },
        select: phaseExerciseSelect,
      });
    }
    await recordAudit(tx, actorDid(actor, before ? 'protocol.update_phase_exercise' : 'protocol.add_phase_exercise', { type: 'Protocol', id: protocolId }, { before: { lockVersion, phaseId, phaseExercise: before }, after: { lockVersion: nextLockVersion, phaseId, phaseExercise: after } }));
    return tx.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: protocolSelect });
  });
}
