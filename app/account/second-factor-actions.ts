'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { runAction } from '@/lib/server/run-action';
import { addPasskey } from '@/lib/server/second-factor/add-passkey';
import { confirmAuthenticatorApp } from '@/lib/server/second-factor/confirm-authenticator-app';
import { makeRecoveryCodes } from '@/lib/server/second-factor/make-recovery-codes';
import { removeAuthenticatorApp } from '@/lib/server/second-factor/remove-authenticator-app';
import { removePasskey } from '@/lib/server/second-factor/remove-passkey';
import { startAuthenticatorApp } from '@/lib/server/second-factor/start-authenticator-app';
import { startPasskeyRegistration } from '@/lib/server/second-factor/start-passkey-registration';

// Adding a second factor is what a staff member whose clinic requires one may do before anything else, so these
// accept such a session (allowSecondFactorDue); everything is checked again in the data layer.
const actor = () => requireActor({ allowSecondFactorDue: true });

async function andRefresh<T>(work: () => Promise<T>): Promise<T> {
  const result = await work();
  revalidatePath('/account');
  return result;
}

export async function startPasskeyRegistrationAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => startPasskeyRegistration({ actor: await actor() }));
}

export async function addPasskeyAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => andRefresh(async () => addPasskey({ actor: await actor(), input: formFields(form) })));
}

export async function removePasskeyAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => andRefresh(async () => removePasskey({ actor: await actor(), input: formFields(form) })));
}

export async function startAuthenticatorAppAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => andRefresh(async () => startAuthenticatorApp({ actor: await actor() })));
}

// Not refreshed here: the page would swap the confirming form (and the recovery codes it shows once) for the
// set-up app's section. Its "Done" link reloads the page.
export async function confirmAuthenticatorAppAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => confirmAuthenticatorApp({ actor: await actor(), input: formFields(form) }));
}

export async function removeAuthenticatorAppAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => andRefresh(async () => removeAuthenticatorApp({ actor: await actor(), input: formFields(form) })));
}

export async function makeRecoveryCodesAction(_previous: unknown, form: FormData) {
  return runAction(form, async () => andRefresh(async () => makeRecoveryCodes({ actor: await actor(), input: formFields(form) })));
}
