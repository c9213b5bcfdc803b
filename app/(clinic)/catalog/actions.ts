'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { removeExerciseMedia } from '@/lib/server/media/remove-exercise-media';
import { setFeaturedMedia } from '@/lib/server/media/set-featured-media';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { createExercise } from '@/lib/server/exercises/create-exercise';
import { setExerciseRetired } from '@/lib/server/exercises/set-exercise-retired';
import { updateExercise } from '@/lib/server/exercises/update-exercise';

// Server actions are public POST endpoints: each one checks the session and hands the raw form to the data
// layer, which parses it (ids included) and checks what this user may do.

export type FormState = ActionResult<{ id: string }> | null;

const exerciseFields = (form: FormData) => formFields(form, { except: ['exerciseId'], lists: ['loads'] });

export async function createExerciseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await runAction(form, async () => {
    const actor = await requireActor();
    return createExercise({ actor, input: exerciseFields(form) });
  });
  if (!result.ok) return result;
  revalidatePath('/catalog');
  redirect(`/catalog/${result.data.id}`);
}

export async function updateExerciseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await runAction(form, async () => {
    const actor = await requireActor();
    return updateExercise({ actor, exerciseId: form.get('exerciseId'), input: exerciseFields(form) });
  });
  if (!result.ok) return result;
  revalidatePath('/catalog');
  redirect(`/catalog/${result.data.id}`);
}

export async function setExerciseRetiredAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await runAction(form, async () => {
    const actor = await requireActor();
    return setExerciseRetired({ actor, exerciseId: form.get('exerciseId'), isRetired: form.get('retire') === 'true' });
  });
  if (!result.ok) return result;
  revalidatePath('/catalog');
  redirect(`/catalog/${result.data.id}`);
}

export async function setFeaturedMediaAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () => setFeaturedMedia({ actor: await requireActor(), input: formFields(form) }));
  if (result.ok) revalidatePath(`/catalog/${result.data.exerciseId}`);
  return result;
}

export async function removeExerciseMediaAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () => removeExerciseMedia({ actor: await requireActor(), input: formFields(form) }));
  if (result.ok) revalidatePath(`/catalog/${result.data.exerciseId}`);
  return result;
}
