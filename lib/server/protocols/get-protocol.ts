import 'server-only';
import type { Actor } from '../auth/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound, parseId } from '../errors';
import { protocolSelect, type ProtocolDto } from './protocol-select';

/** One protocol of the actor's clinic, phases in order, each with the exercises it adds in order. */
export async function getProtocol({ actor, protocolId }: { actor: Actor; protocolId: string }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.read');
  parseId(protocolId, 'That protocol');
  const protocol = await db.protocol.findFirst({ where: { id: protocolId, clinicId: actor.clinicId }, select: protocolSelect });
  if (!protocol) throw notFound('That protocol');
  return protocol;
}
