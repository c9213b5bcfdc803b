import 'server-only';
import { DEFAULT_REMINDER_TIME } from '@/lib/domain/reminders';
import { reminderPreferenceSchema } from '@/lib/schemas/reminders';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { parseInput } from '../parse-input';
import { ownPatientId } from './own-patient-id';

/** Saves the patient's own reminder time, whether the calendar shows exercise names, and reminder emails. */
export async function updateReminderPreference({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'reminders.manage');
  const patientId = ownPatientId(actor);
  const chosen = parseInput(reminderPreferenceSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.reminderPreference.findUnique({ where: { patientId }, select: { time: true, showNames: true, emailReminders: true } });
    const after = await tx.reminderPreference.upsert({
      where: { patientId },
      create: { patientId, ...chosen },
      update: chosen,
      select: { time: true, showNames: true, emailReminders: true },
    });
    await recordAudit(
      tx,
      actorDid(actor, 'reminders.update', { type: 'ReminderPreference', id: patientId, patientId }, { before: before ?? { time: DEFAULT_REMINDER_TIME, showNames: false, emailReminders: true }, after }),
    );
    return after;
  });
}
