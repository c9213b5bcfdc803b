import 'server-only';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { protocolSummarySelect, type ProtocolSummaryDto } from './protocol-select';

/** The clinic's protocols; nothing of another clinic. */
export async function listProtocols({ actor }: { actor: Actor }): Promise<ProtocolSummaryDto[]> {
  requirePermission(actor, 'protocol.read');
  return db.protocol.findMany({ where: { clinicId: actor.clinicId }, select: protocolSummarySelect, orderBy: { name: 'asc' } });
}
