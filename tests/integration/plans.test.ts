import { beforeAll, describe, expect, it } from 'vitest';
import { hashApproval, hashPrescription } from '@/lib/domain/content-hash';
import { addDays } from '@/lib/domain/calendar';
import { dosageOf } from '@/lib/domain/prescription';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { createPatient } from '@/lib/server/patients/create-patient';
import { listCareTeamOptions } from '@/lib/server/patients/list-care-team-options';
import { addDraftItem } from '@/lib/server/plans/add-draft-item';
import { advancePhase } from '@/lib/server/plans/advance-phase';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { discardDraft } from '@/lib/server/plans/discard-draft';
import { getPlanOverview } from '@/lib/server/plans/get-plan-overview';
import { removeDraftItem } from '@/lib/server/plans/remove-draft-item';
import { startDraft } from '@/lib/server/plans/start-draft';
import { updateDraftItem } from '@/lib/server/plans/update-draft-item';
import { EMAIL_IN_CLINIC, EMAIL_UNAVAILABLE } from '@/lib/server/users/assert-email-free';
import { TEST_PROTOCOL } from './support/test-protocol';
import { auditCursor, auditRowsSince } from './support/audit';
import {
  PASSWORD,
  TODAY,
  advance,
  approveDraft,
  decide,
  draftOf,
  itemOf,
  patientInput,
  regimenState,
  registerPatient,
  signOffsOf,
  versionsOf,
  shownItemsOf,
} from './support/plan-flow';
import { createActor, createWorld, type World } from './support/world';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

const PHASE_2_CRITERIA = TEST_PROTOCOL.phases[1]?.criteria ?? [];
const PHASE_3_CRITERIA = TEST_PROTOCOL.phases[2]?.criteria ?? [];
const PHASE_2_SELF_DIRECTED = ['Hamstring stretch', 'Knee flexion', 'Pelvic tilt'];

function exerciseId(name: string, clinic = world.a): string {
  const id = clinic.exerciseIds.get(name);
  if (!id) throw new Error(`No exercise called ${name}`);
  return id;
}

/** A prescription input as the draft editor sends it: every dosage field, the mode and the notes. */
function prescription(item: { mode: string; sets: number | null; reps: number | null; holdSeconds: number | null; timesPerDay: number | null; daysPerWeek: number | null; minutes: number | null; side: string; patientNotes: string }) {
  return {
    mode: item.mode,
    patientNotes: item.patientNotes,
    sets: item.sets,
    reps: item.reps,
    holdSeconds: item.holdSeconds,
    timesPerDay: item.timesPerDay,
    daysPerWeek: item.daysPerWeek,
    minutes: item.minutes,
    side: item.side,
  };
}

