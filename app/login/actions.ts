'use server';

import { secondStepTokenOfRequest } from '@/lib/server/auth/second-step-cookie';
import { startPasskeySignIn } from '@/lib/server/auth/start-passkey-sign-in';
import { runAction } from '@/lib/server/run-action';

/**
 * The passkey challenge for the second step of signing in. No session exists yet: the second step's cookie
 * (set when the password was right) names the user, and only their passkeys may answer.
 */
export async function startPasskeySignInAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => startPasskeySignIn(await secondStepTokenOfRequest()));
}
