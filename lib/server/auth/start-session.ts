import 'server-only';
import type { Tx } from '../db';

/** Opens a session row for a successful sign-in; the JWT cookie carries only its id. */
export async function startSession(tx: Tx, userId: string, ip: string | null): Promise<string> {
  const session = await tx.userSession.create({ data: { userId, ip }, select: { id: true } });
  return session.id;
}
