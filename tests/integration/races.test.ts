// Real concurrency against PostgreSQL: the calls of each round start together on separate connections,
// and the database, not the test, decides who wins. Argon2 password checks are slow on purpose, so the
// rounds that sign stay few.
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPrescription } from '@/lib/domain/content-hash';
import { dosageOf } from '@/lib/domain/prescription';
import { db } from '@/lib/server/db';
import { createPatient } from '@/lib/server/patients/create-patient';
import { advancePhase } from '@/lib/server/plans/advance-phase';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { startDraft } from '@/lib/server/plans/start-draft';
import { updateDraftItem } from '@/lib/server/plans/update-draft-item';
import { logSession } from '@/lib/server/portal/log-session';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { auditCursor, auditRowsSince, verifyChainsOf } from './support/audit';
import { PASSWORD, TODAY, approveDraft, decide, draftOf, isoDaysAgo, patientInput, pendingSignOff, registerPatient, settle, shownItemsOf } from './support/plan-flow';
import { createWorld, type World } from './support/world';

let world: World;
/** Rounds that check many Argon2 passwords get headroom when other test files load the machine. */
const SIGNING_TIMEOUT = 60_000;

beforeAll(async () => {
  world = await createWorld();
});

/** Starts every call at once and waits for all of them. */
function race<T>(count: number, call: (index: number) => Promise<T>) {
  return Promise.all(Array.from({ length: count }, (_, index) => settle(call(index))));
}

function winnersAndLosers<T>(outcomes: Array<{ ok: true; value: T } | { ok: false; error: unknown }>) {
  const winners = outcomes.flatMap((outcome, index) => (outcome.ok ? [{ index, value: outcome.value }] : []));
  const errors = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
  return { winners, errors };
}

describe('concurrent approvals of one draft', () => {
  it('5 at once, 5 rounds: exactly one approves, the others get CONFLICT, one approved version 1 and one request per prescription', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { patientId, draftVersionId } = await registerPatient(world.a);
      const cursor = await auditCursor();

      const shownItems = await shownItemsOf(draftVersionId);
      const outcomes = await race(5, () =>
        approvePlanVersion({ actor: world.a.actors.therapist, input: { versionId: draftVersionId, lockVersion: 0, password: PASSWORD, shownItems } }),
      );

      const { winners, errors } = winnersAndLosers(outcomes);
      expect(winners).toHaveLength(1);
      expect(errors).toHaveLength(4);
      for (const error of errors) expect(error).toMatchObject({ code: 'CONFLICT' });
      const versions = await db.planVersion.findMany({ where: { plan: { episode: { patientId } } }, select: { id: true, number: true, status: true, approvedHash: true } });
      expect(versions).toEqual([{ id: draftVersionId, number: 1, status: 'APPROVED', approvedHash: winners[0]!.value.approvedHash }]);
      const signOffs = await db.signOff.findMany({ where: { patientId }, select: { status: true, item: { select: { exerciseName: true } } } });
      expect(signOffs).toEqual([{ status: 'PENDING', item: { exerciseName: 'Walking' } }]);
      const approvals = await auditRowsSince(cursor, { entityId: draftVersionId, action: 'plan.approve' });
      expect(approvals.map((row) => row.outcome)).toEqual(['SUCCESS']);
    }
  }, SIGNING_TIMEOUT);
});

describe('concurrent edits of one draft item with the same lockVersion', () => {
  it('5 at once, 8 rounds: exactly one saves, the rest get CONFLICT, and the stored item is the winner’s, not a mix', async () => {
    for (let round = 0; round < 8; round += 1) {
      const { patientId } = await registerPatient(world.a);
      const draft = await draftOf(patientId);
      const walking = draft.items[0]!;
      const inputFor = (index: number) => ({
        itemId: walking.id,
        lockVersion: draft.lockVersion,
        mode: 'SELF_DIRECTED',
        patientNotes: `Editor ${index}`,
        sets: null,
        reps: null,
        holdSeconds: null,
        timesPerDay: index + 1,
        daysPerWeek: 7,
        minutes: 11 + index,
        side: 'NONE',
      });

      const outcomes = await race(5, (index) => updateDraftItem({ actor: world.a.actors.therapist, input: inputFor(index) }));

      const { winners, errors } = winnersAndLosers(outcomes);
      expect(winners).toHaveLength(1);
      expect(errors).toHaveLength(4);
      for (const error of errors) expect(error).toMatchObject({ code: 'CONFLICT' });
      const winner = winners[0]!.index;
      const after = await draftOf(patientId);
      expect(after.lockVersion).toBe(draft.lockVersion + 1);
      expect(after.items).toHaveLength(1);
      const stored = after.items[0]!;
      expect(stored).toMatchObject({ id: walking.id, patientNotes: `Editor ${winner}`, timesPerDay: winner + 1, minutes: 11 + winner, daysPerWeek: 7 });
      expect(stored.contentHash).toBe(hashPrescription({ ...stored, dosage: dosageOf(stored) }));
    }
  });
});

