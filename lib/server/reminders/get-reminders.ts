import 'server-only';
import { DEFAULT_REMINDER_TIME } from '@/lib/domain/reminders';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { mailSettings } from '../mail/mail-settings';
import { ownPatientId } from './own-patient-id';

/** The signed-in patient's reminder choices, whether their calendar link is on, and whether mail is set up. */
export async function getReminders({ actor }: { actor: Actor }) {
  requirePermission(actor, 'reminders.manage');
  const patientId = ownPatientId(actor);
  const [preference, feed] = await Promise.all([
    db.reminderPreference.findUnique({ where: { patientId }, select: { time: true, showNames: true, emailReminders: true } }),
    db.calendarFeed.findFirst({ where: { patientId, revokedAt: null }, select: { createdAt: true } }),
  ]);
  return {
    time: preference?.time ?? DEFAULT_REMINDER_TIME,
    showNames: preference?.showNames ?? false,
    emailReminders: preference?.emailReminders ?? true,
    isMailConfigured: mailSettings().isConfigured,
    calendarSince: feed?.createdAt ?? null,
  };
}

export type Reminders = Awaited<ReturnType<typeof getReminders>>;
