// The loop back from the patient: what they log and report reaches their care team as data, charts and
// alerts, and nothing of it is lost or changed. Every function is also tried by the users who may not use it.
import { beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert } from '@/lib/server/alerts/acknowledge-alert';
import { listOpenAlerts } from '@/lib/server/alerts/list-open-alerts';
import type { Actor } from '@/lib/server/authz/actor';
import { getCaseload } from '@/lib/server/caseload/get-caseload';
import { getClinicSettings } from '@/lib/server/clinics/get-clinic-settings';
import { updateClinicSettings } from '@/lib/server/clinics/update-clinic-settings';
import { db } from '@/lib/server/db';
import { getSessionsAndPain, SESSIONS_PAGE_SIZE } from '@/lib/server/patients/get-sessions-and-pain';
import { addDraftItem } from '@/lib/server/plans/add-draft-item';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { startDraft } from '@/lib/server/plans/start-draft';
import { getPortalPlan } from '@/lib/server/portal/get-portal-plan';
import { logSession } from '@/lib/server/portal/log-session';
import { reportWarningSigns } from '@/lib/server/portal/report-warning-signs';
import { listSignOffQueue } from '@/lib/server/sign-offs/list-sign-off-queue';
import { auditCursor, auditRowsSince } from './support/audit';
import { PASSWORD, TODAY, approveDraft, decide, draftOf, isoDaysAgo, registerPatient, settle, shownItemsOf, type RegisteredPatient } from './support/plan-flow';
import { actorFor, createActor, createWorld, type World } from './support/world';

let world: World;
let walkingId: string;

/** A patient of clinic a with Walking signed off, care team: the therapist and the surgeon. */
async function walker(surgeryDaysAgo = 10): Promise<RegisteredPatient> {
  const patient = await registerPatient(world.a, { surgeryDaysAgo });
  await approveDraft(world.a.actors.therapist, patient.patientId);
  await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
  return patient;
}

function walk(patient: RegisteredPatient, change: Record<string, unknown> = {}) {
  return logSession({
    actor: patient.actor,
    input: { exerciseId: walkingId, performedOn: isoDaysAgo(0), completed: true, setsCompleted: null, backPain: 2, legPain: 1, note: '', ...change },
    today: TODAY,
  });
}

const openAlertsOf = (patientId: string) => db.alert.findMany({ where: { patientId, acknowledgedAt: null }, orderBy: { raisedAt: 'asc' }, select: { id: true, kind: true, cause: true } });

beforeAll(async () => {
  world = await createWorld();
  walkingId = world.a.exerciseIds.get('Walking')!;
});

