import 'server-only';
import { db } from '../db';
import type { PasskeyPurpose } from './issue-passkey-challenge';

/**
 * Uses up the challenge `challenge` if it was issued to `userId` for `purpose` and has not expired or been used:
 * true once, false ever after (two answers racing for it: one wins).
 */
export async function takePasskeyChallenge(userId: string, purpose: PasskeyPurpose, challenge: string, now = new Date()): Promise<boolean> {
  if (!challenge) return false;
  const taken = await db.authChallenge.updateMany({ where: { userId, purpose, challenge, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return taken.count === 1;
}
