'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { idSchema } from '@/lib/schemas/exercise';
import { requireActor } from '@/lib/server/auth/get-actor';
import { parseInput } from '@/lib/server/errors';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { createExercise } from '@/lib/server/exercises/create-exercise';
import { setExerciseRetired } from '@/lib/server/exercises/set-exercise-retired';
import { updateExercise } from '@/lib/server/exercises/update-exercise';

// Server actions are public POST endpoints: each one checks the session and parses its input again.

export type FormState = ActionResult<{ id: string }> | null;

function exerciseFields(form: FormData) {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith('$') && key !== 'exerciseId') fields[key] = value;
  }
  fields.isSafeUnsupervised = form.get('isSafeUnsupervised') === 'on';
  return fields;
}

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
    const exerciseId = parseInput(idSchema, form.get('exerciseId'));
    return updateExercise({ actor, exerciseId, input: exerciseFields(form) });
  });
  if (!result.ok) return result;
  revalidatePath('/catalog');
  redirect(`/catalog/${result.data.id}`);
}

export async function setExerciseRetiredAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await runAction(form, async () => {
    const actor = await requireActor();
    const exerciseId = parseInput(idSchema, form.get('exerciseId'));
    return setExerciseRetired({ actor, exerciseId, isRetired: form.get('retire') === 'true' });
  });
  if (!result.ok) return result;
  revalidatePath('/catalog');
  redirect(`/catalog/${result.data.id}`);
}
