import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { addDraftItem } from '@/lib/server/plans/add-draft-item';
import { removeDraftItem } from '@/lib/server/plans/remove-draft-item';
import { startDraft } from '@/lib/server/plans/start-draft';
import { updateDraftItem } from '@/lib/server/plans/update-draft-item';
import { getPortalPlan } from '@/lib/server/portal/get-portal-plan';
import { logSession } from '@/lib/server/portal/log-session';
import { EXERCISES } from '@/prisma/data/catalog';
import { TEST_PROTOCOL } from './support/test-protocol';
import { auditCursor, auditRowsSince } from './support/audit';
import { TODAY, advance, approveDraft, decide, draftOf, isoDate, isoDaysAgo, itemOf, registerPatient, type RegisteredPatient } from './support/plan-flow';
import { createWorld, type World } from './support/world';

let world: World;
/**
 * Ten days after surgery, in phase 2. Walking signed at 10 minutes in v1, re-dosed to 15 minutes in v2 and
 * waiting; Hamstring stretch signed; Knee flexion declined; Pelvic tilt waiting; Lying march supervised.
 * A v3 draft adds Bird dog and a note on Walking.
 */
let patient: RegisteredPatient;
const DRAFT_NOTE = 'Draft-only note: try hills next week';

function exerciseId(name: string, clinic = world.a): string {
  const id = clinic.exerciseIds.get(name);
  if (!id) throw new Error(`No exercise called ${name}`);
  return id;
}

/** The plain name patients read for a catalog exercise (what the portal shows). */
const plain = (name: string) => EXERCISES.find((exercise) => exercise.name === name)?.patientName ?? name;

function stepsOf(name: string): string[] {
  const exercise = EXERCISES.find((candidate) => candidate.name === name);
  if (!exercise) throw new Error(`No exercise called ${name}`);
  return exercise.instructions.split('\n');
}

type Editable = Awaited<ReturnType<typeof itemOf>>;
function prescription(item: Editable, change: Partial<Editable>) {
  const next = { ...item, ...change };
  return { mode: next.mode, patientNotes: next.patientNotes, sets: next.sets, reps: next.reps, holdSeconds: next.holdSeconds, timesPerDay: next.timesPerDay, daysPerWeek: next.daysPerWeek, minutes: next.minutes, side: next.side };
}

async function redose(therapist: Actor, patientId: string, exerciseName: string, change: Partial<Editable>) {
  const draft = await draftOf(patientId);
  const item = await itemOf(draft.id, exerciseName);
  return updateDraftItem({ actor: therapist, input: { itemId: item.id, lockVersion: draft.lockVersion, ...prescription(item, change) } });
}

/** A patient whose plan is Walking alone, signed by the surgeon. */
async function walkingPatient() {
  const fresh = await registerPatient(world.a, { surgeryDaysAgo: 3 });
  await approveDraft(world.a.actors.therapist, fresh.patientId);
  await decide(world.a.actors.surgeon, fresh.patientId, 'Walking');
  return fresh;
}

beforeAll(async () => {
  world = await createWorld();
  const therapist = world.a.actors.therapist;
  const surgeon = world.a.actors.surgeon;

  patient = await registerPatient(world.a, { surgeryDaysAgo: 10 });
  await approveDraft(therapist, patient.patientId);
  await decide(surgeon, patient.patientId, 'Walking');
  await advance(therapist, patient.patientId);
  await redose(therapist, patient.patientId, 'Walking', { minutes: 15 });
  await approveDraft(therapist, patient.patientId);
  await decide(surgeon, patient.patientId, 'Hamstring stretch');
  await decide(surgeon, patient.patientId, 'Knee flexion', 'DECLINE', 'Not with this wound yet.');

  const v3 = await startDraft({ actor: therapist, input: { patientId: patient.patientId } });
  const added = await addDraftItem({ actor: therapist, input: { versionId: v3.versionId, lockVersion: v3.lockVersion, exerciseId: exerciseId('Bird dog') } });
  const walking = await itemOf(v3.versionId, 'Walking');
  await updateDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion: added.lockVersion, ...prescription(walking, { patientNotes: DRAFT_NOTE, minutes: 40 }) } });
});