describe('logging a session', () => {
  it('a double tap (the same submission key twice) writes one row and answers both with it', async () => {
    const patient = await walker();
    const key = 'double-tap-key-1';
    const first = await walk(patient, { submissionKey: key });
    const second = await walk(patient, { submissionKey: key, backPain: 9 });
    expect(second).toEqual({ ...first, isDuplicate: true });
    expect(await db.sessionLog.count({ where: { patientId: patient.patientId } })).toBe(1);
  });

  it('two copies of one submit at the same moment still write one row', async () => {
    const patient = await walker();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => settle(walk(patient, { submissionKey: 'same-moment-key' }))));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const ids = new Set(outcomes.map((outcome) => (outcome.ok ? outcome.value.sessionId : '')));
    expect(ids.size).toBe(1);
    expect(await db.sessionLog.count({ where: { patientId: patient.patientId } })).toBe(1);
  });

  it('a correction is a new row naming the one it replaces; the replaced one stays but no longer counts', async () => {
    const patient = await walker();
    const first = await walk(patient, { completed: true });
    const correction = await walk(patient, { completed: false, correctsId: first.sessionId, note: 'I did not go after all.' });
    const rows = await db.sessionLog.findMany({ where: { patientId: patient.patientId }, orderBy: { createdAt: 'asc' }, select: { id: true, completed: true, correctsId: true } });
    expect(rows).toEqual([
      { id: first.sessionId, completed: true, correctsId: null },
      { id: correction.sessionId, completed: false, correctsId: first.sessionId },
    ]);
    const portal = await getPortalPlan({ actor: patient.actor, today: TODAY });
    expect(portal.week.completed).toBe(0);
    expect(portal.home.find((exercise) => exercise.exerciseId === walkingId)?.today).toMatchObject({ logId: correction.sessionId, completed: false });
    await expect(walk(patient, { correctsId: first.sessionId })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("a patient cannot correct someone else's log: NOT_FOUND, nothing written", async () => {
    const mine = await walker();
    const theirs = await walker();
    const theirLog = await walk(theirs);
    await expect(walk(mine, { correctsId: theirLog.sessionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.sessionLog.count({ where: { patientId: mine.patientId } })).toBe(0);
  });

  it('the database refuses to change or delete what a patient reported', async () => {
    const patient = await walker();
    const logged = await walk(patient);
    await expect(db.$executeRaw`UPDATE "SessionLog" SET "backPain" = 0 WHERE "id" = ${logged.sessionId}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "SessionLog" WHERE "id" = ${logged.sessionId}`).rejects.toThrow(/append-only/);
    await reportWarningSigns({ actor: patient.actor, input: { signs: ['FALL'] } });
    await expect(db.$executeRaw`DELETE FROM "WarningSignReport" WHERE "patientId" = ${patient.patientId}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "SessionLog" SET "backPain" = 11 WHERE false`).resolves.toBe(0);
  });
});

describe('pain alerts', () => {
  it('high back pain raises one alert, not one per log, and tells the patient to stop', async () => {
    const patient = await walker();
    const cursor = await auditCursor();
    const first = await walk(patient, { backPain: 8, legPain: 3 });
    const second = await walk(patient, { backPain: 9, legPain: 3 });
    expect(first).toMatchObject({ isHighPain: true, alertRaised: true });
    expect(second).toMatchObject({ isHighPain: true, alertRaised: false });
    const alerts = await openAlertsOf(patient.patientId);
    expect(alerts.map((alert) => [alert.kind, alert.cause])).toEqual([['PAIN', 'PAIN']]);
    const raised = await auditRowsSince(cursor, { action: 'alert.raise', patientId: patient.patientId });
    expect(raised).toHaveLength(1);
  });

  it('leg pain alone raises it: it is the nerve symptom', async () => {
    const patient = await walker();
    expect(await walk(patient, { backPain: 1, legPain: 7 })).toMatchObject({ isHighPain: true, alertRaised: true });
  });

  it('pain that returns after improving is caught: 3 above the lowest of the 14 days before', async () => {
    const patient = await walker();
    await walk(patient, { performedOn: isoDaysAgo(6), backPain: 6 });
    await walk(patient, { performedOn: isoDaysAgo(3), backPain: 1 });
    expect(await walk(patient, { performedOn: isoDaysAgo(1), backPain: 3 })).toMatchObject({ alertRaised: false });
    expect(await walk(patient, { backPain: 4 })).toMatchObject({ isHighPain: false, alertRaised: true });
  });

  it('once acknowledged, the same cause raises a new alert', async () => {
    const patient = await walker();
    await walk(patient, { backPain: 8 });
    const [open] = await openAlertsOf(patient.patientId);
    await acknowledgeAlert({ actor: world.a.actors.therapist, input: { alertId: open!.id, note: 'Called Robin; rest today.' } });
    expect(await walk(patient, { backPain: 8 })).toMatchObject({ alertRaised: true });
    expect(await db.alert.count({ where: { patientId: patient.patientId } })).toBe(2);
  });
});

describe('reporting a warning sign', () => {
  it('answers with the emergency number for an emergency sign, keeps the report and alerts the care team once per sign', async () => {
    const patient = await walker();
    const answer = await reportWarningSigns({ actor: patient.actor, input: { signs: ['SADDLE_NUMBNESS', 'FEVER'], submissionKey: 'report-key-1' } });
    expect(answer).toMatchObject({ urgency: 'EMERGENCY', emergencyNumber: '911', clinicPhone: '555-0100' });
    expect(answer.signs.map((sign) => sign.action)).toEqual(['Call 911 now.', 'Call the clinic today.']);
    await reportWarningSigns({ actor: patient.actor, input: { signs: ['FEVER'] } });
    expect((await openAlertsOf(patient.patientId)).map((alert) => alert.cause).sort()).toEqual(['SIGN:FEVER', 'SIGN:SADDLE_NUMBNESS']);
    expect(await db.warningSignReport.count({ where: { patientId: patient.patientId } })).toBe(3);
  });

  it('a double tap keeps one report and still gives the answer', async () => {
    const patient = await walker();
    await reportWarningSigns({ actor: patient.actor, input: { signs: ['CALF'], submissionKey: 'report-key-2' } });
    await expect(reportWarningSigns({ actor: patient.actor, input: { signs: ['CALF'], submissionKey: 'report-key-2' } })).resolves.toMatchObject({ urgency: 'CLINIC' });
    expect(await db.warningSignReport.count({ where: { patientId: patient.patientId } })).toBe(1);
  });

  it('says the clinic’s own emergency number', async () => {
    const patient = await registerPatient(world.b);
    await db.clinic.update({ where: { id: world.b.clinic.id }, data: { emergencyNumber: '999' } });
    const answer = await reportWarningSigns({ actor: patient.actor, input: { signs: ['CHEST_PAIN_BREATHLESS'] } });
    expect(answer.signs[0]?.action).toBe('Call 999 now.');
  });

  it.each([[[]], [['NOT_A_SIGN']], ['<script>'], [{ code: 'FEVER' }]])('refuses %j: INVALID_INPUT, nothing written', async (signs) => {
    const patient = await walker();
    await expect(reportWarningSigns({ actor: patient.actor, input: { signs } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await db.warningSignReport.count({ where: { patientId: patient.patientId } })).toBe(0);
  });

  it.each(['therapist', 'surgeon', 'admin'] as const)('the %s cannot report for a patient: NOT_FOUND', async (role) => {
    await expect(reportWarningSigns({ actor: world.a.actors[role], input: { signs: ['FEVER'] } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('alerts for the care team', () => {
  let patient: RegisteredPatient;
  let painAlertId: string;
  let signAlertId: string;

  beforeAll(async () => {
    patient = await walker();
    await walk(patient, { backPain: 9 });
    await reportWarningSigns({ actor: patient.actor, input: { signs: ['LEG_WEAKNESS'] } });
    const alerts = await openAlertsOf(patient.patientId);
    painAlertId = alerts.find((alert) => alert.kind === 'PAIN')!.id;
    signAlertId = alerts.find((alert) => alert.kind === 'WARNING_SIGN')!.id;
  });

  it('the therapist sees both at the top of the caseload; the surgeon sees the warning sign only', async () => {
    const therapist = await listOpenAlerts({ actor: world.a.actors.therapist });
    expect(therapist.alerts.filter((alert) => alert.patient.id === patient.patientId).map((alert) => alert.kind).sort()).toEqual(['PAIN', 'WARNING_SIGN']);
    const surgeon = await listOpenAlerts({ actor: world.a.actors.surgeon });
    expect(surgeon.alerts.filter((alert) => alert.patient.id === patient.patientId).map((alert) => alert.kind)).toEqual(['WARNING_SIGN']);
    expect(surgeon.alerts.find((alert) => alert.id === signAlertId)?.summary).toBe('Reported: New weakness in one or both legs, or your foot drags when you walk.');
  });

  it('nobody outside the care team sees them', async () => {
    for (const actor of [actorFor(world.a.users.otherTherapist), world.b.actors.therapist, world.b.actors.surgeon] as Actor[]) {
      const { alerts } = await listOpenAlerts({ actor });
      expect(alerts.map((alert) => alert.patient.id)).not.toContain(patient.patientId);
    }
    await expect(listOpenAlerts({ actor: world.a.actors.patient })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the caseload row flags them', async () => {
    const { rows } = await getCaseload({ actor: world.a.actors.therapist, today: TODAY });
    expect(rows.find((row) => row.id === patient.patientId)?.flags.slice(0, 2)).toEqual(['WARNING_SIGN', 'PAIN']);
  });

  it.each([
    ['the other clinic’s therapist', () => world.b.actors.therapist, () => painAlertId],
    ['a therapist not on the care team', () => actorFor(world.a.users.otherTherapist), () => painAlertId],
    ['the surgeon, for a pain alert', () => world.a.actors.surgeon, () => painAlertId],
    ['the clinic admin', () => world.a.actors.admin, () => painAlertId],
    ['the patient', () => patient.actor, () => painAlertId],
    ['anyone, for an alert that does not exist', () => world.a.actors.therapist, () => 'nosuchalert'],
  ])('%s cannot acknowledge: NOT_FOUND, nothing changed', async (_who, actor, alertId) => {
    await expect(acknowledgeAlert({ actor: actor(), input: { alertId: alertId(), note: 'Looked at it.' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.alert.findUniqueOrThrow({ where: { id: painAlertId }, select: { acknowledgedAt: true } })).toEqual({ acknowledgedAt: null });
  });

  it.each([['', 'Write a short note'], ['ok', 'Write a short note'], ['x'.repeat(1001), 'too long']])('a note %j is refused: INVALID_INPUT', async (note, message) => {
    await expect(acknowledgeAlert({ actor: world.a.actors.therapist, input: { alertId: painAlertId, note } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(message) });
  });

  it('the therapist acknowledges with a note; who, when and why are kept and audited; a second time is a CONFLICT', async () => {
    const cursor = await auditCursor();
    await acknowledgeAlert({ actor: world.a.actors.therapist, input: { alertId: painAlertId, note: 'Called Robin, advised rest and review Friday.' } });
    const stored = await db.alert.findUniqueOrThrow({ where: { id: painAlertId } });
    expect(stored).toMatchObject({ acknowledgedById: world.a.users.therapist.id, acknowledgementNote: 'Called Robin, advised rest and review Friday.', acknowledgedAt: expect.any(Date) });
    const rows = await auditRowsSince(cursor, { action: 'alert.acknowledge', entityId: painAlertId });
    expect(rows.map((row) => [row.actorId, row.patientId, row.outcome])).toEqual([[world.a.users.therapist.id, patient.patientId, 'SUCCESS']]);
    await expect(acknowledgeAlert({ actor: world.a.actors.therapist, input: { alertId: painAlertId, note: 'Again.' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`${world.a.users.therapist.name} already acknowledged this alert`),
    });
  });

  it('the surgeon acknowledges the warning sign; the database allows nothing else', async () => {
    await acknowledgeAlert({ actor: world.a.actors.surgeon, input: { alertId: signAlertId, note: 'Seen in clinic today: strength normal.' } });
    await expect(db.$executeRaw`UPDATE "Alert" SET "acknowledgementNote" = 'changed' WHERE "id" = ${signAlertId}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`DELETE FROM "Alert" WHERE "id" = ${signAlertId}`).rejects.toThrow(/never deleted/);
  });
});

describe('getSessionsAndPain', () => {
  let patient: RegisteredPatient;

  beforeAll(async () => {
    patient = await walker(20);
    for (let day = 6; day >= 0; day -= 1) {
      for (let time = 0; time < 4; time += 1) await walk(patient, { performedOn: isoDaysAgo(day), backPain: 3 + (day % 2), legPain: time === 0 ? 2 : 1, note: day === 0 && time === 3 ? 'Sharp pain in my lower back' : '' });
    }
  });

  it('shows the care team the logs newest first, a page at a time, with the pain and adherence by week', async () => {
    const first = await getSessionsAndPain({ actor: world.a.actors.therapist, patientId: patient.patientId, today: TODAY });
    expect(first.total).toBe(28);
    expect(first.pageCount).toBe(Math.ceil(28 / SESSIONS_PAGE_SIZE));
    expect(first.sessions).toHaveLength(SESSIONS_PAGE_SIZE);
    expect(first.sessions[0]).toMatchObject({ exerciseName: 'Walking', backPain: 3, legPain: 1, note: 'Sharp pain in my lower back', isCorrection: false, isCorrected: false });
    expect(first.pain).toHaveLength(7);
    expect(first.pain.at(-1)).toEqual({ day: TODAY, back: 3, leg: 2 });
    expect(first.weeks.map((week) => week.week)).toEqual([1, 2, 3]);
    expect(first.phaseChanges).toEqual([{ at: expect.any(Date), versionNumber: 1, position: 1, name: 'Protect and walk' }]);
    const second = await getSessionsAndPain({ actor: world.a.actors.therapist, patientId: patient.patientId, page: 2, today: TODAY });
    expect(second.sessions).toHaveLength(28 - SESSIONS_PAGE_SIZE);
    expect(new Set([...first.sessions, ...second.sessions].map((session) => session.id)).size).toBe(28);
  });

  it('the surgeon on the care team and the clinic admin see it, and the read is audited', async () => {
    const cursor = await auditCursor();
    await expect(getSessionsAndPain({ actor: world.a.actors.surgeon, patientId: patient.patientId, today: TODAY })).resolves.toMatchObject({ total: 28 });
    await expect(getSessionsAndPain({ actor: world.a.actors.admin, patientId: patient.patientId, today: TODAY })).resolves.toMatchObject({ total: 28 });
    expect(await auditRowsSince(cursor, { action: 'patient.read_sessions', patientId: patient.patientId })).toHaveLength(2);
  });

  it.each([
    ['a therapist not on the care team', () => actorFor(world.a.users.otherTherapist)],
    ['the other clinic’s therapist', () => world.b.actors.therapist],
    ['the other clinic’s admin', () => world.b.actors.admin],
    ['the patient', () => patient.actor],
  ])('%s gets NOT_FOUND', async (_who, actor) => {
    await expect(getSessionsAndPain({ actor: actor(), patientId: patient.patientId, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a malformed patient id is NOT_FOUND before any query', async () => {
    await expect(getSessionsAndPain({ actor: world.a.actors.therapist, patientId: "x' OR 1=1", today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the surgeon signs with the facts in view', () => {
  it('a request carries who prescribed it, the phase timing, latest pain, adherence, open warning signs and the other home exercises', async () => {
    const patient = await walker(10);
    await walk(patient, { backPain: 4, legPain: 2 });
    await reportWarningSigns({ actor: patient.actor, input: { signs: ['NEW_NUMBNESS'] } });
    const draft = await startDraft({ actor: world.a.actors.therapist, input: { patientId: patient.patientId } });
    await addDraftItem({ actor: world.a.actors.therapist, input: { versionId: draft.versionId, lockVersion: draft.lockVersion, exerciseId: world.a.exerciseIds.get('Knee flexion') } });
    await approveDraft(world.a.actors.therapist, patient.patientId);

    const { requests } = await listSignOffQueue({ actor: world.a.actors.surgeon, today: TODAY, pageSize: 500 });
    const request = requests.find((candidate) => candidate.patient.id === patient.patientId && candidate.exerciseName === 'Knee flexion');
    expect(request).toMatchObject({
      prescribedBy: world.a.users.therapist.name,
      phase: { position: 1, name: 'Protect and walk', earliestDay: 0 },
      daysSinceSurgery: 10,
      latestPain: { back: 4, leg: 2, on: TODAY },
      week: { completed: 1, expected: 3, percent: 33 },
      otherHomeExercises: ['Walking'],
    });
    expect(request?.openAlerts.map((alert) => alert.summary)).toEqual(['Reported: New or worse numbness or tingling in your legs or feet.']);
  });

  it('another surgeon sees none of it', async () => {
    const { actor: otherSurgeon } = await createActor(world.a.clinic.id, 'SURGEON');
    const { requests } = await listSignOffQueue({ actor: otherSurgeon, today: TODAY });
    expect(requests).toEqual([]);
  });
});

describe('nothing approved by mistake', () => {
  it('approving while an edit is typed but not saved is refused with the exercise named; nothing is approved', async () => {
    const patient = await registerPatient(world.a);
    const draft = await draftOf(patient.patientId);
    const shown = (JSON.parse(await shownItemsOf(draft.id)) as Array<Record<string, string>>).map((item) => ({ ...item, minutes: '20' }));
    await expect(
      approvePlanVersion({ actor: world.a.actors.therapist, input: { versionId: draft.id, lockVersion: draft.lockVersion, password: PASSWORD, shownItems: JSON.stringify(shown) } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Walking: changes on this page are not saved/) });
    expect(await db.planVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true } })).toEqual({ status: 'DRAFT' });
    expect(await db.signOff.count({ where: { patientId: patient.patientId } })).toBe(0);
  });

  it.each([undefined, '', 'not json', '[{"itemId":"x"}]'])('shownItems %j is refused: INVALID_INPUT', async (shownItems) => {
    const patient = await registerPatient(world.a);
    const draft = await draftOf(patient.patientId);
    await expect(approvePlanVersion({ actor: world.a.actors.therapist, input: { versionId: draft.id, lockVersion: draft.lockVersion, password: PASSWORD, shownItems } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('remote-monitoring figures', () => {
  it('the caseload counts the days with data in the current 30-day period since surgery', async () => {
    const patient = await walker(33);
    // Day 33 is day 4 of period 2: logs on days 30 (period 2), 31 (twice: one day) and 29 (period 1).
    await walk(patient, { performedOn: isoDaysAgo(3) });
    await walk(patient, { performedOn: isoDaysAgo(2) });
    await walk(patient, { performedOn: isoDaysAgo(2) });
    await walk(patient, { performedOn: isoDaysAgo(4) }).catch(() => undefined);
    const { rows } = await getCaseload({ actor: world.a.actors.therapist, today: TODAY });
    expect(rows.find((row) => row.id === patient.patientId)?.monitoring).toEqual({ number: 2, dayOfPeriod: 4, daysWithData: 2 });
  });
});

describe('clinic settings and clinic time', () => {
  it('the admin sets the phone, the emergency number and the time zone; it is audited', async () => {
    const { actor } = await createActor(world.a.clinic.id, 'ADMIN');
    const cursor = await auditCursor();
    await updateClinicSettings({ actor, input: { phone: '(555) 010-9999', emergencyNumber: '112', timeZone: 'Europe/Dublin' } });
    expect(await getClinicSettings({ actor })).toMatchObject({ phone: '(555) 010-9999', emergencyNumber: '112', timeZone: 'Europe/Dublin' });
    const rows = await auditRowsSince(cursor, { action: 'clinic.update_settings', clinicId: world.a.clinic.id });
    expect(rows).toHaveLength(1);
    await updateClinicSettings({ actor, input: { phone: '555-0100', emergencyNumber: '911', timeZone: 'UTC' } });
  });

  it.each([
    [{ phone: 'call us', emergencyNumber: '911', timeZone: 'UTC' }],
    [{ phone: '555-0100', emergencyNumber: '9-1-1', timeZone: 'UTC' }],
    [{ phone: '555-0100', emergencyNumber: '911', timeZone: 'Mars/Olympus' }],
    [{ phone: '555-0100', emergencyNumber: '911' }],
  ])('refuses %j: INVALID_INPUT, nothing changed', async (input) => {
    const before = await db.clinic.findUniqueOrThrow({ where: { id: world.a.clinic.id } });
    await expect(updateClinicSettings({ actor: world.a.actors.admin, input })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await db.clinic.findUniqueOrThrow({ where: { id: world.a.clinic.id } })).toEqual(before);
  });

  it.each(['therapist', 'surgeon', 'patient'] as const)('the %s may not change them', async (role) => {
    await expect(updateClinicSettings({ actor: world.a.actors[role], input: { phone: '555-0100', emergencyNumber: '911', timeZone: 'UTC' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getClinicSettings({ actor: world.a.actors[role] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("an admin changes only their own clinic's settings", async () => {
    const before = await db.clinic.findUniqueOrThrow({ where: { id: world.b.clinic.id } });
    await updateClinicSettings({ actor: world.a.actors.admin, input: { phone: '555-0100', emergencyNumber: '911', timeZone: 'UTC' } });
    expect(await db.clinic.findUniqueOrThrow({ where: { id: world.b.clinic.id } })).toEqual(before);
  });

  it("a patient's today is the clinic's calendar day", async () => {
    const patient = await walker(5);
    const lateEveningInHonolulu = new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth(), TODAY.getUTCDate(), 8, 0));
    const honolulu = { ...patient.actor, timeZone: 'Pacific/Honolulu' };
    // 08:00 UTC is 22:00 the day before in Honolulu: "today" is yesterday's date, and today's UTC date is the future.
    await expect(logSession({ actor: honolulu, input: { exerciseId: walkingId, performedOn: isoDaysAgo(0), completed: true, setsCompleted: null, backPain: 1, legPain: 1 }, today: lateEveningInHonolulu })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The date cannot be in the future.' });
    const portal = await getPortalPlan({ actor: honolulu, today: lateEveningInHonolulu });
    expect(portal.today).toBe(isoDaysAgo(1));
    expect(portal.daysSinceSurgery).toBe(4);
  });
});
