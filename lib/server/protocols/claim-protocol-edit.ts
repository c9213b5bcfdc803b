import 'server-only';
import type { Tx } from '../db';
import { AppError } from '../errors';

export const PROTOCOL_CONFLICT_MESSAGE =
  'Someone else changed this protocol while you were editing. Reload to see their changes; nothing was saved.';

/**
 * Every change to a protocol, its phases or their exercises goes through here first. The conditional update
 * bumps lockVersion only if it is still the version the editor saw, and holds the protocol's row lock until
 * the transaction ends, so two edits of one protocol never interleave. Returns the new lockVersion.
 */
export async function claimProtocolEdit(tx: Tx, protocolId: string, lockVersion: number): Promise<number> {
  const { count } = await tx.protocol.updateMany({ where: { id: protocolId, lockVersion }, data: { lockVersion: { increment: 1 } } });
  if (count !== 1) throw new AppError('CONFLICT', PROTOCOL_CONFLICT_MESSAGE);
  return lockVersion + 1;
}

