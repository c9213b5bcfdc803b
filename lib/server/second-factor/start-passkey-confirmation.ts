import 'server-only';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { PASSKEY_CHALLENGE_SECONDS } from '@/lib/domain/second-factor';
import { issuePasskeyChallenge } from '../auth/issue-passkey-challenge';
import { relyingParty } from '../auth/relying-party';
import type { Actor } from '../authz/actor';
import { db } from '../db';
import { AppError } from '../errors';

/**
 * What the browser needs to answer with one of the actor's passkeys in place of their password (signing,
 * approving, resetting a password, removing a factor). The challenge stays on the server, bound to the actor,
 * for PASSKEY_CHALLENGE_SECONDS and one use; confirmPassword checks the answer.
 */
export async function startPasskeyConfirmation({ actor }: { actor: Actor }) {
  // Every signed-in user may confirm with their own passkey; what it confirms checks its own permission.
  const passkeys = await db.passkey.findMany({ where: { userId: actor.userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) throw new AppError('INVALID_INPUT', 'You have no passkey. Type your password instead.');
  const challenge = await issuePasskeyChallenge(actor.userId, 'PASSKEY_CONFIRM');
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
    timeout: PASSKEY_CHALLENGE_SECONDS * 1_000,
    userVerification: 'required',
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
  });
}
