'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { idSchema } from '@/lib/schemas/exercise';
import { requireActor } from '@/lib/server/auth/get-actor';
import { parseInput } from '@/lib/server/errors';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { addProtocolPhase } from '@/lib/server/protocols/add-protocol-phase';
import { createProtocol } from '@/lib/server/protocols/create-protocol';
import type { ProtocolDto } from '@/lib/server/protocols/protocol-select';
import { removePhaseExercise } from '@/lib/server/protocols/remove-phase-exercise';
import { removeProtocolPhase } from '@/lib/server/protocols/remove-protocol-phase';
import { setPhaseExercise } from '@/lib/server/protocols/set-phase-exercise';
import { updateProtocolPhase } from '@/lib/server/protocols/update-protocol-phase';

// Server actions are public POST endpoints: each one checks the session and parses its input again.

export type FormState = ActionResult<{ id: string }> | null;

/** The form's fields for the data layer, minus the ids that say which record to change. */
function fieldsOf(form: FormData, routingKeys: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$') || routingKeys.includes(key)) continue;
    fields[key] = value;
  }
  return fields;
}

const idFrom = (form: FormData, key: string) => parseInput(idSchema, form.get(key));

/** After a change the protocol page shows it, and every form on it carries the new lockVersion. */
async function showChanged(form: FormData, change: () => Promise<ProtocolDto>): Promise<FormState> {
  const result = await runAction(form, async () => {
    const protocol = await change();
    return { id: protocol.id };
  });
  if (!result.ok) return result;
  revalidatePath('/protocols');
  revalidatePath(`/protocols/${result.data.id}`);
  return result;
}

export async function createProtocolAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await runAction(form, async () => {
    const actor = await requireActor();
    return createProtocol({ actor, input: fieldsOf(form, []) });
  });
  if (!result.ok) return result;
  revalidatePath('/protocols');
  redirect(`/protocols/${result.data.id}`);
}

export async function addProtocolPhaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return addProtocolPhase({ actor, protocolId: idFrom(form, 'protocolId'), input: fieldsOf(form, ['protocolId']) });
  });
}

export async function updateProtocolPhaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return updateProtocolPhase({ actor, phaseId: idFrom(form, 'phaseId'), input: fieldsOf(form, ['phaseId']) });
  });
}

export async function removeProtocolPhaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return removeProtocolPhase({ actor, phaseId: idFrom(form, 'phaseId'), input: fieldsOf(form, ['phaseId']) });
  });
}

export async function setPhaseExerciseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return setPhaseExercise({ actor, phaseId: idFrom(form, 'phaseId'), input: fieldsOf(form, ['phaseId']) });
  });
}

export async function removePhaseExerciseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return removePhaseExercise({
      actor,
      phaseId: idFrom(form, 'phaseId'),
      exerciseId: idFrom(form, 'exerciseId'),
      input: fieldsOf(form, ['phaseId', 'exerciseId']),
    });
  });
}
