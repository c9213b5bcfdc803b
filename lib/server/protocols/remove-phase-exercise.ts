import 'server-only';
import { protocolEditSchema } from '@/lib/schemas/protocol';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId, parseInput } from '../parse-input';
import { phaseExerciseSelect, protocolSelect, type ProtocolDto } from './protocol-select';
import { claimProtocolEdit } from './claim-protocol-edit';

/**
 * Takes an exercise out of a phase; the ones after it move up so positions stay 1..n. Plans already made
 * from this protocol keep the exercise.
 */
export async function removePhaseExercise({
  actor,
  phaseId: rawPhaseId,
  exerciseId: rawExerciseId,
  input,
}: {
  actor: Actor;
  phaseId: unknown;
  exerciseId: unknown;
  input: unknown;
}): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  const phaseId = parseId(rawPhaseId, 'That phase');
  const exerciseId = parseId(rawExerciseId, 'That exercise');
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
    await recordAudit(tx, actorDid(actor, 'protocol.remove_phase_exercise', { type: 'Protocol', id: protocolId }, { before: { lockVersion, phaseId, phaseExercise: before }, after: { lockVersion: nextLockVersion, phaseId, phaseExercise: null } }));
    return tx.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: protocolSelect });
  });
}
