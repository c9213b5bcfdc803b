// The surgeon's orders: restrictions for one episode, signed as versions, shown to the patient in place of the
// protocol's defaults and warned about to the therapist. Only the episode's own surgeon may sign them.
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoDay } from '@/lib/domain/calendar';
import { db } from '@/lib/server/db';
import { recordSurgeonOrder } from '@/lib/server/orders/record-surgeon-order';
import { addDraftItem } from '@/lib/server/plans/add-draft-item';
import { getPlanOverview } from '@/lib/server/plans/get-plan-overview';
import { startDraft } from '@/lib/server/plans/start-draft';
import { getPortalPlan } from '@/lib/server/portal/get-portal-plan';
import { auditCursor, auditRowsSince } from './support/audit';
import { PASSWORD, TODAY, advance, approveDraft, decide, registerPatient, type RegisteredPatient } from './support/plan-flow';
import { actorFor, createActor, createWorld, type World } from './support/world';

let world: World;

function order(patientId: string, change: Record<string, unknown> = {}) {
  return {
    patientId,
    basedOnVersion: 0,
    password: PASSWORD,
    note: '',
    liftingRule: 'LIMIT',
    liftingLimit: '5',
    liftingUnit: 'KG',
    liftingUntilDate: isoDay(addDays(TODAY, 30)),
    bendingRule: 'AVOID',
    twistingRule: 'AVOID',
    sittingRule: 'ALLOWED',
    drivingRule: 'AVOID',
    ...change,
  };
}

async function walker(): Promise<RegisteredPatient> {
  const patient = await registerPatient(world.a, { surgeryDaysAgo: 10 });
  await approveDraft(world.a.actors.therapist, patient.patientId);
  await decide(world.a.actors.surgeon, patient.patientId, 'Walking');
  return patient;
}

const ordersOf = (patientId: string) => db.surgeonOrder.findMany({ where: { episode: { patientId } }, orderBy: { version: 'asc' }, include: { restrictions: true } });

beforeAll(async () => {
  world = await createWorld();
});

