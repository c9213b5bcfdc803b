'use server';

import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/server/auth/get-actor';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { changePassword } from '@/lib/server/users/change-password';
import { signOutEverywhere } from '@/lib/server/users/sign-out-everywhere';

export async function changePasswordAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () =>
    changePassword({
      actor: await requireActor(),
      input: { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword'), repeatPassword: form.get('repeatPassword') },
    }),
  );
  if (!result.ok) return result;
  // Every session ended with the change, this one too.
  redirect('/login');
}

export async function signOutEverywhereAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () => signOutEverywhere({ actor: await requireActor() }));
  if (!result.ok) return result;
  redirect('/login');
}
