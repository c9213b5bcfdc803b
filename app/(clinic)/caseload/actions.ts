'use server';

import { revalidatePath } from 'next/cache';
import { acknowledgeAlert } from '@/lib/server/alerts/acknowledge-alert';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { runAction, type ActionResult } from '@/lib/server/run-action';

// A server action is a public POST endpoint: the session, the care team and the alert are checked again in
// the data layer.
export async function acknowledgeAlertAction(_previous: ActionResult<{ alertId: string; patientId: string }> | null, form: FormData) {
  const result = await runAction(form, async () => acknowledgeAlert({ actor: await requireActor(), input: formFields(form) }));
  if (result.ok) {
    revalidatePath('/caseload');
    revalidatePath('/sign-offs');
    revalidatePath(`/patients/${result.data.patientId}`);
  }
  return result;
}
