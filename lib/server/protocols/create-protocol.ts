import 'server-only';
import { protocolInputSchema } from '@/lib/schemas/protocol';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../parse-input';
import { protocolSelect, type ProtocolDto } from './protocol-select';

/** A new, empty protocol for the actor's clinic; phases are added one at a time. */
export async function createProtocol({ actor, input }: { actor: Actor; input: unknown }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.write');
  const data = parseInput(protocolInputSchema, input);
  return db.$transaction(async (tx) => {
    const clash = await tx.protocol.findFirst({
      where: { clinicId: actor.clinicId, name: { equals: data.name, mode: 'insensitive' } },
      select: { id: true },
    });
    if (clash) throw new AppError('CONFLICT', `A protocol called "${data.name}" already exists.`, { name: ['This name is taken.'] });
    const protocol = await tx.protocol.create({ data: { ...data, clinicId: actor.clinicId }, select: protocolSelect });
    await recordAudit(tx, actorDid(actor, 'protocol.create', { type: 'Protocol', id: protocol.id }, { after: protocol }));
    return protocol;
  });
}