describe('concurrent decisions on one sign-off request', () => {
  it('3 at once (sign and decline mixed), 5 rounds: exactly one decision stands', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { patientId } = await registerPatient(world.a);
      await approveDraft(world.a.actors.therapist, patientId);
      const pending = await pendingSignOff(patientId, 'Walking');
      const decisions = ['SIGN', 'DECLINE', 'SIGN'] as const;
      const cursor = await auditCursor();

      const outcomes = await race(3, (index) =>
        decideSignOff({
          actor: world.a.actors.surgeon,
          input: { signOffId: pending.id, decision: decisions[index]!, contentHash: pending.contentHash, password: PASSWORD, reason: `Decision ${index} of the race.` },
        }),
      );

      const { winners, errors } = winnersAndLosers(outcomes);
      expect(winners).toHaveLength(1);
      expect(errors).toHaveLength(2);
      for (const error of errors) expect(error).toMatchObject({ code: 'CONFLICT' });
      const winner = winners[0]!;
      const stored = await db.signOff.findUniqueOrThrow({ where: { id: pending.id } });
      expect(stored.status).toBe(winner.value.status);
      expect(stored.status).toBe(decisions[winner.index] === 'SIGN' ? 'SIGNED' : 'DECLINED');
      expect(stored.reason).toBe(`Decision ${winner.index} of the race.`);
      const rows = await auditRowsSince(cursor, { entityId: pending.id, outcome: 'SUCCESS' });
      expect(rows).toHaveLength(1);
    }
  }, SIGNING_TIMEOUT);
});

describe('concurrent session logs from one patient', () => {
  it('20 at once: every one is written, and the audit chain is still intact', async () => {
    const patient = await registerPatient(world.a, { surgeryDaysAgo: 5 });
    await approveDraft(world.a.actors.therapist, patient.patientId);
    await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
    const walkingId = world.a.exerciseIds.get('Walking')!;
    const cursor = await auditCursor();

    const outcomes = await race(20, (index) =>
      logSession({
        actor: patient.actor,
        input: { exerciseId: walkingId, performedOn: isoDaysAgo(index % 7), completed: true, setsCompleted: null, backPain: index % 11, legPain: 0, note: `Walk ${index}` },
        today: TODAY,
      }),
    );

    const { winners, errors } = winnersAndLosers(outcomes);
    expect(errors).toEqual([]);
    expect(winners).toHaveLength(20);
    const sessions = await db.sessionLog.findMany({ where: { patientId: patient.patientId }, select: { id: true, note: true } });
    expect(sessions.map((session) => session.note).sort()).toEqual(Array.from({ length: 20 }, (_, index) => `Walk ${index}`).sort());
    const logged = await auditRowsSince(cursor, { actorId: patient.actor.userId, action: 'session.log' });
    expect(logged.map((row) => row.entityId).sort()).toEqual(sessions.map((session) => session.id).sort());

    // The clinic's chain is whole: 20 appends at once, each under the clinic's chain lock, each linked to the one before.
    const chain = (await verifyChainsOf([world.a.clinic.id])).get(world.a.clinic.id)!;
    expect(chain).toEqual({ ok: true, checked: chain.rows, rows: chain.rows });
    expect(chain.rows).toBeGreaterThanOrEqual(20);
  });
});

describe('concurrent openings of a new draft', () => {
  it('3 therapists advancing the same patient at once: exactly one draft, the others get CONFLICT', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
      await approveDraft(world.a.actors.therapist, patientId);

      const outcomes = await race(3, () => advancePhase({ actor: world.a.actors.therapist, input: { patientId, criteriaMet: [], reason: '' }, today: TODAY }));

      const { winners, errors } = winnersAndLosers(outcomes);
      expect(winners).toHaveLength(1);
      for (const error of errors) expect(error).toMatchObject({ code: 'CONFLICT' });
      expect(await db.planVersion.count({ where: { plan: { episode: { patientId } }, status: 'DRAFT' } })).toBe(1);
    }
  });

  it('3 editors opening the draft editor at once: one draft, and each editor gets it', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { patientId } = await registerPatient(world.a);
      await approveDraft(world.a.actors.therapist, patientId);

      const outcomes = await race(3, () => startDraft({ actor: world.a.actors.therapist, input: { patientId } }));

      const { winners, errors } = winnersAndLosers(outcomes);
      // startDraft promises "if a draft is already open, that draft is the answer": the plan row lock
      // makes the later editors wait and then receive the first editor's draft.
      expect(errors).toEqual([]);
      expect(winners).toHaveLength(3);
      const drafts = await db.planVersion.findMany({ where: { plan: { episode: { patientId } }, status: 'DRAFT' }, select: { id: true } });
      expect(drafts).toHaveLength(1);
      expect(new Set(winners.map((winner) => winner.value.versionId))).toEqual(new Set([drafts[0]!.id]));
    }
  });

  it('two registrations with the same email at once: one patient, the other gets CONFLICT', async () => {
    for (let round = 0; round < 3; round += 1) {
      const input = patientInput(world.a);

      const outcomes = await race(2, (index) => createPatient({ actor: world.a.actors.therapist, input: { ...input, lastName: `${input.lastName}-${index}` } }));

      const { winners, errors } = winnersAndLosers(outcomes);
      expect(winners).toHaveLength(1);
      for (const error of errors) expect(error).toMatchObject({ code: 'CONFLICT' });
      expect(await db.user.count({ where: { email: input.email } })).toBe(1);
    }
  });
});
