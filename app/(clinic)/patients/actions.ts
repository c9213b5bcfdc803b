'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { runAction, type ActionResult } from '@/lib/server/run-action';
import { createPatient } from '@/lib/server/patients/create-patient';
import { addDraftItem } from '@/lib/server/plans/add-draft-item';
import { advancePhase } from '@/lib/server/plans/advance-phase';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { discardDraft } from '@/lib/server/plans/discard-draft';
import { removeDraftItem } from '@/lib/server/plans/remove-draft-item';
import { startDraft } from '@/lib/server/plans/start-draft';
import { updateDraftItem } from '@/lib/server/plans/update-draft-item';

// Server actions are public POST endpoints: each checks the session and hands the raw form to a
// data-access function, which parses it (ids included) and checks what this user may do to this patient.

export type PlanFormState = ActionResult<unknown> | null;

// The patient's id only routes the redirect: the data layer finds the patient through the record it changes.
const fields = (form: FormData) => formFields(form, { except: ['patientId'] });

function patientPath(form: FormData, suffix = '') {
  const patientId = String(form.get('patientId') ?? '');
  return `/patients/${encodeURIComponent(patientId)}${suffix}`;
}

export async function createPatientAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () => createPatient({ actor: await requireActor(), input: fields(form) }));
  if (!result.ok) return result;
  revalidatePath('/caseload');
  redirect(`/patients/${result.data.patientId}/draft`);
}

export async function startDraftAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () => startDraft({ actor: await requireActor(), input: { patientId: form.get('patientId') } }));
  if (!result.ok) return result;
  redirect(patientPath(form, '/draft'));
}

export async function addDraftItemAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () => addDraftItem({ actor: await requireActor(), input: fields(form) }));
  if (result.ok) revalidatePath(patientPath(form, '/draft'));
  return result;
}

export async function updateDraftItemAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () => updateDraftItem({ actor: await requireActor(), input: fields(form) }));
  if (result.ok) revalidatePath(patientPath(form, '/draft'));
  return result;
}

export async function removeDraftItemAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () => removeDraftItem({ actor: await requireActor(), input: fields(form) }));
  if (result.ok) revalidatePath(patientPath(form, '/draft'));
  return result;
}

export async function discardDraftAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () => discardDraft({ actor: await requireActor(), input: fields(form) }));
  if (!result.ok) return result;
  redirect(patientPath(form));
}

export async function approveVersionAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () => approvePlanVersion({ actor: await requireActor(), input: fields(form) }));
  if (!result.ok) return result;
  revalidatePath('/caseload');
  redirect(patientPath(form));
}

export async function advancePhaseAction(_previous: PlanFormState, form: FormData): Promise<PlanFormState> {
  const result = await runAction(form, async () =>
    advancePhase({
      actor: await requireActor(),
      input: formFields(form, { lists: ['criteriaMet'] }),
    }),
  );
  if (!result.ok) return result;
  redirect(patientPath(form, '/draft'));
}
