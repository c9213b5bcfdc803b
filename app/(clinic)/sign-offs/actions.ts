'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';

export async function decideSignOffAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () =>
    decideSignOff({
      actor: await requireActor(),
      input: { signOffId: form.get('signOffId'), decision: form.get('decision'), contentHash: form.get('contentHash'), reason: form.get('reason') ?? '', password: form.get('password'), passkeyAnswer: form.get('passkeyAnswer') ?? '' },
    }),
  );
  if (result.ok) revalidatePath('/sign-offs');
  return result;
}
