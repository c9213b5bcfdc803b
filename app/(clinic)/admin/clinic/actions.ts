'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { setStaffSecondFactor } from '@/lib/server/clinics/set-staff-second-factor';
import { updateClinicSettings } from '@/lib/server/clinics/update-clinic-settings';
import { formFields } from '@/lib/server/form-fields';
import { runAction, type ActionResult } from '@/lib/server/run-action';

// A server action is a public POST endpoint: the session and the admin's permission are checked again in
// the data layer.
export async function updateClinicSettingsAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () => updateClinicSettings({ actor: await requireActor(), input: formFields(form) }));
  if (result.ok) revalidatePath('/admin/clinic');
  return result;
}

export async function setStaffSecondFactorAction(_previous: ActionResult<unknown> | null, form: FormData) {
  const result = await runAction(form, async () => setStaffSecondFactor({ actor: await requireActor(), input: formFields(form) }));
  if (result.ok) revalidatePath('/admin/clinic');
  return result;
}
