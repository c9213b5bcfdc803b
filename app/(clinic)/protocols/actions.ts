'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { addProtocolPhase } from '@/lib/server/protocols/add-protocol-phase';
import { createProtocol } from '@/lib/server/protocols/create-protocol';
import type { ProtocolDto } from '@/lib/server/protocols/protocol-select';
import { removePhaseExercise } from '@/lib/server/protocols/remove-phase-exercise';
import { removeProtocolPhase } from '@/lib/server/protocols/remove-protocol-phase';
import { setPhaseExercise } from '@/lib/server/protocols/set-phase-exercise';
import { updateProtocolPhase } from '@/lib/server/protocols/update-protocol-phase';

// Server actions are public POST endpoints: each one checks the session and hands the raw form to the data
// layer, which parses it (ids included) and checks what this user may do.

export type FormState = ActionResult<{ id: string }> | null;

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
    return createProtocol({ actor, input: formFields(form) });
  });
  if (!result.ok) return result;
  revalidatePath('/protocols');
  redirect(`/protocols/${result.data.id}`);
}

export async function addProtocolPhaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return addProtocolPhase({ actor, protocolId: form.get('protocolId'), input: formFields(form, { except: ['protocolId'] }) });
  });
}

export async function updateProtocolPhaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return updateProtocolPhase({ actor, phaseId: form.get('phaseId'), input: formFields(form, { except: ['phaseId'] }) });
  });
}

export async function removeProtocolPhaseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return removeProtocolPhase({ actor, phaseId: form.get('phaseId'), input: formFields(form, { except: ['phaseId'] }) });
  });
}

export async function setPhaseExerciseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return setPhaseExercise({ actor, phaseId: form.get('phaseId'), input: formFields(form, { except: ['phaseId'] }) });
  });
}

export async function removePhaseExerciseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return showChanged(form, async () => {
    const actor = await requireActor();
    return removePhaseExercise({
      actor,
      phaseId: form.get('phaseId'),
      exerciseId: form.get('exerciseId'),
      input: formFields(form, { except: ['phaseId', 'exerciseId'] }),
    });
  });
}
