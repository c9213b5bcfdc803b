import 'server-only';
import type { Tx } from '../db';

/** Ends every open session of a user (sign out everywhere, deactivation, password change). */
export async function endAllSessions(tx: Tx, userId: string): Promise<void> {
  await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
