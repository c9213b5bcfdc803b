import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/domain/calendar';
import { getCaseload, type CaseloadRow } from '@/lib/server/caseload/get-caseload';
import { startDraft } from '@/lib/server/plans/start-draft';
import { logSession } from '@/lib/server/portal/log-session';
import { TODAY, advance, approveDraft, decide, isoDaysAgo, registerPatient, type RegisteredPatient } from './support/plan-flow';
import { createWorld, type World } from './support/world';

let world: World;
let walkingId: string;

type Case = { patient: RegisteredPatient; surgeryDaysAgo: number };
const cases: Record<string, Case> = {};

async function walkingSigned(surgeryDaysAgo: number): Promise<Case> {
  const patient = await registerPatient(world.a, { surgeryDaysAgo });
  await approveDraft(world.a.actors.therapist, patient.patientId);
  await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
  return { patient, surgeryDaysAgo };
}

async function logWalking(patient: RegisteredPatient, daysAgo: number, pain: number, completed = true) {
  await logSession({ actor: patient.actor, input: { exerciseId: walkingId, performedOn: isoDaysAgo(daysAgo), completed, setsCompleted: null, backPain: pain, legPain: 0, note: '' }, today: TODAY });
}

beforeAll(async () => {
  world = await createWorld();
  walkingId = world.a.exerciseIds.get('Walking')!;
  const therapist = world.a.actors.therapist;
  const surgeon = world.a.actors.surgeon;

  // Registered, nothing approved yet.
  cases.draftOnly = { patient: await registerPatient(world.a, { surgeryDaysAgo: 10 }), surgeryDaysAgo: 10 };

  cases.waiting = { patient: await registerPatient(world.a, { surgeryDaysAgo: 3 }), surgeryDaysAgo: 3 };
  await approveDraft(therapist, cases.waiting.patient.patientId);

  cases.declined = { patient: await registerPatient(world.a, { surgeryDaysAgo: 3 }), surgeryDaysAgo: 3 };
  await approveDraft(therapist, cases.declined.patient.patientId);
  await decide(surgeon, cases.declined.patient.patientId, 'Walking', 'DECLINE');

  cases.ready = await walkingSigned(7);
  cases.notYet = await walkingSigned(6);

  cases.readyWithDraft = await walkingSigned(10);
  await startDraft({ actor: therapist, input: { patientId: cases.readyWithDraft.patient.patientId } });

  // Phase 2 approved 10 days after surgery: the phase 2 requests wait, phase 3 is weeks away.
  cases.phase2 = await walkingSigned(10);
  await advance(therapist, cases.phase2.patient.patientId);
  await approveDraft(therapist, cases.phase2.patient.patientId);

  // Pain: logged out of date order on purpose; "first" and "latest" are by the day performed.
  cases.painHigh = await walkingSigned(3);
  await logWalking(cases.painHigh.patient, 0, 7);
  await logWalking(cases.painHigh.patient, 2, 2);

  cases.painRise = await walkingSigned(3);
  await logWalking(cases.painRise.patient, 2, 1, false);
  await logWalking(cases.painRise.patient, 0, 4);

  cases.painSteady = await walkingSigned(3);
  await logWalking(cases.painSteady.patient, 2, 2);
  await logWalking(cases.painSteady.patient, 1, 4);
  await logWalking(cases.painSteady.patient, 0, 4);

  cases.painHighButStable = await walkingSigned(3);
  await logWalking(cases.painHighButStable.patient, 1, 6);
  await logWalking(cases.painHighButStable.patient, 0, 6);
});

function rowOf(rows: CaseloadRow[], key: string): CaseloadRow {
  const patientId = cases[key]!.patient.patientId;
  const row = rows.find((candidate) => candidate.id === patientId);
  if (!row) throw new Error(`No caseload row for ${key}`);
  return row;
}

