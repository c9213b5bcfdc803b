import 'server-only';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Tx } from '../db';
import { notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { issueInvitation, type CreatedInvitation } from './issue-invitation';
import { endAllSessions } from '../auth/end-sessions';

/** What the actor is told when the password they typed to confirm a reset is not theirs. */
export const RESET_REFUSED = 'That password is not right, so nothing was reset. Type your own password, the one you signed in with.';

/**
 * Takes a user's password away and issues a one-time link to choose a new one, inside the caller's
 * transaction: the old password stops working, every session of the account ends, the reset is on the
 * audit trail, and only the new link works. Internal: the caller has found the account through `scope`
 * (what the actor may reach) and confirmed the actor's own password; `scope` is checked again here under
 * the row lock, so an account that left it meanwhile (deactivated, say) is not reset.
 */
export async function resetPassword(
  tx: Tx,
  { actor, userId, scope, patientId }: { actor: Actor; userId: string; scope: Prisma.UserWhereInput; patientId: string | null },
): Promise<CreatedInvitation> {
  const [account] = await tx.$queryRaw<Array<{ hasPassword: boolean }>>`
    SELECT "passwordHash" IS NOT NULL AS "hasPassword" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const isStillInScope = (await tx.user.count({ where: { AND: [{ id: userId }, scope] } })) === 1;
  if (!account || !isStillInScope) throw notFound('That person');
  await tx.user.update({ where: { id: userId }, data: { passwordHash: null } });
  await endAllSessions(tx, userId);
  await recordAudit(tx, actorDid(actor, 'user.reset_password', { type: 'User', id: userId, patientId }, { before: { hasPassword: account.hasPassword }, after: { hasPassword: false, sessionsEnded: true } }));
  return issueInvitation(tx, { actor, userId, patientId });
}
