'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { setUserActive } from '@/lib/server/users/set-user-active';

export async function setUserActiveAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(async () => {
    const actor = await requireActor();
    return setUserActive({ actor, input: { userId: form.get('userId'), isActive: form.get('isActive') === 'true' } });
  });
  if (result.ok) revalidatePath('/admin');
  return result;
}
