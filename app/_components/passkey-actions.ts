'use server';

import { requireActor } from '@/lib/server/auth/get-actor';
import { runAction } from '@/lib/server/run-action';
import { startPasskeyConfirmation } from '@/lib/server/second-factor/start-passkey-confirmation';

/** A passkey challenge for the signed-in user, to answer in place of their password (PasswordOrPasskey). */
export async function startPasskeyConfirmationAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => startPasskeyConfirmation({ actor: await requireActor({ allowSecondFactorDue: true }) }));
}
