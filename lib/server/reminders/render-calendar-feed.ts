import 'server-only';
import ical, { ICalAlarmType } from 'ical-generator';
import { isoDay } from '@/lib/domain/calendar';
import { instantAt } from '@/lib/domain/clinic-time';
import { CALENDAR_EVENT_MINUTES, calendarDays, calendarEventTitle, DEFAULT_REMINDER_TIME } from '@/lib/domain/reminders';
import { calendarTokenSchema } from '@/lib/schemas/reminders';
import { db } from '../db';
import { notFound } from '../errors';
import { loadPortalView } from '../portal/get-portal-plan';
import { publicUrl } from '../public-url';
import { hashFeedToken } from './hash-feed-token';

/** How often a calendar app should read the feed again, so a change to the plan reaches it the same day. */
const REFRESH_SECONDS = 3 * 60 * 60;

// A wrong, revoked or guessed token is "not found" and nothing else. It is not written to the audit trail
// (isAudited): anyone on the internet can ask, and the answer tells them nothing.
const unknownCalendar = () => notFound('That calendar', { isAudited: true });

/**
 * The patient's calendar (iCalendar), for whoever holds the link: the token is the only key. Made when it
 * is asked for, from the view the portal itself shows (loadPortalView), so it follows the plan as it
 * changes: one event a day for the next 28 days at the patient's time while they have home exercises.
 * It says "Your exercises" unless the patient chose to show the names; nothing else about them.
 */
export async function renderCalendarFeed({ token, now = new Date() }: { token: unknown; now?: Date }): Promise<string> {
  const parsed = calendarTokenSchema.safeParse(typeof token === 'string' ? token.replace(/\.ics$/, '') : token);
  if (!parsed.success) throw unknownCalendar();
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(parsed.data) },
    select: {
      id: true,
      revokedAt: true,
      patient: { select: { id: true, clinicId: true, clinic: { select: { timeZone: true } }, user: { select: { isActive: true } }, reminderPreference: { select: { time: true, showNames: true } } } },
    },
  });
  if (!feed || feed.revokedAt || !feed.patient.user?.isActive) throw unknownCalendar();
  const { patient } = feed;
  const timeZone = patient.clinic.timeZone;
  const view = await loadPortalView({ patientId: patient.id, clinicId: patient.clinicId, timeZone, now });
  const time = patient.reminderPreference?.time ?? DEFAULT_REMINDER_TIME;
  const summary = calendarEventTitle(view.home.map((exercise) => exercise.name), { showNames: patient.reminderPreference?.showNames ?? false });
  const portal = publicUrl('/portal');
  const calendar = ical({ name: 'Your exercises', prodId: { company: 'Regimen', product: 'Regimen', language: 'EN' }, ttl: REFRESH_SECONDS });
  if (view.home.length === 0) return calendar.toString();
  for (const day of calendarDays(new Date(`${view.today}T00:00:00.000Z`))) {
    const start = instantAt(day, time, timeZone);
    const event = calendar.createEvent({
      // The same day keeps the same id, so a calendar app updates an event rather than adding a second.
      id: `${isoDay(day)}-${feed.id}@regimen`,
      start,
      end: new Date(start.getTime() + CALENDAR_EVENT_MINUTES * 60_000),
      stamp: now,
      summary,
      description: `Open your programme: ${portal}`,
      url: portal,
    });
    event.createAlarm({ type: ICalAlarmType.display, trigger: 0, description: summary });
  }
  return calendar.toString();
}
