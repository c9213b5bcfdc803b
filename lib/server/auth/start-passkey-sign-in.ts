import 'server-only';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { AppError } from '../errors';
import { loadSecondStep } from './load-second-step';
import { passkeyRequest } from './passkey-request';

export const SECOND_STEP_EXPIRED = 'Your sign-in took too long. Please enter your email and password again.';

/** The passkey request for the second step of the sign-in `token` names: only that user's passkeys may answer it. */
export async function startPasskeySignIn(token: string | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const pending = await loadSecondStep(token);
  if (!pending) throw new AppError('UNAUTHENTICATED', SECOND_STEP_EXPIRED);
  return passkeyRequest(pending.userId, 'PASSKEY_SIGN_IN', 'You have no passkey. Use another way to sign in.');
}
