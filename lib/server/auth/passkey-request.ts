import 'server-only';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { PASSKEY_CHALLENGE_SECONDS } from '@/lib/domain/second-factor';
import { db } from '../db';
import { AppError } from '../errors';
import { issuePasskeyChallenge, type PasskeyPurpose } from './issue-passkey-challenge';
import { relyingParty } from './relying-party';

/**
 * What the browser needs to answer with one of this user's passkeys (and only theirs): a fresh server-side
 * challenge for `purpose`, single use, PASSKEY_CHALLENGE_SECONDS long. `noPasskey` is what a user without one reads.
 */
export async function passkeyRequest(userId: string, purpose: Exclude<PasskeyPurpose, 'PASSKEY_REGISTER'>, noPasskey: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) throw new AppError('INVALID_INPUT', noPasskey);
  const challenge = await issuePasskeyChallenge(userId, purpose);
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
    timeout: PASSKEY_CHALLENGE_SECONDS * 1_000,
    userVerification: 'required',
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
  });
}
