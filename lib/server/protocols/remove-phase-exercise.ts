import 'server-only';
import { protocolEditSchema } from '@/lib/schemas/protocol';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound, parseId, parseInput } from '../errors';
import { claimProtocolEdit, phaseExerciseSelect, protocolSelect, type ProtocolDto } from './protocol-select';

/**
 * Takes an exercise out of a phase; the ones after it move up so positions stay 1..n. Plans already made
 * from this protocol keep the exercise.
 */
export async function removePhaseExercise({
  actor,
  phaseId,
  exerciseId,
  input,
}: {
  actor: Actor;
  phaseId: string;
  exerciseId: string;
  input: unknown;
}): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  parseId(phaseId, 'That phase');
  parseId(exerciseId, 'That exercise');
  const { lockVersion } = parseInput(protocolEditSchema, input);
  return db.$transaction(async (tx) => {
    const phase = await tx.protocolPhase.findFirst({ where: { id: phaseId, protocol: { clinicId: actor.clinicId } }, select: { protocolId: true } });
    if (!phase) throw notFound('That phase');
    const { protocolId } = phase;
    const nextLockVersion = await claimProtocolEdit(tx, protocolId, lockVersion);
    const before = await tx.protocolPhaseExercise.findUnique({ where: { phaseId_exerciseId: { phaseId, exerciseId } }, select: phaseExerciseSelect });
    if (!before) throw notFound('That exercise');
    await tx.protocolPhaseExercise.delete({ where: { id: before.id } });
    await tx.protocolPhaseExercise.updateMany({ where: { phaseId, position: { gt: before.position } }, data: { position: { decrement: 1 } } });
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: actor.clinicId,
      action: 'protocol.remove_phase_exercise',
      entityType: 'Protocol',
      entityId: protocolId,
      outcome: 'SUCCESS',
      ip: actor.ip,
      before: { lockVersion, phaseId, phaseExercise: before },
      after: { lockVersion: nextLockVersion, phaseId, phaseExercise: null },
    });
    return tx.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: protocolSelect });
  });
}
