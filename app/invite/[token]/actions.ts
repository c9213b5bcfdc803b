'use server';

import { headers } from 'next/headers';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { acceptInvitation } from '@/lib/server/invitations/accept-invitation';
import { clientIpFrom } from '@/lib/server/auth/client-ip';

export type SetPasswordState = ActionResult<{ email: string }> | null;

// Public on purpose: the invitation token is the credential. acceptInvitation checks the token, that the two
// passwords match and that the password is long enough.
export async function setPasswordAction(_previous: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  return runAction(form, async () => {
    const ip = clientIpFrom((await headers()).get('x-forwarded-for'));
    return acceptInvitation({ token: form.get('token'), password: form.get('password'), repeatPassword: form.get('repeatPassword'), ip });
  });
}
