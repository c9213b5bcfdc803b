'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/server/auth/get-actor';
import { formFields } from '@/lib/server/form-fields';
import { createCalendarFeed, type CalendarLink } from '@/lib/server/reminders/create-calendar-feed';
import { revokeCalendarFeed } from '@/lib/server/reminders/revoke-calendar-feed';
import { updateReminderPreference } from '@/lib/server/reminders/update-reminder-preference';
import { runAction, type ActionResult } from '@/lib/server/run-action';

// The portal's Reminders section. Each action checks the session; the data layer acts only on the signed-in
// patient's own reminders (no form names a patient).

export async function saveRemindersAction(_previous: ActionResult<{ time: string }> | null, form: FormData) {
  const result = await runAction(form, async () => {
    const saved = await updateReminderPreference({ actor: await requireActor(), input: formFields(form) });
    return { time: saved.time };
  });
  if (result.ok) revalidatePath('/portal');
  return result;
}

export async function makeCalendarLinkAction(_previous: ActionResult<CalendarLink> | null, form: FormData) {
  return runAction(form, async () => createCalendarFeed({ actor: await requireActor() }));
}

export async function stopCalendarLinkAction(_previous: ActionResult<{ revoked: number }> | null, form: FormData) {
  const result = await runAction(form, async () => revokeCalendarFeed({ actor: await requireActor() }));
  if (result.ok) revalidatePath('/portal');
  return result;
}