describe('recordSurgeonOrder', () => {
  it('the episode’s surgeon signs a first version: hashed, audited, and shown to the patient in place of the defaults', async () => {
    const patient = await walker();
    const before = await getPortalPlan({ actor: patient.actor, today: TODAY });
    expect(before.restrictions).toEqual({ fromSurgeon: false, sentences: ['Do not lift more than 3 kg.', 'Do not bend forward at the waist.', 'Do not twist your back.', 'Do not sit for more than 45 minutes at a time.', 'Do not drive.'] });

    const cursor = await auditCursor();
    const recorded = await recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId, { note: 'Protect the disc.' }), now: TODAY });
    expect(recorded).toMatchObject({ version: 1, patientId: patient.patientId });
    const [stored] = await ordersOf(patient.patientId);
    expect(stored).toMatchObject({ version: 1, surgeonId: world.a.users.surgeon.id, note: 'Protect the disc.', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/), signatureHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stored?.restrictions.map((row) => [row.kind, row.isAllowed, row.limit, row.unit])).toEqual(
      expect.arrayContaining([
        ['LIFTING', false, 5, 'KG'],
        ['BENDING', false, null, null],
        ['TWISTING', false, null, null],
        ['SITTING', true, null, null],
        ['DRIVING', false, null, null],
      ]),
    );
    expect((await auditRowsSince(cursor, { action: 'order.sign', patientId: patient.patientId })).map((row) => row.outcome)).toEqual(['SUCCESS']);

    const after = await getPortalPlan({ actor: patient.actor, today: TODAY });
    expect(after.restrictions.fromSurgeon).toBe(true);
    expect(after.restrictions.sentences).toEqual([
      expect.stringMatching(/^Do not lift more than 5 kg until \w{3} \d{1,2} \w{3}/),
      'Do not bend forward at the waist.',
      'Do not twist your back.',
      'Do not drive.',
    ]);
  });

  it('a change is the next version; a page showing an older version is refused with CONFLICT and nothing is signed', async () => {
    const patient = await walker();
    await recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId), now: TODAY });
    await recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId, { basedOnVersion: 1, liftingLimit: '10', liftingUnit: 'LB' }), now: TODAY });
    await expect(recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId, { basedOnVersion: 1 }), now: TODAY })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await ordersOf(patient.patientId)).map((row) => row.version)).toEqual([1, 2]);
    const portal = await getPortalPlan({ actor: patient.actor, today: TODAY });
    expect(portal.restrictions.sentences[0]).toMatch(/^Do not lift more than 10 pounds/);
  });

  it('a restriction until a phase is lifted when the plan reaches that phase', async () => {
    const patient = await walker();
    const phases = await db.protocolPhase.findMany({ where: { protocolId: world.a.protocol.id }, orderBy: { position: 'asc' }, select: { id: true } });
    await recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId, { liftingUntilDate: '', liftingUntilPhaseId: phases[1]!.id, bendingRule: 'ALLOWED', twistingRule: 'ALLOWED', drivingRule: 'ALLOWED' }), now: TODAY });
    expect((await getPortalPlan({ actor: patient.actor, today: TODAY })).restrictions.sentences).toEqual(['Do not lift more than 5 kg until you reach phase 2.']);
    await advance(world.a.actors.therapist, patient.patientId);
    await approveDraft(world.a.actors.therapist, patient.patientId);
    expect((await getPortalPlan({ actor: patient.actor, today: TODAY })).restrictions).toEqual({ fromSurgeon: true, sentences: [] });
  });

  it('warns the therapist about an exercise that conflicts, on adding it and on the draft', async () => {
    const patient = await walker();
    await recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId), now: TODAY });
    const draft = await startDraft({ actor: world.a.actors.therapist, input: { patientId: patient.patientId } });
    const birdDog = await addDraftItem({ actor: world.a.actors.therapist, input: { versionId: draft.versionId, lockVersion: draft.lockVersion, exerciseId: world.a.exerciseIds.get('Bird dog') }, today: TODAY });
    expect(birdDog.warning).toBe("Bird dog loads twisting, which the surgeon's orders rule out for now.");
    const ankle = await addDraftItem({ actor: world.a.actors.therapist, input: { versionId: draft.versionId, lockVersion: birdDog.lockVersion, exerciseId: world.a.exerciseIds.get('Ankle pumps') }, today: TODAY });
    expect(ankle.warning).toBeNull();
    const overview = await getPlanOverview({ actor: world.a.actors.therapist, patientId: patient.patientId, today: TODAY });
    expect(overview.draft?.items.find((item) => item.exerciseName === 'Bird dog')?.conflict).toMatch(/twisting/);
    expect(overview.draft?.items.find((item) => item.exerciseName === 'Walking')?.conflict).toBeNull();
    expect(overview.orders.map((entry) => entry.version)).toEqual([1]);
  });

  it.each([
    ['a lifting limit over 50 kg', { liftingLimit: '60' }],
    ['a lifting limit over 110 lb', { liftingLimit: '200', liftingUnit: 'LB' }],
    ['a lifting limit that is not a whole number', { liftingLimit: '2.5' }],
    ['a lifting limit written as 1e1', { liftingLimit: '1e1' }],
    ['a limit with no number', { liftingLimit: '' }],
    ['a sitting limit of 2 minutes', { sittingRule: 'LIMIT', sittingMinutes: '2' }],
    ['an until date before the surgery', { liftingUntilDate: isoDay(addDays(TODAY, -20)) }],
    ['an until date that has passed', { liftingUntilDate: isoDay(addDays(TODAY, -1)) }],
    ['both an until date and an until phase', { liftingUntilPhaseId: 'somephase' }],
    ['an until phase of another protocol', { liftingUntilDate: '', liftingUntilPhaseId: 'notaphaseofthisprotocol' }],
    ['an unknown rule', { bendingRule: 'SOMETIMES' }],
    ['a missing rule', { drivingRule: undefined }],
    ['a wrong password', { password: 'not-the-password' }],
  ])('%s: INVALID_INPUT, nothing signed', async (_what, change) => {
    const patient = await walker();
    await expect(recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId, change), now: TODAY })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await ordersOf(patient.patientId)).toEqual([]);
  });

  it.each([
    ['another surgeon of the clinic, even on the care team', async (patient: RegisteredPatient) => {
      const { actor, user } = await createActor(world.a.clinic.id, 'SURGEON');
      await db.careTeamMember.create({ data: { patientId: patient.patientId, userId: user.id } });
      return actor;
    }],
    ['the other clinic’s surgeon', async () => world.b.actors.surgeon],
    ['the therapist', async () => world.a.actors.therapist],
    ['the clinic admin', async () => world.a.actors.admin],
    ['the patient', async (patient: RegisteredPatient) => patient.actor],
  ])('%s gets NOT_FOUND and nothing is signed', async (_who, makeActor) => {
    const patient = await walker();
    const actor = await makeActor(patient);
    await expect(recordSurgeonOrder({ actor, input: order(patient.patientId), now: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ordersOf(patient.patientId)).toEqual([]);
  });

  it('the database refuses to change or delete a signed order', async () => {
    const patient = await walker();
    await recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId), now: TODAY });
    const [stored] = await ordersOf(patient.patientId);
    await expect(db.$executeRaw`UPDATE "SurgeonOrder" SET "note" = 'changed' WHERE "id" = ${stored!.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "SurgeonOrderRestriction" WHERE "orderId" = ${stored!.id}`).rejects.toThrow(/append-only/);
  });

  it('the care team sees the orders on the patient’s record; another clinic does not', async () => {
    const patient = await walker();
    await recordSurgeonOrder({ actor: world.a.actors.surgeon, input: order(patient.patientId), now: TODAY });
    const overview = await getPlanOverview({ actor: world.a.actors.therapist, patientId: patient.patientId, today: TODAY });
    expect(overview.restrictions.current.source).toBe('SURGEON');
    await expect(getPlanOverview({ actor: world.b.actors.therapist, patientId: patient.patientId, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPlanOverview({ actor: actorFor(world.a.users.otherTherapist), patientId: patient.patientId, today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
