import { beforeAll, describe, expect, it } from 'vitest';
import { hashSignature } from '@/lib/domain/content-hash';
import { addDays } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { listSignOffQueue } from '@/lib/server/sign-offs/list-sign-off-queue';
import { EXERCISES } from '@/prisma/data/catalog';
import { TEST_PROTOCOL } from './support/test-protocol';
import { auditCursor, auditRowsSince } from './support/audit';
import { PASSWORD, TODAY, advance, approveDraft, decide, pendingSignOff, registerPatient, type RegisteredPatient } from './support/plan-flow';
import { actorFor, createActor, createWorld, type World } from './support/world';

let world: World;
/** The clinic's surgeon's patient: Walking waits since v1; v2 (phase 2) sent three more. */
let patient: RegisteredPatient;
/** A patient of the same clinic whose surgeon is another surgeon. */
let otherSurgeonsPatient: RegisteredPatient;
let otherSurgeon: Actor;

function instructionsOf(name: string): string {
  const exercise = EXERCISES.find((candidate) => candidate.name === name);
  if (!exercise) throw new Error(`No exercise called ${name}`);
  return exercise.instructions;
}

beforeAll(async () => {
  world = await createWorld();
  otherSurgeon = (await createActor(world.a.clinic.id, 'SURGEON')).actor;
  const therapist = world.a.actors.therapist;

  patient = await registerPatient(world.a, { surgeryDaysAgo: 10 });
  await approveDraft(therapist, patient.patientId);
  await advance(therapist, patient.patientId);
  await approveDraft(therapist, patient.patientId);

  otherSurgeonsPatient = await registerPatient(world.a, { surgeryDaysAgo: 4, surgeonId: otherSurgeon.userId });
  await approveDraft(therapist, otherSurgeonsPatient.patientId);
});

/** A fresh patient with one request (Walking) waiting for the clinic's surgeon. */
async function patientWithWalkingPending() {
  const fresh = await registerPatient(world.a, { surgeryDaysAgo: 2 });
  await approveDraft(world.a.actors.therapist, fresh.patientId);
  const pending = await pendingSignOff(fresh.patientId, 'Walking');
  return { ...fresh, pending };
}

function signOffRow(id: string) {
  return db.signOff.findUniqueOrThrow({ where: { id } });
}

