import 'server-only';
import { randomBytes } from 'node:crypto';
import { PASSKEY_CHALLENGE_SECONDS } from '@/lib/domain/second-factor';
import { db, type Tx } from '../db';

export type PasskeyPurpose = 'PASSKEY_REGISTER' | 'PASSKEY_SIGN_IN' | 'PASSKEY_CONFIRM';

/**
 * A new WebAuthn challenge for `userId`, kept on the server: single use, short-lived, bound to the user and to
 * what it is for. The browser's answer is accepted only against a challenge found here (take-passkey-challenge.ts).
 */
export async function issuePasskeyChallenge(userId: string, purpose: PasskeyPurpose, { writer = db, now = new Date() }: { writer?: Tx | typeof db; now?: Date } = {}): Promise<string> {
  const challenge = randomBytes(32).toString('base64url');
  // Old challenges of this user are of no more use; keep the table small.
  await writer.authChallenge.deleteMany({ where: { userId, purpose: { not: 'SECOND_STEP' }, OR: [{ expiresAt: { lt: now } }, { usedAt: { not: null } }] } });
  await writer.authChallenge.create({ data: { userId, purpose, challenge, expiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_SECONDS * 1_000) } });
  return challenge;
}
