import 'server-only';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId } from '../parse-input';
import { protocolSelect, type ProtocolDto } from './protocol-select';

/** One protocol of the actor's clinic, phases in order, each with the exercises it adds in order. */
export async function getProtocol({ actor, protocolId: rawProtocolId }: { actor: Actor; protocolId: unknown }): Promise<ProtocolDto> {
  requirePermission(actor, 'protocol.read');
  const protocolId = parseId(rawProtocolId, 'That protocol');
  const protocol = await db.protocol.findFirst({ where: { id: protocolId, clinicId: actor.clinicId }, select: protocolSelect });
  if (!protocol) throw notFound('That protocol');
  return protocol;
}
