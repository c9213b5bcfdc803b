import 'server-only';
import { protocolEditSchema } from '@/lib/schemas/protocol';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseId, parseInput } from '../parse-input';
import { phaseSelect, protocolSelect, type ProtocolDto } from './protocol-select';
import { claimProtocolEdit } from './claim-protocol-edit';

/**
 * Removes the last phase and the exercises it adds. Only the last one, so positions stay 1..n with no gaps;
 * and never a phase a patient's plan is in, since that plan version points at it.
 */
export async function removeProtocolPhase({ actor, phaseId: rawPhaseId, input }: { actor: Actor; phaseId: unknown; input: unknown }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  const phaseId = parseId(rawPhaseId, 'That phase');
  const { lockVersion } = parseInput(protocolEditSchema, input);
  return db.$transaction(async (tx) => {
    const found = await tx.protocolPhase.findFirst({ where: { id: phaseId, protocol: { clinicId: actor.clinicId } }, select: { protocolId: true } });
    if (!found) throw notFound('That phase');
    const { protocolId } = found;
    const nextLockVersion = await claimProtocolEdit(tx, protocolId, lockVersion);
    const before = await tx.protocolPhase.findUniqueOrThrow({ where: { id: phaseId }, select: phaseSelect });
    const last = await tx.protocolPhase.findFirst({ where: { protocolId }, orderBy: { position: 'desc' }, select: { position: true } });
    if (last && last.position !== before.position) {
      throw new AppError('CONFLICT', `Only the last phase can be removed. Phase ${before.position} is followed by phase ${before.position + 1}.`);
    }
    const planVersionCount = await tx.planVersion.count({ where: { phaseId } });
    if (planVersionCount > 0) {
      throw new AppError(
        'CONFLICT',
        `Phase ${before.position} can't be removed because at least one patient's plan is in this phase. You can still change its name, days, criteria, precautions and exercises.`,
      );
    }
    await tx.protocolPhase.delete({ where: { id: phaseId } });
    await recordAudit(tx, actorDid(actor, 'protocol.remove_phase', { type: 'Protocol', id: protocolId }, { before: { lockVersion, phase: before }, after: { lockVersion: nextLockVersion, phase: null } }));
    return tx.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: protocolSelect });
  });
}
