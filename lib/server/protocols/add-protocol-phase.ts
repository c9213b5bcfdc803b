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

/** Adds a phase after the last one. Plans already made from this protocol are not affected. */
export async function addProtocolPhase({ actor, protocolId: rawProtocolId, input }: { actor: Actor; protocolId: unknown; input: unknown }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  const protocolId = parseId(rawProtocolId, 'That protocol');
  const { lockVersion, ...fields } = parseInput(phaseInputSchema, input);
  return db.$transaction(async (tx) => {
    const protocol = await tx.protocol.findFirst({ where: { id: protocolId, clinicId: actor.clinicId }, select: { id: true } });
    if (!protocol) throw notFound('That protocol');
    const nextLockVersion = await claimProtocolEdit(tx, protocolId, lockVersion);
    const last = await tx.protocolPhase.findFirst({
      where: { protocolId },
      orderBy: { position: 'desc' },
      select: { position: true, earliestDay: true },
    });
    const position = (last?.position ?? 0) + 1;
    const problem = phaseOrderProblem({ position, earliestDay: fields.earliestDay, previous: last, next: null });
    if (problem) throw new AppError('INVALID_INPUT', problem, { earliestDay: [problem] });
    const phase = await tx.protocolPhase.create({ data: { ...fields, protocolId, position }, select: phaseFieldsSelect });
    await recordAudit(tx, actorDid(actor, 'protocol.add_phase', { type: 'Protocol', id: protocolId }, { before: { lockVersion, phase: null }, after: { lockVersion: nextLockVersion, phase } }));
    return tx.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: protocolSelect });
  });
}