describe('createPatient', () => {
  it('a therapist registers a patient: account, surgery, care team, and a draft v1 with Walking only', async () => {
    const therapist = world.a.actors.therapist;
    const input = patientInput(world.a, { email: `Mixed.Case-${Date.now()}@Example.test` });
    const cursor = await auditCursor();

    const { patientId, draftVersionId } = await createPatient({ actor: therapist, input });

    const patient = await db.patient.findUniqueOrThrow({
      where: { id: patientId },
      include: {
        user: { select: { role: true, clinicId: true, email: true, passwordHash: true } },
        careTeam: { select: { userId: true } },
        episodes: { include: { plan: { include: { versions: { include: { items: true, phase: true } } } } } },
      },
    });
    expect(patient).toMatchObject({ clinicId: world.a.clinic.id, firstName: input.firstName, lastName: input.lastName, email: input.email.toLowerCase() });
    // The account has no password until the patient accepts an invitation.
    expect(patient.user).toEqual({ role: 'PATIENT', clinicId: world.a.clinic.id, email: input.email.toLowerCase(), passwordHash: null });
    expect(patient.careTeam.map((member) => member.userId).sort()).toEqual([world.a.users.therapist.id, world.a.users.surgeon.id].sort());
    expect(patient.episodes).toHaveLength(1);
    const episode = patient.episodes[0]!;
    expect(episode).toMatchObject({ surgeonId: world.a.users.surgeon.id, protocolId: world.a.protocol.id, procedure: input.procedure });
    expect(episode.surgeryDate.toISOString().slice(0, 10)).toBe(input.surgeryDate);

    const versions = episode.plan?.versions ?? [];
    expect(versions).toHaveLength(1);
    const v1 = versions[0]!;
    expect(v1).toMatchObject({ id: draftVersionId, number: 1, status: 'DRAFT', lockVersion: 0, approvedHash: null, approvedById: null, createdById: therapist.userId });
    expect(v1.phase.position).toBe(1);
    expect(v1.items).toHaveLength(1);
    const walking = v1.items[0]!;
    expect(walking).toMatchObject({ exerciseId: exerciseId('Walking'), exerciseName: 'Walking', mode: 'SELF_DIRECTED', minutes: 10, timesPerDay: 3, daysPerWeek: 7, sets: null, reps: null, holdSeconds: null, side: 'NONE', patientNotes: '' });
    expect(walking.contentHash).toBe(hashPrescription({ ...walking, dosage: dosageOf(walking) }));
    expect(await signOffsOf(patientId)).toEqual([]);

    const rows = await auditRowsSince(cursor, { actorId: therapist.userId, patientId });
    expect(rows.map((row) => [row.action, row.outcome])).toEqual([
      ['patient.create', 'SUCCESS'],
      ['plan.start_draft', 'SUCCESS'],
    ]);
  });

  it.each(['surgeon', 'patient', 'admin'] as const)('a %s cannot register a patient, and nothing is written', async (role) => {
    const actor = world.a.actors[role];
    const input = patientInput(world.a);
    const cursor = await auditCursor();

    const error = await createPatient({ actor, input }).then(() => null, (thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) });
    expect(await db.patient.count({ where: { lastName: input.lastName } })).toBe(0);
    expect(await db.user.count({ where: { email: input.email } })).toBe(0);
    expect(await auditRowsSince(cursor, { actorId: actor.userId })).toEqual([]);
  });

  it.each([
    ["the other clinic's surgeon", (w: World) => ({ surgeonId: w.b.users.surgeon.id })],
    ['a therapist named as the surgeon', (w: World) => ({ surgeonId: w.a.users.otherTherapist.id })],
    ["the other clinic's protocol", (w: World) => ({ protocolId: w.b.protocol.id })],
  ])('INVALID_INPUT for %s, and nothing is written', async (_what, override) => {
    const input = patientInput(world.a, override(world));

    await expect(createPatient({ actor: world.a.actors.therapist, input })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await db.patient.count({ where: { lastName: input.lastName } })).toBe(0);
    expect(await db.user.count({ where: { email: input.email } })).toBe(0);
  });

  it.each([
    ['dateOfBirth', '1971-02-30'],
    ['dateOfBirth', '1971-04-31'],
    ['dateOfBirth', 'yesterday'],
    ['surgeryDate', '2026-13-01'],
  ] as const)('a %s that is not a calendar date (%s) is INVALID_INPUT, and nothing is written', async (field, value) => {
    const input = patientInput(world.a, { [field]: value });

    // The schema promises "must be a real date"; a silently rolled-over date would be stored as another day.
    await expect(createPatient({ actor: world.a.actors.therapist, input })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await db.patient.count({ where: { lastName: input.lastName } })).toBe(0);
  });

  it('an inactive surgeon cannot be put on the care team: INVALID_INPUT', async () => {
    const inactive = await createActor(world.a.clinic.id, 'SURGEON');
    await db.user.update({ where: { id: inactive.user.id }, data: { isActive: false } });
    const input = patientInput(world.a, { surgeonId: inactive.user.id });

    await expect(createPatient({ actor: world.a.actors.therapist, input })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await db.patient.count({ where: { lastName: input.lastName } })).toBe(0);
  });

  it("an email of another clinic's account (in any case) is refused without saying it exists anywhere, and nothing is written", async () => {
    const existing = world.b.users.therapist;
    const input = patientInput(world.a, { email: existing.email.toUpperCase() });

    const refusal = await createPatient({ actor: world.a.actors.therapist, input }).then(() => null, (thrown: unknown) => thrown);

    expect(refusal).toMatchObject({ code: 'CONFLICT', message: EMAIL_UNAVAILABLE, fieldErrors: { email: ['Use a different email address.'] } });
    expect((refusal as Error).message).not.toMatch(/account|clinic|registered|exists/i);
    expect(await db.patient.count({ where: { lastName: input.lastName } })).toBe(0);
    const owner = await db.user.findUniqueOrThrow({ where: { email: existing.email }, select: { id: true, role: true, clinicId: true } });
    expect(owner).toEqual({ id: existing.id, role: 'THERAPIST', clinicId: world.b.clinic.id });
  });

  it('an email of an account of this clinic is named as such, so the clinic can find the duplicate', async () => {
    // A patient the therapist does not treat: the clinic still has to be able to fix a real duplicate.
    const { email } = await db.user.findUniqueOrThrow({ where: { id: world.a.users.patient.id }, select: { email: true } });
    const input = patientInput(world.a, { email });

    await expect(createPatient({ actor: world.a.actors.therapist, input })).rejects.toMatchObject({ code: 'CONFLICT', message: EMAIL_IN_CLINIC, fieldErrors: { email: ['Already used in this clinic.'] } });

    expect(await db.patient.count({ where: { lastName: input.lastName } })).toBe(0);
  });

  it('listCareTeamOptions offers only this clinic’s surgeons and protocols, and only to therapists', async () => {
    const extraSurgeon = await createActor(world.a.clinic.id, 'SURGEON');
    const options = await listCareTeamOptions({ actor: world.a.actors.therapist });

    expect(options.surgeons.map((surgeon) => surgeon.id).sort()).toEqual([world.a.users.surgeon.id, extraSurgeon.user.id].sort());
    expect(options.protocols.map((protocol) => protocol.id)).toEqual([world.a.protocol.id]);
    await expect(listCareTeamOptions({ actor: world.a.actors.surgeon })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listCareTeamOptions({ actor: world.a.actors.patient })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('editing a draft', () => {
  it('adds an exercise with its default dosage, in the mode its safety allows, bumping the lock each time', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);

    const pelvicTilt = await addDraftItem({ actor: world.a.actors.therapist, input: { versionId: draftVersionId, lockVersion: 0, exerciseId: exerciseId('Pelvic tilt') } });
    const lyingMarch = await addDraftItem({ actor: world.a.actors.therapist, input: { versionId: draftVersionId, lockVersion: pelvicTilt.lockVersion, exerciseId: exerciseId('Lying march') } });

    expect([pelvicTilt.lockVersion, lyingMarch.lockVersion]).toEqual([1, 2]);
    const draft = await draftOf(patientId);
    expect(draft.lockVersion).toBe(2);
    expect(draft.items.map((item) => [item.exerciseName, item.position, item.mode])).toEqual([
      ['Walking', 1, 'SELF_DIRECTED'],
      ['Pelvic tilt', 2, 'SELF_DIRECTED'],
      // Not safe unsupervised: added as an exercise done with the therapist.
      ['Lying march', 3, 'SUPERVISED'],
    ]);
    expect(draft.items[1]).toMatchObject({ id: pelvicTilt.itemId, sets: 1, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7, minutes: null, side: 'NONE' });
  });

  it('refuses an exercise already on the draft, another clinic’s exercise and a retired one; nothing changes', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    const retired = await db.exercise.create({
      data: { clinicId: world.a.clinic.id, name: `Retired ${patientId}`, instructions: 'Old exercise.', category: 'MOBILITY', bodyRegion: 'Core', position: 'Lying', reps: 5, retiredAt: new Date() },
      select: { id: true },
    });
    const before = await regimenState(patientId);
    const add = (id: string) => addDraftItem({ actor: world.a.actors.therapist, input: { versionId: draftVersionId, lockVersion: 0, exerciseId: id } });

    await expect(add(exerciseId('Walking'))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(add(exerciseId('Pelvic tilt', world.b))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(add(retired.id)).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await regimenState(patientId)).toEqual(before);
  });

  it('updates an item’s dosage, mode and notes, and its content hash follows the content', async () => {
    const { patientId } = await registerPatient(world.a);
    const draft = await draftOf(patientId);
    const walking = draft.items[0]!;

    const result = await updateDraftItem({
      actor: world.a.actors.therapist,
      input: { itemId: walking.id, lockVersion: draft.lockVersion, ...prescription({ ...walking, minutes: 15, timesPerDay: 2, patientNotes: 'Flat ground only.' }) },
    });

    expect(result).toEqual({ itemId: walking.id, lockVersion: draft.lockVersion + 1 });
    const updated = await itemOf(draft.id, 'Walking');
    expect(updated).toMatchObject({ minutes: 15, timesPerDay: 2, daysPerWeek: 7, mode: 'SELF_DIRECTED', patientNotes: 'Flat ground only.' });
    expect(updated.contentHash).not.toBe(walking.contentHash);
    expect(updated.contentHash).toBe(hashPrescription({ ...updated, dosage: dosageOf(updated) }));
  });

  it('refuses a dosage that tells the patient nothing, and nothing changes', async () => {
    const { patientId } = await registerPatient(world.a);
    const draft = await draftOf(patientId);
    const walking = draft.items[0]!;
    const before = await regimenState(patientId);

    await expect(
      updateDraftItem({ actor: world.a.actors.therapist, input: { itemId: walking.id, lockVersion: draft.lockVersion, ...prescription({ ...walking, minutes: null }) } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      updateDraftItem({ actor: world.a.actors.therapist, input: { itemId: walking.id, lockVersion: draft.lockVersion, ...prescription({ ...walking, minutes: 0 }) } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await regimenState(patientId)).toEqual(before);
  });

  it('removes an item from the draft', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    const added = await addDraftItem({ actor: world.a.actors.therapist, input: { versionId: draftVersionId, lockVersion: 0, exerciseId: exerciseId('Pelvic tilt') } });

    const removed = await removeDraftItem({ actor: world.a.actors.therapist, input: { itemId: added.itemId, lockVersion: added.lockVersion } });

    expect(removed).toEqual({ lockVersion: 2 });
    const draft = await draftOf(patientId);
    expect(draft.items.map((item) => item.exerciseName)).toEqual(['Walking']);
    expect(await db.planItem.findUnique({ where: { id: added.itemId } })).toBeNull();
  });

  it('a stale lockVersion is a CONFLICT for every edit, and nothing changes', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    const therapist = world.a.actors.therapist;
    // Someone else saved first: the draft is now at lock 1.
    const walking = (await draftOf(patientId)).items[0]!;
    await updateDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion: 0, ...prescription({ ...walking, minutes: 12 }) } });
    const before = await regimenState(patientId);

    await expect(addDraftItem({ actor: therapist, input: { versionId: draftVersionId, lockVersion: 0, exerciseId: exerciseId('Pelvic tilt') } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion: 0, ...prescription({ ...walking, minutes: 20 }) } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(removeDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion: 0 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(discardDraft({ actor: therapist, input: { versionId: draftVersionId, lockVersion: 0 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(approvePlanVersion({ actor: therapist, input: { versionId: draftVersionId, lockVersion: 0, password: PASSWORD, shownItems: await shownItemsOf(draftVersionId) } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(addDraftItem({ actor: therapist, input: { versionId: draftVersionId, lockVersion: 7, exerciseId: exerciseId('Pelvic tilt') } })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await regimenState(patientId)).toEqual(before);
    expect(before.versions[0]).toMatchObject({ status: 'DRAFT', lockVersion: 1 });
    expect(before.versions[0]?.items[0]).toMatchObject({ minutes: 12 });
  });

  it('an approved version cannot be edited or discarded: CONFLICT, and nothing changes', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    await approveDraft(world.a.actors.therapist, patientId);
    const [approved] = await versionsOf(patientId);
    const walking = approved!.items[0]!;
    const lockVersion = approved!.lockVersion;
    const therapist = world.a.actors.therapist;
    const before = await regimenState(patientId);

    await expect(addDraftItem({ actor: therapist, input: { versionId: draftVersionId, lockVersion, exerciseId: exerciseId('Pelvic tilt') } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion, ...prescription({ ...walking, minutes: 30 }) } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(removeDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(discardDraft({ actor: therapist, input: { versionId: draftVersionId, lockVersion } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(approvePlanVersion({ actor: therapist, input: { versionId: draftVersionId, lockVersion, password: PASSWORD, shownItems: await shownItemsOf(draftVersionId) } })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await regimenState(patientId)).toEqual(before);
  });

  it('the database itself refuses to change or delete an approved version or its items', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    await approveDraft(world.a.actors.therapist, patientId);
    const walking = await itemOf(draftVersionId, 'Walking');
    const before = await regimenState(patientId);

    await expect(db.$executeRaw`UPDATE "PlanVersion" SET "approvedHash" = 'forged' WHERE "id" = ${draftVersionId}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`UPDATE "PlanVersion" SET "status" = 'DRAFT' WHERE "id" = ${draftVersionId}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`DELETE FROM "PlanVersion" WHERE "id" = ${draftVersionId}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`UPDATE "PlanItem" SET "minutes" = 60 WHERE "id" = ${walking.id}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`DELETE FROM "PlanItem" WHERE "id" = ${walking.id}`).rejects.toThrow(/immutable/);
    await expect(
      db.planItem.create({ data: { versionId: draftVersionId, exerciseId: exerciseId('Bridging'), position: 9, mode: 'SELF_DIRECTED', reps: 5, exerciseName: 'Bridging', instructions: 'x', contentHash: 'x' } }),
    ).rejects.toThrow(/immutable/);
    await expect(db.planVersion.delete({ where: { id: draftVersionId } })).rejects.toThrow(/immutable/);

    expect(await regimenState(patientId)).toEqual(before);
  });
});

describe('approvePlanVersion', () => {
  it('a wrong password approves nothing: INVALID_INPUT, still a draft, and a FAILURE audit row', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    const therapist = world.a.actors.therapist;
    const before = await regimenState(patientId);
    const cursor = await auditCursor();

    await expect(approvePlanVersion({ actor: therapist, input: { versionId: draftVersionId, lockVersion: 0, password: 'not-the-password', shownItems: await shownItemsOf(draftVersionId) } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    expect(await regimenState(patientId)).toEqual(before);
    expect(before.versions[0]).toMatchObject({ status: 'DRAFT', approvedHash: null });
    const rows = await auditRowsSince(cursor, { actorId: therapist.userId, entityId: draftVersionId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'plan.approve', entityType: 'PlanVersion', patientId, outcome: 'FAILURE', clinicId: world.a.clinic.id, ip: therapist.ip });
  });

  it('approves: APPROVED with the approval hash, and only self-directed items go to the surgeon', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    const therapist = world.a.actors.therapist;
    // Lying march is supervised: the therapist's approval clears it.
    await addDraftItem({ actor: therapist, input: { versionId: draftVersionId, lockVersion: 0, exerciseId: exerciseId('Lying march') } });
    const cursor = await auditCursor();

    const result = await approvePlanVersion({ actor: therapist, input: { versionId: draftVersionId, lockVersion: 1, password: PASSWORD, shownItems: await shownItemsOf(draftVersionId) } });

    const [version] = await versionsOf(patientId);
    const stored = await db.planVersion.findUniqueOrThrow({ where: { id: draftVersionId } });
    const expectedHash = hashApproval({ versionId: draftVersionId, number: 1, items: version!.items, precautions: stored.precautions });
    expect(result).toEqual({ versionId: draftVersionId, number: 1, approvedHash: expectedHash, sentToSurgeon: ['Walking'] });
    expect(stored).toMatchObject({ status: 'APPROVED', approvedById: therapist.userId, approvedHash: expectedHash, lockVersion: 2 });
    expect(stored.approvedAt).toBeInstanceOf(Date);

    const walking = version!.items.find((item) => item.exerciseName === 'Walking')!;
    const signOffs = await signOffsOf(patientId);
    expect(signOffs.map((signOff) => [signOff.item.exerciseName, signOff.itemId, signOff.contentHash, signOff.status, signOff.surgeonId])).toEqual([
      ['Walking', walking.id, walking.contentHash, 'PENDING', world.a.users.surgeon.id],
    ]);
    const rows = await auditRowsSince(cursor, { actorId: therapist.userId, entityId: draftVersionId });
    expect(rows.map((row) => [row.action, row.outcome])).toEqual([['plan.approve', 'SUCCESS']]);
  });

  it('refuses an empty draft: INVALID_INPUT, still a draft', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a);
    const walking = (await draftOf(patientId)).items[0]!;
    await removeDraftItem({ actor: world.a.actors.therapist, input: { itemId: walking.id, lockVersion: 0 } });
    const before = await regimenState(patientId);

    await expect(approvePlanVersion({ actor: world.a.actors.therapist, input: { versionId: draftVersionId, lockVersion: 1, password: PASSWORD, shownItems: await shownItemsOf(draftVersionId) } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    expect(await regimenState(patientId)).toEqual(before);
  });

  it.each([
    ['signed', 'SIGN'],
    ['still waiting for the surgeon', null],
  ] as const)('unchanged carried-forward items are not sent again (Walking %s): only the 3 new self-directed items go', async (_state, decision) => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
    const therapist = world.a.actors.therapist;
    await approveDraft(therapist, patientId);
    if (decision) await decide(world.a.actors.surgeon, patientId, 'Walking', decision);
    await advance(therapist, patientId);

    const result = await approveDraft(therapist, patientId);

    expect(result.number).toBe(2);
    expect([...result.sentToSurgeon].sort()).toEqual([...PHASE_2_SELF_DIRECTED].sort());
    const signOffs = await signOffsOf(patientId);
    expect(signOffs.map((signOff) => signOff.item.exerciseName).sort()).toEqual(['Walking', ...PHASE_2_SELF_DIRECTED].sort());
    // The one Walking request is still the one on version 1's item.
    const [v1, v2] = await versionsOf(patientId);
    const walkingRequests = signOffs.filter((signOff) => signOff.item.exerciseName === 'Walking');
    expect(walkingRequests.map((signOff) => signOff.itemId)).toEqual([v1!.items[0]!.id]);
    expect(v2!.items.find((item) => item.exerciseName === 'Walking')?.contentHash).toBe(v1!.items[0]!.contentHash);
  });

  it("changing Walking's dosage in a later version sends Walking to the surgeon again", async () => {
    const { patientId } = await registerPatient(world.a);
    const therapist = world.a.actors.therapist;
    await approveDraft(therapist, patientId);
    await decide(world.a.actors.surgeon, patientId, 'Walking');
    const { versionId, lockVersion } = await startDraft({ actor: therapist, input: { patientId } });
    const walking = await itemOf(versionId, 'Walking');
    await updateDraftItem({ actor: therapist, input: { itemId: walking.id, lockVersion, ...prescription({ ...walking, minutes: 20 }) } });

    const result = await approveDraft(therapist, patientId);

    expect(result.sentToSurgeon).toEqual(['Walking']);
    const redosed = await itemOf(versionId, 'Walking');
    const signOffs = await signOffsOf(patientId);
    expect(signOffs.map((signOff) => [signOff.status, signOff.contentHash])).toEqual([
      ['SIGNED', walking.contentHash],
      ['PENDING', redosed.contentHash],
    ]);
    expect(redosed.contentHash).not.toBe(walking.contentHash);
  });

  it('a declined prescription approved again unchanged goes back to the surgeon', async () => {
    const { patientId } = await registerPatient(world.a);
    const therapist = world.a.actors.therapist;
    await approveDraft(therapist, patientId);
    await decide(world.a.actors.surgeon, patientId, 'Walking', 'DECLINE');
    await startDraft({ actor: therapist, input: { patientId } });

    const result = await approveDraft(therapist, patientId);

    expect(result.sentToSurgeon).toEqual(['Walking']);
    expect((await signOffsOf(patientId)).map((signOff) => signOff.status)).toEqual(['DECLINED', 'PENDING']);
  });
});

describe('advancePhase', () => {
  it('before the earliest day, without a reason: INVALID_INPUT and no draft', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 6 });
    await approveDraft(world.a.actors.therapist, patientId);
    const before = await regimenState(patientId);

    await expect(advance(world.a.actors.therapist, patientId)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(advance(world.a.actors.therapist, patientId, { reason: 'too short' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await regimenState(patientId)).toEqual(before);
  });

  it('before the earliest day, with a reason: a phase 2 draft that keeps Walking as approved and adds the phase 2 exercises', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 3 });
    const therapist = world.a.actors.therapist;
    await approveDraft(therapist, patientId);
    const reason = 'Walking well, wound healed; starting gentle movement early.';

    const result = await advance(therapist, patientId, { criteriaMet: PHASE_2_CRITERIA.slice(0, 2), reason });

    expect(result).toMatchObject({ number: 2, phaseName: 'Gentle movement', added: [...PHASE_2_SELF_DIRECTED, 'Lying march'] });
    const [v1, v2] = await versionsOf(patientId);
    expect(v2).toMatchObject({ id: result.versionId, status: 'DRAFT', phase: { position: 2 } });
    expect(v2!.items.map((item) => [item.exerciseName, item.mode])).toEqual([
      ['Walking', 'SELF_DIRECTED'],
      ['Hamstring stretch', 'SELF_DIRECTED'],
      ['Knee flexion', 'SELF_DIRECTED'],
      ['Pelvic tilt', 'SELF_DIRECTED'],
      ['Lying march', 'SUPERVISED'],
    ]);
    expect(v2!.items[0]!.contentHash).toBe(v1!.items[0]!.contentHash);
    expect(await db.planVersion.findUniqueOrThrow({ where: { id: result.versionId }, select: { criteriaMet: true, advanceReason: true } })).toEqual({
      criteriaMet: PHASE_2_CRITERIA.slice(0, 2),
      advanceReason: reason,
    });
  });

  it('from the earliest day on, no reason is needed (day 7 exactly)', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 7 });
    await approveDraft(world.a.actors.therapist, patientId);

    const result = await advance(world.a.actors.therapist, patientId, { criteriaMet: PHASE_2_CRITERIA });

    expect(await db.planVersion.findUniqueOrThrow({ where: { id: result.versionId }, select: { criteriaMet: true, advanceReason: true, status: true } })).toEqual({
      criteriaMet: PHASE_2_CRITERIA,
      advanceReason: null,
      status: 'DRAFT',
    });
  });

  it('the day count follows the `today` it is given', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 5 });
    await approveDraft(world.a.actors.therapist, patientId);

    await expect(advance(world.a.actors.therapist, patientId, { today: addDays(TODAY, 1) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(advance(world.a.actors.therapist, patientId, { today: addDays(TODAY, 2) })).resolves.toMatchObject({ number: 2 });
  });

  it('a criterion that is not one of the phase’s is INVALID_INPUT, and nothing is written', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
    await approveDraft(world.a.actors.therapist, patientId);
    const before = await regimenState(patientId);

    await expect(advance(world.a.actors.therapist, patientId, { criteriaMet: [PHASE_2_CRITERIA[0]!, 'Can run a marathon'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // A later phase's criterion is not this phase's either.
    await expect(advance(world.a.actors.therapist, patientId, { criteriaMet: [PHASE_3_CRITERIA[0]!] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await regimenState(patientId)).toEqual(before);
  });

  it('while a draft is open: CONFLICT, and nothing is written', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
    const therapist = world.a.actors.therapist;
    // The registration draft itself is open.
    await expect(advance(therapist, patientId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await approveDraft(therapist, patientId);
    await advance(therapist, patientId);
    const before = await regimenState(patientId);

    await expect(advance(therapist, patientId)).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await regimenState(patientId)).toEqual(before);
    expect(before.versions.map((version) => version.status)).toEqual(['APPROVED', 'DRAFT']);
  });

  it('without an approved plan: INVALID_INPUT', async () => {
    const { patientId, draftVersionId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
    await discardDraft({ actor: world.a.actors.therapist, input: { versionId: draftVersionId, lockVersion: 0 } });

    await expect(advance(world.a.actors.therapist, patientId)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await versionsOf(patientId)).toEqual([]);
  });

  it('from the last phase: INVALID_INPUT', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 30 });
    const therapist = world.a.actors.therapist;
    await approveDraft(therapist, patientId);
    await advance(therapist, patientId);
    await approveDraft(therapist, patientId);
    const toPhase3 = await advance(therapist, patientId);
    expect(toPhase3.added).toEqual(['Bridging']);
    await approveDraft(therapist, patientId);
    const before = await regimenState(patientId);

    await expect(advance(therapist, patientId)).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await regimenState(patientId)).toEqual(before);
    expect(before.versions.map((version) => [version.number, version.status])).toEqual([
      [1, 'APPROVED'],
      [2, 'APPROVED'],
      [3, 'APPROVED'],
    ]);
  });
});

describe('startDraft and discardDraft', () => {
  it('startDraft copies the approved version, and returns the open draft instead of opening a second', async () => {
    const { patientId } = await registerPatient(world.a);
    const therapist = world.a.actors.therapist;
    await approveDraft(therapist, patientId);

    const first = await startDraft({ actor: therapist, input: { patientId } });
    const again = await startDraft({ actor: therapist, input: { patientId } });

    expect(first).toMatchObject({ isNew: true, lockVersion: 0 });
    expect(again).toEqual({ versionId: first.versionId, lockVersion: 0, isNew: false });
    const [v1, v2] = await versionsOf(patientId);
    expect(v2).toMatchObject({ id: first.versionId, number: 2, status: 'DRAFT', phase: { position: 1 } });
    // The same prescriptions, as new rows of the draft.
    expect(v2!.items).toEqual(v1!.items.map((item) => ({ ...item, id: expect.any(String) })));
    expect(v2!.items.map((item) => item.id)).not.toContain(v1!.items[0]!.id);
  });

  it('discardDraft deletes the draft and its items only; the approved versions stay', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
    const therapist = world.a.actors.therapist;
    await approveDraft(therapist, patientId);
    await decide(world.a.actors.surgeon, patientId, 'Walking');
    const draft = await advance(therapist, patientId);
    const draftItemIds = (await draftOf(patientId)).items.map((item) => item.id);
    const before = await regimenState(patientId);

    await expect(discardDraft({ actor: therapist, input: { versionId: draft.versionId, lockVersion: 0 } })).resolves.toEqual({ patientId });

    const after = await regimenState(patientId);
    expect(after.versions).toEqual(before.versions.filter((version) => version.id !== draft.versionId));
    expect(after.versions.map((version) => [version.number, version.status])).toEqual([[1, 'APPROVED']]);
    expect(after.signOffs).toEqual(before.signOffs);
    expect(await db.planItem.count({ where: { id: { in: draftItemIds } } })).toBe(0);
  });
});

describe('getPlanOverview', () => {
  it('shows every version, who approved it, and where each prescription stands with the surgeon', async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
    const therapist = world.a.actors.therapist;
    const surgeon = world.a.actors.surgeon;
    await approveDraft(therapist, patientId);
    await decide(surgeon, patientId, 'Walking');
    await advance(therapist, patientId, { criteriaMet: PHASE_2_CRITERIA.slice(0, 2) });
    await approveDraft(therapist, patientId);
    await decide(surgeon, patientId, 'Hamstring stretch');
    await decide(surgeon, patientId, 'Knee flexion', 'DECLINE', 'Too early for knee flexion.');
    await startDraft({ actor: therapist, input: { patientId } });

    const overview = await getPlanOverview({ actor: therapist, patientId, today: TODAY });

    expect(overview.daysSinceSurgery).toBe(10);
    expect(overview.episode.surgeon).toEqual({ id: world.a.users.surgeon.id, name: world.a.users.surgeon.name });
    expect(overview.versions.map((version) => [version.number, version.status, version.createdBy, version.approvedBy])).toEqual([
      [3, 'DRAFT', world.a.users.therapist.name, null],
      [2, 'APPROVED', world.a.users.therapist.name, world.a.users.therapist.name],
      [1, 'APPROVED', world.a.users.therapist.name, world.a.users.therapist.name],
    ]);
    const [v3, v2, v1] = overview.versions;
    expect(v2!.criteriaMet).toEqual(PHASE_2_CRITERIA.slice(0, 2));
    expect(v2!.items.map((item) => [item.exerciseName, item.clearance])).toEqual([
      ['Walking', 'CLEARED'],
      ['Hamstring stretch', 'CLEARED'],
      ['Knee flexion', 'DECLINED'],
      ['Pelvic tilt', 'WAITING_FOR_SURGEON'],
      ['Lying march', 'CLEARED'],
    ]);
    expect(v2!.items.find((item) => item.exerciseName === 'Knee flexion')?.signOff).toMatchObject({ status: 'DECLINED', reason: 'Too early for knee flexion.' });
    expect(v1!.items.map((item) => [item.exerciseName, item.clearance, item.signOff?.status])).toEqual([['Walking', 'CLEARED', 'SIGNED']]);
    // A draft is not approved, so nothing on it is cleared or waiting yet.
    expect(v3!.items.every((item) => item.clearance === null)).toBe(true);
    expect(overview.current?.number).toBe(2);
    expect(overview.draft?.number).toBe(3);
    expect(overview.currentPhase?.position).toBe(2);
    expect(overview.nextPhase).toMatchObject({ position: 3, gate: { isEarly: true, daysUntilEarliest: 18 } });
    expect(overview.declined).toEqual([{ versionNumber: 2, exerciseName: 'Knee flexion', reason: 'Too early for knee flexion.', decidedAt: expect.any(Date) }]);
  });

  it('the surgeon on the care team and the admin may read it; the patient may not', async () => {
    const { patientId, actor: patientActor } = await registerPatient(world.a);

    await expect(getPlanOverview({ actor: world.a.actors.surgeon, patientId, today: TODAY })).resolves.toMatchObject({ patient: { id: patientId } });
    await expect(getPlanOverview({ actor: world.a.actors.admin, patientId, today: TODAY })).resolves.toMatchObject({ patient: { id: patientId } });
    await expect(getPlanOverview({ actor: patientActor, patientId, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('who may touch a plan', () => {
  type Fixture = { patientId: string; draftId: string; lockVersion: number; walkingItemId: string; walking: Awaited<ReturnType<typeof itemOf>> };
  let fixture: Fixture;

  beforeAll(async () => {
    const { patientId } = await registerPatient(world.a, { surgeryDaysAgo: 10 });
    await approveDraft(world.a.actors.therapist, patientId);
    const { versionId, lockVersion } = await startDraft({ actor: world.a.actors.therapist, input: { patientId } });
    const walking = await itemOf(versionId, 'Walking');
    fixture = { patientId, draftId: versionId, lockVersion, walkingItemId: walking.id, walking };
  });

  const calls: Array<[string, (actor: Actor, f: Fixture) => Promise<unknown>]> = [
    ['startDraft', (actor, f) => startDraft({ actor, input: { patientId: f.patientId } })],
    ['addDraftItem', (actor, f) => addDraftItem({ actor, input: { versionId: f.draftId, lockVersion: f.lockVersion, exerciseId: exerciseId('Pelvic tilt') } })],
    ['updateDraftItem', (actor, f) => updateDraftItem({ actor, input: { itemId: f.walkingItemId, lockVersion: f.lockVersion, ...prescription({ ...f.walking, minutes: 25 }) } })],
    ['removeDraftItem', (actor, f) => removeDraftItem({ actor, input: { itemId: f.walkingItemId, lockVersion: f.lockVersion } })],
    ['discardDraft', (actor, f) => discardDraft({ actor, input: { versionId: f.draftId, lockVersion: f.lockVersion } })],
    ['approvePlanVersion', async (actor, f) => approvePlanVersion({ actor, input: { versionId: f.draftId, lockVersion: f.lockVersion, password: PASSWORD, shownItems: await shownItemsOf(f.draftId) } })],
    ['advancePhase', (actor, f) => advancePhase({ actor, input: { patientId: f.patientId, criteriaMet: [], reason: '' }, today: TODAY })],
    ['getPlanOverview', (actor, f) => getPlanOverview({ actor, patientId: f.patientId, today: TODAY })],
  ];
  const therapists: Array<[string, (w: World) => Actor]> = [
    ['a therapist of the same clinic not on the care team', (w) => ({ ...w.a.actors.therapist, userId: w.a.users.otherTherapist.id, name: w.a.users.otherTherapist.name })],
    ["the other clinic's therapist", (w) => w.b.actors.therapist],
  ];
  const cases = therapists.flatMap(([who, pick]) => calls.map(([name, call]) => [name, who, pick, call] as const));

  it.each(cases)('%s by %s: NOT_FOUND, nothing written, no password checked', async (name, _who, pick, call) => {
    const actor = pick(world);
    const before = await regimenState(fixture.patientId);
    const cursor = await auditCursor();

    await expect(call(actor, fixture)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await regimenState(fixture.patientId)).toEqual(before);
    const rows = await auditRowsSince(cursor, { actorId: actor.userId });
    // Only the refused read is recorded, and it does not link the actor to the patient.
    expect(rows.map((row) => [row.action, row.outcome, row.patientId])).toEqual(name === 'getPlanOverview' ? [['patient.read', 'DENIED', null]] : []);
  });

  const roles = (['surgeon', 'admin', 'patient'] as const).flatMap((role) => calls.filter(([name]) => name !== 'getPlanOverview').map(([name, call]) => [name, role, call] as const));

  it.each(roles)('%s by the clinic’s %s: NOT_FOUND, nothing written', async (_name, role, call) => {
    const actor = role === 'patient' ? { ...world.a.actors.patient, patientId: fixture.patientId } : world.a.actors[role];
    const before = await regimenState(fixture.patientId);

    await expect(call(actor, fixture)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await regimenState(fixture.patientId)).toEqual(before);
  });

  it('the care team’s therapist can still do it all: the refusals above were about the actor', async () => {
    const therapist = world.a.actors.therapist;
    await expect(calls[0]![1](therapist, fixture)).resolves.toMatchObject({ versionId: fixture.draftId, isNew: false });
    await expect(getPlanOverview({ actor: therapist, patientId: fixture.patientId, today: TODAY })).resolves.toMatchObject({ draft: { id: fixture.draftId } });
  });
});
