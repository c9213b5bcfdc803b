import 'server-only';
import { phaseOrderProblem } from '@/lib/domain/phases';
import { phaseInputSchema } from '@/lib/schemas/protocol';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseId, parseInput } from '../parse-input';
import { phaseFieldsSelect, protocolSelect, type ProtocolDto } from './protocol-select';
import { claimProtocolEdit } from './claim-protocol-edit';

/**
 * Changes a phase's name, earliest day, entry criteria and precautions. Plans already made from this
 * protocol keep what they copied.
 */
export async function updateProtocolPhase({ actor, phaseId: rawPhaseId, input }: { actor: Actor; phaseId: unknown; input: unknown }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  const phaseId = parseId(rawPhaseId, 'That phase');
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
    await recordAudit(tx, actorDid(actor, 'protocol.update_phase', { type: 'Protocol', id: protocolId }, { before: { lockVersion, phase: before }, after: { lockVersion: nextLockVersion, phase: after } }));
    return tx.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: protocolSelect });
  });
}
