import 'server-only';
import { localDay, localTimeOfDay } from '@/lib/domain/clinic-time';
import { DEFAULT_REMINDER_TIME, isReminderDue } from '@/lib/domain/reminders';
import { db } from '../db';
import { isUniqueViolation } from '../errors';
import { logger } from '../logger';
import { loadClearedPrescriptions } from '../portal/load-cleared-prescriptions';
import { enqueueMail } from './enqueue-mail';

type Candidate = { patientId: string; clinicId: string; userId: string; timeZone: string; time: string; lastLoggedOn: string | null };

/**
 * The reminder round (the queue runs it every 15 minutes): every patient whose emailed reminder is due
 * (lib/domain/reminders.ts) gets one, at most one a clinic day. Returns how many were queued.
 */
export async function queueDueReminders({ now = new Date(), clinicIds }: { now?: Date; clinicIds?: readonly string[] } = {}): Promise<number> {
  // Patients who use the portal, want reminders and have not had today's: only they can be due.
  const candidates = await db.$queryRaw<Candidate[]>`
    SELECT p."id" AS "patientId", p."clinicId", u."id" AS "userId", c."timeZone",
      COALESCE(rp."time", ${DEFAULT_REMINDER_TIME}) AS "time",
      (SELECT max(s."performedOn")::text FROM "SessionLog" s WHERE s."patientId" = p."id") AS "lastLoggedOn"
    FROM "Patient" p
    JOIN "User" u ON u."id" = p."userId" AND u."isActive" AND u."passwordHash" IS NOT NULL
    JOIN "Clinic" c ON c."id" = p."clinicId"
    LEFT JOIN "ReminderPreference" rp ON rp."patientId" = p."id"
    WHERE COALESCE(rp."emailReminders", true)
      AND (${clinicIds ?? null}::text[] IS NULL OR p."clinicId" = ANY(${clinicIds ?? null}::text[]))`;
  let queued = 0;
  for (const candidate of candidates) {
    const today = localDay(now, candidate.timeZone);
    const facts = {
      today,
      timeNow: localTimeOfDay(now, candidate.timeZone),
      reminderTime: candidate.time,
      emailReminders: true,
      lastLoggedOn: candidate.lastLoggedOn ? new Date(`${candidate.lastLoggedOn}T00:00:00.000Z`) : null,
    };
    // The cheap checks first (as if the exercises had always been there): only a patient who could be due
    // has their plan read.
    if (!isReminderDue({ ...facts, homeSince: new Date(0) })) continue;
    const { clearedOn } = await loadClearedPrescriptions(candidate.patientId);
    // The moment each home exercise was first cleared, as the clinic's day.
    const moments = [...clearedOn.values()].filter((moment): moment is Date => moment !== null).map((moment) => moment.getTime());
    const homeSince = moments.length > 0 ? localDay(new Date(Math.min(...moments)), candidate.timeZone) : null;
    if (!isReminderDue({ ...facts, homeSince })) continue;
    try {
      const messageId = await db.$transaction((tx) => enqueueMail(tx, { clinicId: candidate.clinicId, userId: candidate.userId, patientId: candidate.patientId, kind: 'REMINDER', day: today }));
      if (messageId) queued += 1;
    } catch (error) {
      // Another server's round queued the same reminder a moment ago.
      if (!isUniqueViolation(error)) logger.warn('reminder not queued', { patientId: candidate.patientId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return queued;
}
