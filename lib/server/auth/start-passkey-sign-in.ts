import 'server-only';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { PASSKEY_CHALLENGE_SECONDS } from '@/lib/domain/second-factor';
import { db } from '../db';
import { AppError } from '../errors';
import { issuePasskeyChallenge } from './issue-passkey-challenge';
import { loadSecondStep } from './load-second-step';
import { relyingParty } from './relying-party';

export const SECOND_STEP_EXPIRED = 'Your sign-in took too long. Please enter your email and password again.';

/** The passkey request for the second step of the sign-in `token` names: only that user's passkeys may answer it. */
export async function startPasskeySignIn(token: string | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const pending = await loadSecondStep(token);
  if (!pending) throw new AppError('UNAUTHENTICATED', SECOND_STEP_EXPIRED);
  const passkeys = await db.passkey.findMany({ where: { userId: pending.userId }, select: { credentialId: true, transports: true } });
  if (passkeys.length === 0) throw new AppError('INVALID_INPUT', 'You have no passkey. Use another way to sign in.');
  const challenge = await issuePasskeyChallenge(pending.userId, 'PASSKEY_SIGN_IN');
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    challenge: new Uint8Array(Buffer.from(challenge, 'base64url')),
    timeout: PASSKEY_CHALLENGE_SECONDS * 1_000,
    userVerification: 'required',
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
  });
}
