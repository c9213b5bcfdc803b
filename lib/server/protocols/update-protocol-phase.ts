import 'server-only';
import { phaseInputSchema, phaseOrderProblem } from '@/lib/schemas/protocol';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound, parseId, parseInput } from '../errors';
import { claimProtocolEdit, phaseFieldsSelect, protocolSelect, type ProtocolDto } from './protocol-select';

/**
 * Changes a phase's name, earliest day, entry criteria and precautions. Plans already made from this
 * protocol keep what they copied.
 */
export async function updateProtocolPhase({ actor, phaseId, input }: { actor: Actor; phaseId: string; input: unknown }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  parseId(phaseId, 'That phase');
  const { lockVersion, ...fields } = parseInput(phaseInputSchema, input);
  return db.$transaction(async (tx) => {
    const found = await tx.protocolPhase.findFirst({ where: { id: phaseId, protocol: { clinicId: actor.clinicId } }, select: { protocolId: true } });
    if (!found) throw notFound('That phase');
    const { protocolId } = found;
    const nextLockVersion = await claimProtocolEdit(tx, protocolId, lockVersion);
    const before = await tx.protocolPhase.findUniqueOrThrow({ where: { id: phaseId }, select: phaseFieldsSelect });
    const neighbours = await tx.protocolPhase.findMany({
      where: { protocolId, position: { in: [before.position - 1, before.position + 1] } },
      select: { position: true, earliestDay: true },
    });
    const problem = phaseOrderProblem({
      position: before.position,
      earliestDay: fields.earliestDay,
      previous: neighbours.find((phase) => phase.position < before.position) ?? null,
      next: neighbours.find((phase) => phase.position > before.position) ?? null,
    });
    if (problem) throw new AppError('INVALID_INPUT', problem, { earliestDay: [problem] });
    const after = await tx.protocolPhase.update({ where: { id: phaseId }, data: fields, select: phaseFieldsSelect });
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: actor.clinicId,
      action: 'protocol.update_phase',
      entityType: 'Protocol',
      entityId: protocolId,
      outcome: 'SUCCESS',
      ip: actor.ip,
      before: { lockVersion, phase: before },
      after: { lockVersion: nextLockVersion, phase: after },
    });
    return tx.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: protocolSelect });
  });
}
