'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { recordSurgeonOrder } from '@/lib/server/orders/record-surgeon-order';
import { runAction, type ActionResult } from '@/lib/server/run-action';

// A server action is a public POST endpoint: the session, the surgeon and the patient are checked again in
// the data layer, which also asks for the password (an order is a signature).
export async function recordSurgeonOrderAction(_previous: ActionResult<{ version: number; patientId: string }> | null, form: FormData) {
  const result = await runAction(form, async () => {
    const recorded = await recordSurgeonOrder({ actor: await requireActor(), input: formFields(form) });
    return { version: recorded.version, patientId: recorded.patientId };
  });
  if (result.ok) revalidatePath(`/patients/${result.data.patientId}`);
  return result;
}
