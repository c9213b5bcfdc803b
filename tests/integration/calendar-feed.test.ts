// The private calendar link: made and revoked by the patient in the portal, read by a calendar app with the
// token alone. The feed is parsed with a real iCalendar parser (ical.js).
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/calendar/[token]/route';
import { db } from '@/lib/server/db';
import { AppError } from '@/lib/server/errors';
import { createCalendarFeed } from '@/lib/server/reminders/create-calendar-feed';
import { getReminders } from '@/lib/server/reminders/get-reminders';
import { hashFeedToken } from '@/lib/server/reminders/hash-feed-token';
import { renderCalendarFeed } from '@/lib/server/reminders/render-calendar-feed';
import { revokeCalendarFeed } from '@/lib/server/reminders/revoke-calendar-feed';
import { updateReminderPreference } from '@/lib/server/reminders/update-reminder-preference';
import { auditCursor, auditRowsSince } from './support/audit';
import { advance, approveDraft, decide, registerPatient, settle, type RegisteredPatient } from './support/plan-flow';
import { createWorld, type World } from './support/world';

let world: World;
let patient: RegisteredPatient;
const PUBLIC = 'https://regimen.example.test';

type ParsedEvent = { uid: string; summary: string; description: string; start: Date; end: Date; alarms: number };

