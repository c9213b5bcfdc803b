'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { logSession } from '@/lib/server/portal/log-session';

export async function logSessionAction(_previous: ActionResult<{ exerciseName: string }> | null, form: FormData) {
  const result = await runAction(form, async () => {
    const logged = await logSession({
      actor: await requireActor(),
      input: {
        exerciseId: form.get('exerciseId'),
        performedOn: form.get('performedOn'),
        completed: form.get('completed'),
        setsCompleted: form.get('setsCompleted'),
        pain: form.get('pain'),
        note: form.get('note') ?? '',
      },
    });
    return { exerciseName: logged.exerciseName };
  });
  if (result.ok) revalidatePath('/portal');
  return result;
}
