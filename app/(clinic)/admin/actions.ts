'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { publicUrl } from '@/lib/server/public-url';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { createStaffUser } from '@/lib/server/users/create-staff-user';
import { inviteStaffUser } from '@/lib/server/users/invite-staff-user';
import { resetStaffPassword } from '@/lib/server/users/reset-staff-password';
import { setUserActive } from '@/lib/server/users/set-user-active';

export async function setUserActiveAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () => {
    const actor = await requireActor();
    return setUserActive({ actor, input: { userId: form.get('userId'), isActive: form.get('isActive') === 'true' } });
  });
  if (result.ok) revalidatePath('/admin');
  return result;
}

export type InvitationResult = { name: string; path: string; url: string; expiresAt: string };

// The link the admin hands over is built from the configured public address, never from the request's Host.
function shaped(result: { user: { name: string }; invitation: { path: string; expiresAt: Date } }): InvitationResult {
  return { name: result.user.name, path: result.invitation.path, url: publicUrl(result.invitation.path), expiresAt: result.invitation.expiresAt.toISOString() };
}

export async function createStaffUserAction(_previous: ActionResult<InvitationResult> | null, form: FormData) {
  const result = await runAction(form, async () =>
    shaped(await createStaffUser({ actor: await requireActor(), input: { name: form.get('name'), email: form.get('email'), role: form.get('role') } })),
  );
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function inviteStaffUserAction(_previous: ActionResult<InvitationResult> | null, form: FormData) {
  return runAction(form, async () => shaped(await inviteStaffUser({ actor: await requireActor(), input: { userId: form.get('userId') } })));
}

export async function resetStaffPasswordAction(_previous: ActionResult<InvitationResult> | null, form: FormData) {
  const result = await runAction(form, async () =>
    shaped(await resetStaffPassword({ actor: await requireActor(), input: { userId: form.get('userId'), password: form.get('password'), passkeyAnswer: form.get('passkeyAnswer') ?? '' } })),
  );
  // The list shows who has a password: this person no longer has one.
  if (result.ok) revalidatePath('/admin');
  return result;
}