function parse(ics: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      alarms: component.getAllSubcomponents('valarm').length,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

const tokenOf = (url: string) => {
  const match = /^https:\/\/regimen\.example\.test\/api\/calendar\/([A-Za-z0-9_-]{43})$/.exec(url);
  if (!match?.[1]) throw new Error(`not a calendar link: ${url}`);
  return match[1];
};

async function refused(call: Promise<unknown>) {
  const outcome = await settle(call);
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.error instanceof AppError ? outcome.error.code : outcome.error;
}

beforeAll(async () => {
  process.env.REGIMEN_PUBLIC_URL = PUBLIC;
  world = await createWorld();
  // New York: the events are at the patient's time on the clinic's clock, whatever the server's zone.
  await db.clinic.update({ where: { id: world.a.clinic.id }, data: { timeZone: 'America/New_York' } });
  patient = await registerPatient(world.a);
  patient.actor.timeZone = 'America/New_York';
  await approveDraft(world.a.actors.therapist, patient.patientId);
});

describe('the calendar link', () => {
  it('is long and random, shown once, stored only as its SHA-256, and audited', async () => {
    const cursor = await auditCursor();
    const link = await createCalendarFeed({ actor: patient.actor });
    const token = tokenOf(link.url);
    expect(link.webcalUrl).toBe(link.url.replace('https:', 'webcal:'));
    const feeds = await db.calendarFeed.findMany({ where: { patientId: patient.patientId }, select: { tokenHash: true, revokedAt: true } });
    expect(feeds).toEqual([{ tokenHash: hashFeedToken(token), revokedAt: null }]);
    expect(JSON.stringify(feeds)).not.toContain(token);
    expect((await auditRowsSince(cursor, { patientId: patient.patientId })).map((row) => [row.action, row.outcome])).toEqual([['calendar.create', 'SUCCESS']]);
    expect((await getReminders({ actor: patient.actor })).calendarSince).toBeInstanceOf(Date);
  });

  it('holds nothing while the patient has no home exercise, then one event a day for 28 days at 09:00 clinic time, titled "Your exercises"', async () => {
    const { url } = await createCalendarFeed({ actor: patient.actor });
    const token = tokenOf(url);
    // Walking waits for the surgeon: nothing is cleared for home yet.
    expect(parse(await renderCalendarFeed({ token })).events).toEqual([]);
    await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
    const now = new Date('2026-11-27T15:00:00Z');
    const { name, events } = parse(await renderCalendarFeed({ token, now }));
    expect(name).toBe('Your exercises');
    expect(events).toHaveLength(28);
    // 09:00 in New York is 14:00 UTC in November; the clocks do not change in the next 28 days.
    expect(events[0]?.start.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(events[27]?.start.toISOString()).toBe('2026-12-24T14:00:00.000Z');
    expect(new Set(events.map((event) => event.uid)).size).toBe(28);
    for (const event of events) {
      expect(event.summary).toBe('Your exercises');
      expect(event.description).toBe(`Open your programme: ${PUBLIC}/portal`);
      expect(event.end.getTime() - event.start.getTime()).toBe(20 * 60_000);
      expect(event.alarms).toBe(1);
    }
  });

  it('says no health detail unless the patient chose to show the names, and follows their time and the plan as it changes', async () => {
    const token = tokenOf((await createCalendarFeed({ actor: patient.actor })).url);
    const now = new Date('2026-11-27T15:00:00Z');
    const hidden = await renderCalendarFeed({ token, now });
    for (const word of ['Daily walks', 'Walking', 'microdiscectomy', patient.lastName]) expect(hidden).not.toContain(word);

    await updateReminderPreference({ actor: patient.actor, input: { time: '18:30', showNames: 'on', emailReminders: 'on' } });
    const named = parse(await renderCalendarFeed({ token, now })).events;
    expect(named[0]?.summary).toBe('Your exercises: Daily walks');
    expect(named[0]?.start.toISOString()).toBe('2026-11-27T23:30:00.000Z');

    // Phase 2 brings the back-of-thigh stretch; once the surgeon signs it, the same link shows it.
    await advance(world.a.actors.therapist, patient.patientId, { reason: 'Calendar test: moving on.' });
    await approveDraft(world.a.actors.therapist, patient.patientId);
    await decide(world.a.actors.surgeon, patient.patientId, 'Hamstring stretch');
    const changed = parse(await renderCalendarFeed({ token, now })).events;
    expect(changed[0]?.summary).toContain('Back of thigh stretch');
    expect(changed[0]?.summary).toContain('Daily walks');
    // The same day keeps the same event id, so a calendar app updates it in place.
    expect(changed.map((event) => event.uid)).toEqual(named.map((event) => event.uid));

    await updateReminderPreference({ actor: patient.actor, input: { time: '09:00' } });
    expect(parse(await renderCalendarFeed({ token, now })).events[0]?.summary).toBe('Your exercises');
  });

  it('answers a revoked, replaced or guessed token with "not found" and nothing else', async () => {
    const first = tokenOf((await createCalendarFeed({ actor: patient.actor })).url);
    const second = tokenOf((await createCalendarFeed({ actor: patient.actor })).url);
    expect(await refused(renderCalendarFeed({ token: first }))).toBe('NOT_FOUND');
    expect(await renderCalendarFeed({ token: second })).toContain('BEGIN:VCALENDAR');
    expect(await db.calendarFeed.count({ where: { patientId: patient.patientId, revokedAt: null } })).toBe(1);

    const cursor = await auditCursor();
    await revokeCalendarFeed({ actor: patient.actor });
    expect(await refused(renderCalendarFeed({ token: second }))).toBe('NOT_FOUND');
    expect(await refused(revokeCalendarFeed({ actor: patient.actor }))).toBe('CONFLICT');
    expect((await auditRowsSince(cursor, { patientId: patient.patientId })).map((row) => row.action)).toEqual(['calendar.revoke']);
    for (const guess of ['A'.repeat(43), 'short', `${second}x`, '', '../../etc/passwd']) expect(await refused(renderCalendarFeed({ token: guess }))).toBe('NOT_FOUND');
    expect(await getReminders({ actor: patient.actor })).toMatchObject({ calendarSince: null });
  });

  it('over HTTP: the calendar as text/calendar, never cached; anything else a bare 404', async () => {
    const token = tokenOf((await createCalendarFeed({ actor: patient.actor })).url);
    const ok = await GET(new Request(`${PUBLIC}/api/calendar/${token}`), { params: Promise.resolve({ token }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(parse(await ok.text()).events).toHaveLength(28);
    await revokeCalendarFeed({ actor: patient.actor });
    for (const asked of [token, 'A'.repeat(43)]) {
      const gone = await GET(new Request(`${PUBLIC}/api/calendar/${asked}`), { params: Promise.resolve({ token: asked }) });
      expect(gone.status).toBe(404);
      expect(gone.headers.get('cache-control')).toBe('no-store');
      expect(await gone.text()).toBe('Not found');
    }
  });

  it('stops when the patient’s account is deactivated', async () => {
    const other = await registerPatient(world.a);
    const token = tokenOf((await createCalendarFeed({ actor: other.actor })).url);
    await db.user.update({ where: { id: other.actor.userId }, data: { isActive: false } });
    expect(await refused(renderCalendarFeed({ token }))).toBe('NOT_FOUND');
  });

  it('is the patient’s own: clinicians and accounts without a patient record get "not found", and bad choices change nothing', async () => {
    for (const actor of [world.a.actors.therapist, world.a.actors.admin, world.a.actors.surgeon, { ...patient.actor, patientId: null }]) {
      expect(await refused(createCalendarFeed({ actor }))).toBe('NOT_FOUND');
      expect(await refused(revokeCalendarFeed({ actor }))).toBe('NOT_FOUND');
      expect(await refused(updateReminderPreference({ actor, input: { time: '10:00' } }))).toBe('NOT_FOUND');
    }
    const before = await db.reminderPreference.findUnique({ where: { patientId: patient.patientId } });
    for (const input of [{ time: '25:00' }, { time: '9am' }, { time: '' }, { time: '09:00', patientId: world.b.patients.self.id }, null, 'time=09:00']) {
      expect(await refused(updateReminderPreference({ actor: patient.actor, input }))).toBe('INVALID_INPUT');
    }
    expect(await db.reminderPreference.findUnique({ where: { patientId: patient.patientId } })).toEqual(before);
  });
});