describe('getPortalPlan', () => {
  it('shows exactly the cleared prescriptions: the signed earlier Walking while its new dosage waits, never the waiting, declined or draft ones', async () => {
    const portal = await getPortalPlan({ actor: patient.actor, today: TODAY });

    // Each with its drawing (described in words) and no clinic photo yet.
    const drawn = { illustration: expect.objectContaining({ description: expect.stringMatching(/\w+ \w+ \w+/) }), media: null };
    expect(portal.home).toEqual([
      { exerciseId: exerciseId('Walking'), name: plain('Walking'), dosageText: '10 minutes, 3 times a day, every day', steps: stepsOf('Walking'), notes: '', today: null, ...drawn },
      { exerciseId: exerciseId('Hamstring stretch'), name: plain('Hamstring stretch'), dosageText: '1 set of 3, hold 30 seconds, each side, twice a day, every day', steps: stepsOf('Hamstring stretch'), notes: '', today: null, ...drawn },
    ]);
    // Done at visits: no home schedule ("twice a day, every day" would contradict "only at your visits").
    expect(portal.withTherapist).toEqual([
      { exerciseId: exerciseId('Lying march'), name: plain('Lying march'), dosageText: '1 set of 10, each side', steps: stepsOf('Lying march'), notes: '', ...drawn },
    ]);
    expect(portal.daysSinceSurgery).toBe(10);
    expect(portal.precautions).toBe(TEST_PROTOCOL.phases[1]?.precautions);
  });

  it('gives away no hashes, therapist notes or draft content', async () => {
    const portal = await getPortalPlan({ actor: patient.actor, today: TODAY });
    const json = JSON.stringify(portal);

    expect(json).not.toContain('contentHash');
    expect(json).not.toMatch(/[0-9a-f]{64}/);
    const hashes = await db.planItem.findMany({ where: { version: { plan: { episode: { patientId: patient.patientId } } } }, select: { contentHash: true } });
    for (const { contentHash } of hashes) expect(json).not.toContain(contentHash);
    expect(json).not.toContain('therapistNotes');
    for (const exercise of EXERCISES) expect(json).not.toContain(exercise.therapistNotes.slice(0, 40));
    for (const hidden of ['Bird dog', DRAFT_NOTE, '40 minutes', '15 minutes', 'Knee flexion', 'Pelvic tilt', 'Not with this wound yet.']) {
      expect(json).not.toContain(hidden);
    }
  });

  it('shows nothing while the only version is a draft', async () => {
    const fresh = await registerPatient(world.a, { surgeryDaysAgo: 10 });

    const portal = await getPortalPlan({ actor: fresh.actor, today: TODAY });

    expect(portal).toMatchObject({ home: [], withTherapist: [], precautions: '', daysSinceSurgery: 10, recentSessions: [], week: { completed: 0, expected: 0, percent: null } });
  });

  it('an approved self-directed prescription appears only once the surgeon signs it', async () => {
    const fresh = await registerPatient(world.a, { surgeryDaysAgo: 1 });
    await approveDraft(world.a.actors.therapist, fresh.patientId);
    expect((await getPortalPlan({ actor: fresh.actor, today: TODAY })).home).toEqual([]);

    await decide(world.a.actors.surgeon, fresh.patientId, 'Walking');

    expect((await getPortalPlan({ actor: fresh.actor, today: TODAY })).home.map((exercise) => exercise.name)).toEqual([plain('Walking')]);
  });

  it('a declined prescription is not shown', async () => {
    const fresh = await registerPatient(world.a, { surgeryDaysAgo: 1 });
    await approveDraft(world.a.actors.therapist, fresh.patientId);
    await decide(world.a.actors.surgeon, fresh.patientId, 'Walking', 'DECLINE');

    const portal = await getPortalPlan({ actor: fresh.actor, today: TODAY });

    expect(portal.home).toEqual([]);
    expect(portal.withTherapist).toEqual([]);
  });

  it('a re-dosed prescription replaces the earlier one only once it is signed', async () => {
    const fresh = await walkingPatient();
    await startDraft({ actor: world.a.actors.therapist, input: { patientId: fresh.patientId } });
    await redose(world.a.actors.therapist, fresh.patientId, 'Walking', { minutes: 20, patientNotes: 'A little further each day.' });
    await approveDraft(world.a.actors.therapist, fresh.patientId);

    const waiting = await getPortalPlan({ actor: fresh.actor, today: TODAY });
    expect(waiting.home.map((exercise) => [exercise.name, exercise.dosageText, exercise.notes])).toEqual([[plain('Walking'), '10 minutes, 3 times a day, every day', '']]);

    await decide(world.a.actors.surgeon, fresh.patientId, 'Walking');

    const signed = await getPortalPlan({ actor: fresh.actor, today: TODAY });
    expect(signed.home.map((exercise) => [exercise.name, exercise.dosageText, exercise.notes])).toEqual([[plain('Walking'), '20 minutes, 3 times a day, every day', 'A little further each day.']]);
  });

  it('an exercise removed in the current version is not shown, however well it was cleared before', async () => {
    const fresh = await walkingPatient();
    const therapist = world.a.actors.therapist;
    const draft = await startDraft({ actor: therapist, input: { patientId: fresh.patientId } });
    const added = await addDraftItem({ actor: therapist, input: { versionId: draft.versionId, lockVersion: draft.lockVersion, exerciseId: exerciseId('Lying march') } });
    const walking = await itemOf(draft.versionId, 'Walking');
    await removeDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion: added.lockVersion } });
    await approveDraft(therapist, fresh.patientId);

    const portal = await getPortalPlan({ actor: fresh.actor, today: TODAY });

    expect(portal.home).toEqual([]);
    expect(portal.withTherapist.map((exercise) => exercise.name)).toEqual([plain('Lying march')]);
    expect(JSON.stringify(portal)).not.toContain('Walking');
    expect(JSON.stringify(portal)).not.toContain(plain('Walking'));
  });

  it.each(['therapist', 'surgeon', 'admin'] as const)('the %s has no portal: NOT_FOUND', async (role) => {
    await expect(getPortalPlan({ actor: world.a.actors[role], today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a patient account not linked to a patient record: NOT_FOUND', async () => {
    await expect(getPortalPlan({ actor: { ...patient.actor, patientId: null }, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the read is on the patient’s audit trail', async () => {
    const cursor = await auditCursor();
    await getPortalPlan({ actor: patient.actor, today: TODAY });
    const rows = await auditRowsSince(cursor, { actorId: patient.actor.userId });
    expect(rows.map((row) => [row.action, row.outcome, row.patientId])).toEqual([['portal.read', 'SUCCESS', patient.patientId]]);
  });
});

describe('logSession', () => {
  const session = (exerciseId: string, change: Record<string, unknown> = {}) => ({
    exerciseId,
    performedOn: isoDate(TODAY),
    completed: true,
    setsCompleted: null,
    backPain: 3,
    legPain: 1,
    note: '',
    ...change,
  });

  async function sessionCount(patientId: string) {
    return db.sessionLog.count({ where: { patientId } });
  }

  it('logs a cleared exercise; it shows in recent sessions and this week’s adherence', async () => {
    const fresh = await walkingPatient();
    const walkingId = exerciseId('Walking');
    const cursor = await auditCursor();

    const first = await logSession({ actor: fresh.actor, input: session(walkingId, { backPain: 3, legPain: 1 }), today: TODAY });
    await logSession({ actor: fresh.actor, input: session(walkingId, { performedOn: isoDaysAgo(1), backPain: 4, legPain: 2, setsCompleted: 1, note: 'Easy.' }), today: TODAY });
    await logSession({ actor: fresh.actor, input: session(walkingId, { performedOn: isoDaysAgo(6), completed: false, backPain: 5, legPain: 2 }), today: TODAY });

    expect(first).toEqual({ sessionId: expect.any(String), exerciseName: 'Walking', isDuplicate: false, isHighPain: false, alertRaised: false });
    const portal = await getPortalPlan({ actor: fresh.actor, today: TODAY });
    expect(portal.recentSessions).toEqual([
      { id: first.sessionId, exerciseId: walkingId, exerciseName: plain('Walking'), performedOn: TODAY, completed: true, setsCompleted: null, backPain: 3, legPain: 1 },
      { id: expect.any(String), exerciseId: walkingId, exerciseName: plain('Walking'), performedOn: addDays(TODAY, -1), completed: true, setsCompleted: 1, backPain: 4, legPain: 2 },
      { id: expect.any(String), exerciseId: walkingId, exerciseName: plain('Walking'), performedOn: addDays(TODAY, -6), completed: false, setsCompleted: null, backPain: 5, legPain: 2 },
    ]);
    // Walking 3 times a day, cleared today (the surgeon signed as the fixture ran): 3 expected, 1 done today.
    // Yesterday's walk came before it was cleared, so it neither counts nor is expected.
    expect(portal.week).toMatchObject({ completed: 1, expected: 3, percent: 33 });
    // Day by day for the chart: nothing expected before today; today 1 of 3 with the day's worst pain.
    expect(portal.week.days).toHaveLength(7);
    expect(portal.week.days.slice(0, 6).map((day) => day.expected)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(portal.week.days[0]).toMatchObject({ day: isoDaysAgo(6), backPain: 5, legPain: 2 });
    expect(portal.week.days[6]).toEqual({ day: isoDate(TODAY), completed: 1, expected: 3, backPain: 3, legPain: 1 });
    const stored = await db.sessionLog.findUniqueOrThrow({ where: { id: first.sessionId } });
    expect(stored).toMatchObject({ patientId: fresh.patientId, exerciseId: walkingId, exerciseName: 'Walking', completed: true, backPain: 3, legPain: 1 });
    const rows = await auditRowsSince(cursor, { actorId: fresh.actor.userId, action: 'session.log' });
    expect(rows.map((row) => [row.outcome, row.patientId, row.entityId])).toEqual([['SUCCESS', fresh.patientId, first.sessionId], ...Array(2).fill(['SUCCESS', fresh.patientId, expect.any(String)])]);
  });

  it('a week later the session has left the adherence window', async () => {
    const fresh = await walkingPatient();
    await logSession({ actor: fresh.actor, input: session(exerciseId('Walking')), today: TODAY });

    const nextWeek = await getPortalPlan({ actor: fresh.actor, today: addDays(TODAY, 7) });

    expect(nextWeek.recentSessions).toEqual([]);
    expect(nextWeek.week).toMatchObject({ completed: 0, expected: 21, percent: 0 });
    expect(nextWeek.week.days.map((day) => [day.completed, day.expected, day.backPain])).toEqual(Array(7).fill([0, 3, null]));
  });

  it('an exercise done with the therapist is not logged as a home session: INVALID_INPUT, nothing written', async () => {
    const before = await sessionCount(patient.patientId);
    await expect(logSession({ actor: patient.actor, input: session(exerciseId('Lying march')), today: TODAY })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'You do this one with your therapist at your visits. They keep track of it.',
    });
    expect(await sessionCount(patient.patientId)).toBe(before);
  });

  it.each([
    ['waiting for the surgeon', (w: World) => exerciseId('Pelvic tilt', w.a)],
    ['declined by the surgeon', (w: World) => exerciseId('Knee flexion', w.a)],
    ['only on the draft', (w: World) => exerciseId('Bird dog', w.a)],
    ['not on the plan at all', (w: World) => exerciseId('Calf raises', w.a)],
    ["of the other clinic's catalog", (w: World) => exerciseId('Walking', w.b)],
    ['that does not exist', () => 'nosuchexercise'],
  ])('an exercise %s cannot be logged: INVALID_INPUT, nothing written', async (_what, pick) => {
    const before = await sessionCount(patient.patientId);
    const cursor = await auditCursor();

    await expect(logSession({ actor: patient.actor, input: session(pick(world)), today: TODAY })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await sessionCount(patient.patientId)).toBe(before);
    expect(await auditRowsSince(cursor, { actorId: patient.actor.userId })).toEqual([]);
  });

  it('an exercise removed from the current version cannot be logged', async () => {
    const fresh = await walkingPatient();
    const therapist = world.a.actors.therapist;
    const draft = await startDraft({ actor: therapist, input: { patientId: fresh.patientId } });
    const added = await addDraftItem({ actor: therapist, input: { versionId: draft.versionId, lockVersion: draft.lockVersion, exerciseId: exerciseId('Lying march') } });
    await removeDraftItem({ actor: therapist, input: { itemId: (await itemOf(draft.versionId, 'Walking')).id, lockVersion: added.lockVersion } });
    await approveDraft(therapist, fresh.patientId);

    await expect(logSession({ actor: fresh.actor, input: session(exerciseId('Walking')), today: TODAY })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await sessionCount(fresh.patientId)).toBe(0);
  });

  it.each([-1, 11, 2.5, '', 'severe', '1e1', '0x5', '7.0', ' 7', '-0', null, undefined])('back or leg pain %j is not a score from 0 to 10: INVALID_INPUT, nothing written', async (pain) => {
    const before = await sessionCount(patient.patientId);

    await expect(logSession({ actor: patient.actor, input: session(exerciseId('Walking'), { backPain: pain }), today: TODAY })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(logSession({ actor: patient.actor, input: session(exerciseId('Walking'), { legPain: pain }), today: TODAY })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await sessionCount(patient.patientId)).toBe(before);
  });

  it.each([0, 10, '0', '10'])('pain %j is accepted', async (pain) => {
    await expect(logSession({ actor: patient.actor, input: session(exerciseId('Walking'), { backPain: pain, legPain: pain }), today: TODAY })).resolves.toMatchObject({ exerciseName: 'Walking' });
  });

  it.each([
    ['tomorrow', isoDate(addDays(TODAY, 1))],
    ['7 days ago', isoDaysAgo(7)],
    ['a month ago', isoDaysAgo(30)],
    ['not a date', 'yesterday'],
    ['with a time', `${isoDate(TODAY)}T08:00`],
  ])('a session dated %s: INVALID_INPUT, nothing written', async (_when, performedOn) => {
    const before = await sessionCount(patient.patientId);

    await expect(logSession({ actor: patient.actor, input: session(exerciseId('Walking'), { performedOn }), today: TODAY })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await sessionCount(patient.patientId)).toBe(before);
  });

  it('a session 6 days ago is still inside the window', async () => {
    await expect(logSession({ actor: patient.actor, input: session(exerciseId('Walking'), { performedOn: isoDaysAgo(6) }), today: TODAY })).resolves.toMatchObject({ exerciseName: 'Walking' });
  });

  it.each(['therapist', 'surgeon', 'admin'] as const)('the %s cannot log sessions: NOT_FOUND', async (role) => {
    const before = await sessionCount(patient.patientId);
    await expect(logSession({ actor: { ...world.a.actors[role], patientId: patient.patientId }, input: session(exerciseId('Walking')), today: TODAY })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await sessionCount(patient.patientId)).toBe(before);
  });

  it("another clinic's patient cannot log this patient's exercise", async () => {
    const other = world.b.actors.patient;
    const before = [await sessionCount(patient.patientId), await sessionCount(other.patientId!)];

    await expect(logSession({ actor: other, input: session(exerciseId('Walking')), today: TODAY })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect([await sessionCount(patient.patientId), await sessionCount(other.patientId!)]).toEqual(before);
  });
});
