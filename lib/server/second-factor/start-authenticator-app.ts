import 'server-only';
import { generateSecret } from 'otplib';
import { sealFactorSecret } from '../auth/factor-key';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';

/**
 * Starts setting up an authenticator app: a new secret (20 random bytes), sealed at rest, that counts once the
 * actor confirms it with a code (confirm-authenticator-app.ts). A set-up not yet confirmed is replaced.
 */
export async function startAuthenticatorApp({ actor }: { actor: Actor }): Promise<void> {
  requirePermission(actor, 'account.second_factor');
  const secretSealed = sealFactorSecret(generateSecret(), actor.userId);
  await db.$transaction(async (tx) => {
    const existing = await tx.totpFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new AppError('CONFLICT', 'You already use an authenticator app. Remove it first to set up another.');
    await tx.totpFactor.upsert({ where: { userId: actor.userId }, create: { userId: actor.userId, secretSealed }, update: { secretSealed, lastUsedStep: null, createdAt: new Date() } });
    await recordAudit(tx, actorDid(actor, 'second_factor.authenticator_started', { type: 'User', id: actor.userId }));
  });
}