describe('listSignOffQueue', () => {
  it("shows the surgeon exactly their patients' pending self-directed prescriptions, oldest first, with what they need to decide", async () => {
    const { requests: queue } = await listSignOffQueue({ actor: world.a.actors.surgeon, today: TODAY });

    const name = `Robin ${patient.lastName}`;
    const entry = (exerciseName: string, phase: string, versionNumber: number, dosageText: string) => {
      const [position, phaseName] = phase.replace(/^Phase /, '').split(': ');
      return {
        signOffId: expect.any(String),
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        requestedAt: expect.any(Date),
        patient: { id: patient.patientId, name },
        procedure: 'Lumbar microdiscectomy (L4-L5)',
        daysSinceSurgery: 10,
        prescribedBy: world.a.users.therapist.name,
        phase: { position: Number(position), name: phaseName, earliestDay: TEST_PROTOCOL.phases[Number(position) - 1]?.earliestDay },
        advanceReason: null,
        versionNumber,
        exerciseName,
        instructions: instructionsOf(exerciseName),
        // The drawing the surgeon decides on, described in words.
        illustration: expect.objectContaining({ description: expect.stringMatching(/\w+ \w+ \w+/) }),
        patientNotes: '',
        dosageText,
        // Nothing logged, nothing cleared for home yet (Walking itself waits), no alert.
        latestPain: null,
        trend: { back: null, leg: null },
        week: { completed: 0, expected: 0, percent: null },
        openAlerts: [],
        otherHomeExercises: [],
      };
    };
    // Exactly the requests addressed to this surgeon that are still open (the surgeon exists only in this file).
    const open = await db.signOff.findMany({ where: { surgeonId: world.a.users.surgeon.id, status: 'PENDING' }, select: { id: true } });
    expect(queue.map((request) => request.signOffId).sort()).toEqual(open.map((signOff) => signOff.id).sort());
    expect(queue.map((request) => request.patient.id)).not.toContain(otherSurgeonsPatient.patientId);

    const shown = queue.filter((request) => request.patient.id === patient.patientId);
    expect(shown).toHaveLength(4);
    // The version 1 request is the oldest; the three of version 2 were made together, so compare them as a set.
    expect(shown[0]).toEqual(entry('Walking', 'Phase 1: Protect and walk', 1, '10 minutes, 3 times a day, every day'));
    expect(shown.slice(1).sort((a, b) => a.exerciseName.localeCompare(b.exerciseName))).toEqual([
      entry('Hamstring stretch', 'Phase 2: Gentle movement', 2, '1 set of 3, hold 30 seconds, each side, twice a day, every day'),
      entry('Knee flexion', 'Phase 2: Gentle movement', 2, '1 set of 10, each side, twice a day, every day'),
      entry('Pelvic tilt', 'Phase 2: Gentle movement', 2, '1 set of 10, hold 5 seconds, twice a day, every day'),
    ]);
    // Each request carries the hash of exactly the stored prescription it is about.
    for (const request of queue) {
      const stored = await db.signOff.findUniqueOrThrow({ where: { id: request.signOffId }, select: { contentHash: true, status: true, item: { select: { contentHash: true } } } });
      expect(stored).toEqual({ contentHash: request.contentHash, status: 'PENDING', item: { contentHash: request.contentHash } });
    }
  });

  it('the day count follows the `today` it is given', async () => {
    const { requests: queue } = await listSignOffQueue({ actor: world.a.actors.surgeon, today: addDays(TODAY, 5) });
    expect(queue.filter((request) => request.patient.id === patient.patientId).map((request) => request.daysSinceSurgery)).toEqual([15, 15, 15, 15]);
  });

  it("another surgeon of the clinic sees only their own patients' requests", async () => {
    const { requests: queue } = await listSignOffQueue({ actor: otherSurgeon, today: TODAY });
    expect(queue.map((request) => [request.patient.id, request.exerciseName, request.daysSinceSurgery])).toEqual([[otherSurgeonsPatient.patientId, 'Walking', 4]]);
  });

  it("the other clinic's surgeon sees nothing of this clinic", async () => {
    expect(await listSignOffQueue({ actor: world.b.actors.surgeon, today: TODAY })).toEqual({ requests: [], total: 0, page: 1, pageCount: 1 });
  });

  it.each(['therapist', 'patient', 'admin'] as const)('a %s has no queue: NOT_FOUND', async (role) => {
    await expect(listSignOffQueue({ actor: world.a.actors[role], today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a decided request leaves the queue; an undecided one stays', async () => {
    const fresh = await patientWithWalkingPending();
    const { requests: before } = await listSignOffQueue({ actor: world.a.actors.surgeon, today: TODAY });
    expect(before.map((request) => request.signOffId)).toContain(fresh.pending.id);

    await decide(world.a.actors.surgeon, fresh.patientId, 'Walking');

    const { requests: after } = await listSignOffQueue({ actor: world.a.actors.surgeon, today: TODAY });
    expect(after.map((request) => request.signOffId)).not.toContain(fresh.pending.id);
    expect(after.filter((request) => request.patient.id === patient.patientId)).toHaveLength(4);
  });

  it('comes a page at a time, oldest first: the pages together hold every request exactly once', async () => {
    const whole = await listSignOffQueue({ actor: world.a.actors.surgeon, pageSize: 1000, today: TODAY });
    expect(whole.total).toBeGreaterThanOrEqual(4);
    const pageSize = 3;
    const pages = [];
    for (let page = 1; page <= Math.ceil(whole.total / pageSize); page += 1) {
      const answer = await listSignOffQueue({ actor: world.a.actors.surgeon, page, pageSize, today: TODAY });
      expect(answer).toMatchObject({ total: whole.total, page, pageCount: Math.ceil(whole.total / pageSize) });
      expect(answer.requests.length).toBe(Math.min(pageSize, whole.total - (page - 1) * pageSize));
      pages.push(...answer.requests);
    }
    expect(pages.map((request) => request.signOffId)).toEqual(whole.requests.map((request) => request.signOffId));
    const times = pages.map((request) => request.requestedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('a page past the end is empty and says how many pages there are', async () => {
    const answer = await listSignOffQueue({ actor: world.a.actors.surgeon, page: 999, today: TODAY });
    expect(answer.requests).toEqual([]);
    expect(answer.page).toBe(999);
    expect(answer.pageCount).toBe(Math.max(1, Math.ceil(answer.total / 20)));
  });
});

describe('decideSignOff', () => {
  const outsiders: Array<[string, () => Actor]> = [
    ['another surgeon of the same clinic, not on the care team', () => otherSurgeon],
    ["the other clinic's surgeon", () => world.b.actors.surgeon],
    ['the therapist', () => world.a.actors.therapist],
    ['the admin', () => world.a.actors.admin],
    ['the patient themself', () => patient.actor],
  ];

  it.each(outsiders)('%s: NOT_FOUND, still PENDING, and no password was checked', async (_who, pick) => {
    const actor = pick();
    const pending = await pendingSignOff(patient.patientId, 'Hamstring stretch');
    const before = await signOffRow(pending.id);
    const cursor = await auditCursor();

    await expect(
      decideSignOff({ actor, input: { signOffId: pending.id, decision: 'SIGN', contentHash: pending.contentHash, password: PASSWORD } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await signOffRow(pending.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { actorId: actor.userId })).toEqual([]);
  });

  it('a surgeon taken off the care team can no longer decide: NOT_FOUND', async () => {
    const fresh = await patientWithWalkingPending();
    await db.careTeamMember.delete({ where: { patientId_userId: { patientId: fresh.patientId, userId: world.a.users.surgeon.id } } });

    await expect(
      decideSignOff({ actor: world.a.actors.surgeon, input: { signOffId: fresh.pending.id, decision: 'SIGN', contentHash: fresh.pending.contentHash, password: PASSWORD } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await signOffRow(fresh.pending.id)).toMatchObject({ status: 'PENDING', decidedAt: null, signatureHash: null });
  });

  it('a wrong password signs nothing: INVALID_INPUT, still PENDING, and a FAILURE audit row', async () => {
    const fresh = await patientWithWalkingPending();
    const surgeon = actorFor(world.a.users.surgeon);
    const before = await signOffRow(fresh.pending.id);
    const cursor = await auditCursor();

    await expect(
      decideSignOff({ actor: surgeon, input: { signOffId: fresh.pending.id, decision: 'SIGN', contentHash: fresh.pending.contentHash, password: 'wrong-password' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await signOffRow(fresh.pending.id)).toEqual(before);
    const rows = await auditRowsSince(cursor, { actorId: surgeon.userId, entityId: fresh.pending.id });
    expect(rows.map((row) => [row.action, row.outcome, row.patientId, row.ip])).toEqual([['signoff.sign', 'FAILURE', fresh.patientId, surgeon.ip]]);
  });

  it.each([
    ['no reason', ''],
    ['a reason of blanks', '      '],
    ['a one-word reason', 'no'],
  ])('declining with %s: INVALID_INPUT, still PENDING', async (_what, reason) => {
    const fresh = await patientWithWalkingPending();
    const before = await signOffRow(fresh.pending.id);

    await expect(
      decideSignOff({ actor: world.a.actors.surgeon, input: { signOffId: fresh.pending.id, decision: 'DECLINE', contentHash: fresh.pending.contentHash, password: PASSWORD, reason } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await signOffRow(fresh.pending.id)).toEqual(before);
  });

  it('signs: SIGNED, with the signature hash over content, signer, decision and time, and a SUCCESS audit row', async () => {
    const fresh = await patientWithWalkingPending();
    const surgeon = actorFor(world.a.users.surgeon);
    const cursor = await auditCursor();

    const result = await decideSignOff({ actor: surgeon, input: { signOffId: fresh.pending.id, decision: 'SIGN', contentHash: fresh.pending.contentHash, password: PASSWORD } });

    expect(result).toEqual({ signOffId: fresh.pending.id, status: 'SIGNED', exerciseName: 'Walking' });
    const row = await signOffRow(fresh.pending.id);
    expect(row).toMatchObject({ status: 'SIGNED', reason: null, contentHash: fresh.pending.contentHash, surgeonId: surgeon.userId });
    expect(row.decidedAt).toBeInstanceOf(Date);
    expect(row.signatureHash).toBe(hashSignature({ contentHash: fresh.pending.contentHash, signerId: surgeon.userId, decision: 'SIGNED', at: row.decidedAt!, reason: null }));
    const rows = await auditRowsSince(cursor, { actorId: surgeon.userId, entityId: fresh.pending.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'signoff.sign', outcome: 'SUCCESS', patientId: fresh.patientId, after: { status: 'SIGNED', signatureHash: row.signatureHash } });
  });

  it('declines with a reason: DECLINED, the reason kept and bound into the signature', async () => {
    const fresh = await patientWithWalkingPending();
    const reason = 'Wound not healed yet; walking only with the therapist.';

    await expect(
      decideSignOff({ actor: world.a.actors.surgeon, input: { signOffId: fresh.pending.id, decision: 'DECLINE', contentHash: fresh.pending.contentHash, password: PASSWORD, reason } }),
    ).resolves.toMatchObject({ status: 'DECLINED' });

    const row = await signOffRow(fresh.pending.id);
    expect(row).toMatchObject({ status: 'DECLINED', reason });
    expect(row.signatureHash).toBe(hashSignature({ contentHash: fresh.pending.contentHash, signerId: world.a.users.surgeon.id, decision: 'DECLINED', at: row.decidedAt!, reason }));
  });

  it.each(['SIGN', 'DECLINE'] as const)('deciding a decided request again (%s): CONFLICT, and the first decision stands', async (second) => {
    const fresh = await patientWithWalkingPending();
    await decide(world.a.actors.surgeon, fresh.patientId, 'Walking', 'SIGN');
    const decided = await signOffRow(fresh.pending.id);

    await expect(
      decideSignOff({
        actor: world.a.actors.surgeon,
        input: { signOffId: fresh.pending.id, decision: second, contentHash: fresh.pending.contentHash, password: PASSWORD, reason: 'Changed my mind about this.' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await signOffRow(fresh.pending.id)).toEqual(decided);
  });

  it('a content hash other than the request’s (the surgeon was shown other content): CONFLICT, still PENDING', async () => {
    const hamstring = await pendingSignOff(patient.patientId, 'Hamstring stretch');
    const knee = await pendingSignOff(patient.patientId, 'Knee flexion');
    const before = await signOffRow(knee.id);

    for (const contentHash of [hamstring.contentHash, 'f'.repeat(64)]) {
      await expect(
        decideSignOff({ actor: world.a.actors.surgeon, input: { signOffId: knee.id, decision: 'SIGN', contentHash, password: PASSWORD } }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    }

    expect(await signOffRow(knee.id)).toEqual(before);
    expect(before.status).toBe('PENDING');
  });

  it('a malformed content hash or an unknown request: INVALID_INPUT / NOT_FOUND', async () => {
    const knee = await pendingSignOff(patient.patientId, 'Knee flexion');
    await expect(
      decideSignOff({ actor: world.a.actors.surgeon, input: { signOffId: knee.id, decision: 'SIGN', contentHash: 'not-a-hash', password: PASSWORD } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      decideSignOff({ actor: world.a.actors.surgeon, input: { signOffId: 'nosuchsignoff', decision: 'SIGN', contentHash: knee.contentHash, password: PASSWORD } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await signOffRow(knee.id)).toMatchObject({ status: 'PENDING' });
  });
});

describe('the database protects signatures', () => {
  it('a decided sign-off cannot be changed or deleted, even by SQL', async () => {
    const fresh = await patientWithWalkingPending();
    await decide(world.a.actors.surgeon, fresh.patientId, 'Walking');
    const signed = await signOffRow(fresh.pending.id);

    await expect(db.$executeRaw`UPDATE "SignOff" SET "status" = 'DECLINED' WHERE "id" = ${signed.id}`).rejects.toThrow(/decided sign-off is immutable/);
    await expect(db.$executeRaw`UPDATE "SignOff" SET "status" = 'PENDING', "signatureHash" = NULL WHERE "id" = ${signed.id}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`DELETE FROM "SignOff" WHERE "id" = ${signed.id}`).rejects.toThrow(/immutable/);
    await expect(db.signOff.update({ where: { id: signed.id }, data: { reason: 'edited' } })).rejects.toThrow(/immutable/);

    expect(await signOffRow(fresh.pending.id)).toEqual(signed);
  });

  it('a pending request cannot be re-pointed at other content', async () => {
    const fresh = await patientWithWalkingPending();
    const before = await signOffRow(fresh.pending.id);

    await expect(db.$executeRaw`UPDATE "SignOff" SET "contentHash" = ${'e'.repeat(64)} WHERE "id" = ${before.id}`).rejects.toThrow(/re-pointed/);

    expect(await signOffRow(fresh.pending.id)).toEqual(before);
  });
});