describe('getCaseload', () => {
  it('lists exactly the patients whose care team the therapist is on', async () => {
    // Patients of another therapist of the clinic, and of the other clinic, must not appear.
    const othersPatient = await registerPatient(world.a, { therapist: { ...world.a.actors.therapist, userId: world.a.users.otherTherapist.id } });
    const otherClinicsPatient = await registerPatient(world.b);

    const { rows, total } = await getCaseload({ actor: world.a.actors.therapist, today: TODAY });

    const expected = [world.a.patients.self.id, world.a.patients.therapistOnly.id, ...Object.values(cases).map((c) => c.patient.patientId)];
    expect(rows.map((row) => row.id).sort()).toEqual(expected.sort());
    expect(total).toBe(expected.length);
    expect(rows.map((row) => row.id)).not.toContain(othersPatient.patientId);
    expect(rows.map((row) => row.id)).not.toContain(otherClinicsPatient.patientId);

    const others = await getCaseload({ actor: world.b.actors.therapist, today: TODAY });
    expect(others.rows.map((row) => row.id)).toContain(otherClinicsPatient.patientId);
    for (const id of expected) expect(others.rows.map((row) => row.id)).not.toContain(id);
  });

  it('a registered patient with nothing approved: DRAFT_WAITING only', async () => {
    const { rows } = await getCaseload({ actor: world.a.actors.therapist, today: TODAY });
    expect(rowOf(rows, 'draftOnly')).toEqual({
      id: cases.draftOnly!.patient.patientId,
      name: `Robin ${cases.draftOnly!.patient.lastName}`,
      phase: 'No approved plan yet',
      daysSinceSurgery: 10,
      adherencePercent: null,
      latestPain: null,
      monitoring: { number: 1, dayOfPeriod: 11, daysWithData: 0 },
      flags: ['DRAFT_WAITING'],
    });
  });

  it('flags what needs the therapist’s attention', async () => {
    const { rows } = await getCaseload({ actor: world.a.actors.therapist, today: TODAY });
    const flagsOf = (key: string) => rowOf(rows, key).flags;

    expect(flagsOf('waiting')).toEqual(['WAITING_FOR_SURGEON']);
    expect(flagsOf('declined')).toEqual(['DECLINED']);
    expect(flagsOf('ready')).toEqual(['READY_TO_ADVANCE']);
    expect(flagsOf('notYet')).toEqual([]);
    // An open draft is the advance in progress.
    expect(flagsOf('readyWithDraft')).toEqual(['DRAFT_WAITING']);
    expect(flagsOf('phase2')).toEqual(['WAITING_FOR_SURGEON']);
    expect(flagsOf('painHigh')).toEqual(['PAIN']);
    expect(flagsOf('painRise')).toEqual(['PAIN']);
    expect(flagsOf('painSteady')).toEqual([]);
    expect(flagsOf('painHighButStable')).toEqual([]);
  });

  it('READY_TO_ADVANCE follows the `today` it is given', async () => {
    const tomorrow = await getCaseload({ actor: world.a.actors.therapist, today: addDays(TODAY, 1) });
    expect(rowOf(tomorrow.rows, 'notYet').flags).toEqual(['READY_TO_ADVANCE']);
    expect(rowOf(tomorrow.rows, 'notYet').daysSinceSurgery).toBe(7);
  });

  it('shows the phase, the day count, this week’s adherence and the latest pain', async () => {
    const { rows } = await getCaseload({ actor: world.a.actors.therapist, today: TODAY });
    const summary = (key: string) => {
      const { phase, daysSinceSurgery, adherencePercent, latestPain } = rowOf(rows, key);
      return { phase, daysSinceSurgery, adherencePercent, latestPain };
    };

    // Nothing cleared for home yet: no adherence to speak of.
    expect(summary('waiting')).toEqual({ phase: 'Phase 1: Protect and walk', daysSinceSurgery: 3, adherencePercent: null, latestPain: null });
    // Walking cleared today (the surgeon signed it as the fixture ran), 3 times a day: 3 expected so far, not
    // 21; logs from the days before it was cleared do not count either.
    expect(summary('ready')).toEqual({ phase: 'Phase 1: Protect and walk', daysSinceSurgery: 7, adherencePercent: 0, latestPain: null });
    expect(summary('painHigh')).toEqual({ phase: 'Phase 1: Protect and walk', daysSinceSurgery: 3, adherencePercent: 33, latestPain: { back: 7, leg: 0 } });
    // The session not completed does not count.
    expect(summary('painRise')).toEqual({ phase: 'Phase 1: Protect and walk', daysSinceSurgery: 3, adherencePercent: 33, latestPain: { back: 4, leg: 0 } });
    expect(summary('painSteady')).toEqual({ phase: 'Phase 1: Protect and walk', daysSinceSurgery: 3, adherencePercent: 33, latestPain: { back: 4, leg: 0 } });
    // Phase 2's new home exercises are not cleared yet; only Walking is expected.
    expect(summary('phase2')).toEqual({ phase: 'Phase 2: Gentle movement', daysSinceSurgery: 10, adherencePercent: 0, latestPain: null });
  });

  it('adherence only counts the last 7 days', async () => {
    const { rows } = await getCaseload({ actor: world.a.actors.therapist, today: addDays(TODAY, 6) });
    // painSteady logged on days -2, -1, 0: only day 0 is inside the window ending 6 days later.
    expect(rowOf(rows, 'painSteady')).toMatchObject({ adherencePercent: 5, latestPain: { back: 4, leg: 0 } });
  });

  it.each(['surgeon', 'patient', 'admin'] as const)('the %s has no caseload: NOT_FOUND', async (role) => {
    await expect(getCaseload({ actor: world.a.actors[role], today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
