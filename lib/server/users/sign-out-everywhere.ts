import 'server-only';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { endAllSessions } from '../auth/end-sessions';
import { db } from '../db';

/** Ends every session of the actor, on every device, from their next request on. */
export async function signOutEverywhere({ actor }: { actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    await endAllSessions(tx, actor.userId);
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: actor.clinicId,
      action: 'auth.sign_out_everywhere',
      entityType: 'User',
      entityId: actor.userId,
      outcome: 'SUCCESS',
      ip: actor.ip,
    });
  });
}
