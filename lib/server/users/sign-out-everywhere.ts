import 'server-only';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { endAllSessions } from '../auth/end-sessions';
import { db } from '../db';

/** Ends every session of the actor, on every device, from their next request on. */
export async function signOutEverywhere({ actor }: { actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    await endAllSessions(tx, actor.userId);
    await recordAudit(tx, actorDid(actor, 'auth.sign_out_everywhere', { type: 'User', id: actor.userId }));
  });
}
