'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { logSession, type LoggedSession } from '@/lib/server/portal/log-session';
import { reportWarningSigns, type WarningSignAnswer } from '@/lib/server/portal/report-warning-signs';
import { runAction, type ActionResult } from '@/lib/server/run-action';

// Server actions are public POST endpoints: each checks the session and hands the raw form to the data
// layer, which parses it and checks that the patient acts on their own plan.

export async function logSessionAction(_previous: ActionResult<LoggedSession> | null, form: FormData) {
  const result = await runAction(form, async () => logSession({ actor: await requireActor(), input: formFields(form) }));
  if (result.ok) revalidatePath('/portal');
  return result;
}

export async function reportWarningSignsAction(_previous: ActionResult<WarningSignAnswer> | null, form: FormData) {
  return runAction(form, async () => reportWarningSigns({ actor: await requireActor(), input: formFields(form, { lists: ['signs'] }) }));
}
