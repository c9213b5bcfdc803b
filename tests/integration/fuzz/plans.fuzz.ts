// Registering patients and editing their plans (app/(clinic)/patients/actions.ts): most actions hand the
// form's fields (every field but `$…` and `patientId`) to one data-access function; starting a draft and
// advancing build { patientId, … } from form.get() and form.getAll().
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPrescription } from '@/lib/domain/content-hash';
import { ITEM_MODES } from '@/lib/domain/types';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { createPatient } from '@/lib/server/patients/create-patient';
import { addDraftItem } from '@/lib/server/plans/add-draft-item';
import { advancePhase } from '@/lib/server/plans/advance-phase';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { discardDraft } from '@/lib/server/plans/discard-draft';
import { removeDraftItem } from '@/lib/server/plans/remove-draft-item';
import { startDraft } from '@/lib/server/plans/start-draft';
import { updateDraftItem } from '@/lib/server/plans/update-draft-item';
import { unique } from '@/prisma/factories';
import { isoDate, PASSWORD, shownItemsOf, TODAY } from '../support/plan-flow';
import { dosageFields, hardText, hostileInput, hostileLockVersion, mostly, typedText } from './support/arbitraries';
import { deferred, fieldOf, fuzz, materialize, probe } from './support/harness';
import { approvedVersion, currentDraft, idOf, idOrNull, MISSING_ID, type FuzzClinic, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

/** The current draft of a clinic's patient, reopened by their therapist whenever the fuzzing discarded or approved it. */
function liveDraft(label: string, patientId: string, owner: Actor) {
  return {
    id: deferred(`${label} draft`, async (wrote) => (await currentDraft(patientId, owner, wrote)).id),
    lock: (offset = 0) => deferred(`${label} draft's lockVersion${offset === 0 ? '' : offset > 0 ? ` + ${offset}` : ` - ${-offset}`}`, async (wrote) => (await currentDraft(patientId, owner, wrote)).lockVersion + offset),
    /** An item of the draft; Walking is put back first when the fuzzing removed every item. */
    item: (clinic: Pick<FuzzClinic, 'world'>) =>
      deferred(`an item of ${label} draft`, async (wrote) => {
        const draft = await currentDraft(patientId, owner, wrote);
        const item = await db.planItem.findFirst({ where: { versionId: draft.id }, orderBy: { position: 'asc' }, select: { id: true } });
        if (item) return item.id;
        const added = await addDraftItem({ actor: owner, input: { versionId: draft.id, lockVersion: draft.lockVersion, exerciseId: clinic.world.exerciseIds.get('Walking') } });
        wrote();
        return added.itemId;
      }),
  };
}

const lockOffsets = (draft: ReturnType<typeof liveDraft>) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant(draft.lock()) }, { weight: 1, arbitrary: fc.constantFrom(draft.lock(-1), draft.lock(1)) }, { weight: 1, arbitrary: hostileLockVersion });

async function itemOfApproved(patientId: string) {
  const version = await approvedVersion(patientId);
  return db.planItem.findFirstOrThrow({ where: { versionId: version.id }, select: { id: true } });
}

/** The patient a patient id names is one the actor may edit: same clinic, on the care team. */
async function expectOnCareTeam(actor: Actor, patientId: string) {
  const patient = await db.patient.findUniqueOrThrow({ where: { id: patientId }, select: { clinicId: true, careTeam: { select: { userId: true } } } });
  expect(patient.clinicId).toBe(actor.clinicId);
  expect(patient.careTeam.map((member) => member.userId)).toContain(actor.userId);
}

async function expectEditableVersion(actor: Actor, versionId: string) {
  const version = await db.planVersion.findUniqueOrThrow({ where: { id: versionId }, select: { plan: { select: { episode: { select: { patientId: true } } } } } });
  await expectOnCareTeam(actor, version.plan.episode.patientId);
}

const blankToNull = (value: unknown) => (value === '' || value === undefined || value === null ? null : typeof value === 'string' ? Number(value) : value);

export function describePlanFuzz(getWorld: () => FuzzWorld) {
  describe('patients and plans', () => {
    it('createPatient: refuses cleanly, and registers exactly what it accepts, in the therapist’s clinic and care team', async () => {
      const { a, b, scope } = getWorld();
      const day = (offset: number) => isoDate(new Date(TODAY.getTime() + offset * 86_400_000));
      const validPatient = fc.record({
        firstName: typedText({ minLength: 1, maxLength: 80 }),
        lastName: typedText({ minLength: 1, maxLength: 80 }),
        dateOfBirth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }).map(isoDate),
        phone: typedText({ maxLength: 40 }),
        email: fc.oneof(
          { weight: 8, arbitrary: fc.constant(deferred('a new email, in mixed case with spaces', () => ` Fuzz.${unique()}@Example.TEST `)) },
          { weight: 1, arbitrary: fc.constant(a.treated.email) },
        ),
        procedure: typedText({ minLength: 3, maxLength: 200 }),
        surgeryDate: fc.integer({ min: -360, max: 360 }).map(day),
        surgeonId: mostly({ 'a.surgeon': a.world.users.surgeon.id, 'a.other surgeon': a.otherSurgeon.userId }, { 'b.surgeon': b.world.users.surgeon.id, 'a.therapist (not a surgeon)': a.world.users.therapist.id, 'missing id': MISSING_ID }),
        protocolId: mostly({ 'a.protocol': a.world.protocol.id }, { 'a.protocol with no phase': a.emptyProtocolId, 'b.protocol': b.world.protocol.id, 'missing id': MISSING_ID }),
      });
      const keys = ['firstName', 'lastName', 'dateOfBirth', 'phone', 'email', 'procedure', 'surgeryDate', 'surgeonId', 'protocolId'];
      const arbitrary = fc.record({
        actor: mostly({ 'a.therapist': a.world.actors.therapist }, { 'a.admin': a.world.actors.admin, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.therapist': b.world.actors.therapist }),
        input: hostileInput(validPatient, keys, { textKeys: ['firstName', 'lastName', 'phone', 'procedure'] }),
      });
      await fuzz('createPatient', scope, 200, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('createPatient', scope, () => createPatient({ actor, input }));
        if (!outcome.ok) return;
        const email = String(input.email).trim().toLowerCase();
        const patient = await db.patient.findUniqueOrThrow({
          where: { id: outcome.value.patientId },
          select: { clinicId: true, firstName: true, lastName: true, dateOfBirth: true, phone: true, email: true, user: { select: { email: true, role: true, clinicId: true } }, careTeam: { select: { userId: true } }, episodes: { select: { procedure: true, surgeryDate: true, surgeonId: true, protocolId: true } } },
        });
        expect(patient).toMatchObject({
          clinicId: actor.clinicId,
          firstName: String(input.firstName).trim(),
          lastName: String(input.lastName).trim(),
          phone: typeof input.phone === 'string' ? input.phone.trim() : '',
          email,
          user: { email, role: 'PATIENT', clinicId: actor.clinicId },
          episodes: [{ procedure: String(input.procedure).trim(), surgeonId: idOf(input.surgeonId), protocolId: idOf(input.protocolId) }],
        });
        expect(isoDate(patient.dateOfBirth)).toBe(input.dateOfBirth);
        expect(isoDate(patient.episodes[0]!.surgeryDate)).toBe(input.surgeryDate);
        expect(patient.careTeam.map((member) => member.userId)).toContain(actor.userId);
      });
    });

    /** Actors for plan edits: mostly the clinic A therapist, sometimes a role or clinic that may not edit. */
    const planActors = ({ a, b }: FuzzWorld) =>
      mostly({ 'a.therapist': a.world.actors.therapist }, { 'a.other therapist': a.otherTherapist, 'a.admin': a.world.actors.admin, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.therapist': b.world.actors.therapist });

    /** Patient ids: the therapist's own, another care team's, one with no plan, the other clinic's, and ids of other things. */
    const patientIds = ({ a, b }: FuzzWorld) =>
      mostly(
        { 'a.drafting patient': a.drafting.patientId, 'a.treated patient': a.treated.patientId },
        {
          'a.other team’s patient': a.otherTeam.patientId,
          'a.patient with no plan': a.world.patients.therapistOnly.id,
          'b.drafting patient': b.drafting.patientId,
          'missing id': MISSING_ID,
          'a.exercise id': a.fuzzExerciseIds[2],
          'a.therapist’s user id': a.world.users.therapist.id,
        },
      );

    it('startDraft: refuses cleanly, and only ever opens a draft for a patient on the actor’s care team', async () => {
      const world = getWorld();
      const arbitrary = fc.record({ actor: planActors(world), input: hostileInput(fc.record({ patientId: patientIds(world) }), ['patientId']) });
      await fuzz('startDraft', world.scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, world.scope)) as { actor: Actor; input: Input };
        const outcome = await probe('startDraft', world.scope, () => startDraft({ actor, input }));
        if (!outcome.ok) return;
        await expectEditableVersion(actor, outcome.value.versionId);
        expect(await db.planVersion.findUniqueOrThrow({ where: { id: outcome.value.versionId }, select: { status: true } })).toEqual({ status: 'DRAFT' });
      });
    });

    /** Version ids: the therapist's own draft, an approved version, another team's draft, the other clinic's draft, ids of other things. */
    function versionIds({ a, b }: FuzzWorld, treatedApprovedId: string) {
      const own = liveDraft('a.drafting', a.drafting.patientId, a.world.actors.therapist);
      return {
        own,
        ids: mostly(
          { 'a.drafting draft': own.id },
          {
            'a.treated approved version': treatedApprovedId,
            'a.other team’s draft': liveDraft('a.other team', a.otherTeam.patientId, a.otherTherapist).id,
            'b.drafting draft': liveDraft('b.drafting', b.drafting.patientId, b.world.actors.therapist).id,
            'missing id': MISSING_ID,
            'a.drafting patient id': a.drafting.patientId,
          },
        ),
      };
    }

    it('addDraftItem: refuses cleanly, and adds only the actor’s clinic’s exercise to a draft they may edit', async () => {
      const world = getWorld();
      const { a, b, scope } = world;
      const { own, ids } = versionIds(world, (await approvedVersion(a.treated.patientId)).id);
      const exerciseNotOnDraft = deferred('an a exercise not on the draft', async (wrote) => {
        const draft = await currentDraft(a.drafting.patientId, a.world.actors.therapist, wrote);
        const onDraft = await db.planItem.findMany({ where: { versionId: draft.id }, select: { exerciseId: true } });
        const candidate = await db.exercise.findFirst({ where: { clinicId: a.world.clinic.id, retiredAt: null, id: { notIn: onDraft.map((item) => item.exerciseId) } }, select: { id: true } });
        return candidate?.id ?? a.world.exerciseIds.get('Walking');
      });
      const valid = fc.record({
        versionId: ids,
        lockVersion: lockOffsets(own),
        exerciseId: mostly({ 'an a exercise not on the draft': exerciseNotOnDraft }, { 'a.retired exercise': a.retiredExerciseId, 'a.Walking': a.world.exerciseIds.get('Walking'), 'b.Bridging': b.world.exerciseIds.get('Bridging'), 'missing id': MISSING_ID }),
      });
      const arbitrary = fc.record({ actor: planActors(world), input: hostileInput(valid, ['versionId', 'lockVersion', 'exerciseId']) });
      await fuzz('addDraftItem', scope, 150, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('addDraftItem', scope, () => addDraftItem({ actor, input }));
        if (!outcome.ok) return;
        const item = await db.planItem.findUniqueOrThrow({ where: { id: outcome.value.itemId }, select: { versionId: true, exerciseId: true, exercise: { select: { clinicId: true } }, version: { select: { status: true, lockVersion: true } } } });
        expect(item).toMatchObject({ versionId: idOf(input.versionId), exerciseId: idOf(input.exerciseId), exercise: { clinicId: actor.clinicId }, version: { status: 'DRAFT', lockVersion: outcome.value.lockVersion } });
        await expectEditableVersion(actor, item.versionId);
      });
    });

    it('updateDraftItem: refuses cleanly, and stores exactly the prescription it accepts (dosage round trip)', async () => {
      const world = getWorld();
      const { a, b, scope } = world;
      const own = liveDraft('a.drafting', a.drafting.patientId, a.world.actors.therapist);
      const valid = fc.record({
        itemId: mostly(
          { 'an item of a.drafting draft': own.item(a) },
          {
            'an item of a.treated approved version': (await itemOfApproved(a.treated.patientId)).id,
            'an item of a.other team’s draft': liveDraft('a.other team', a.otherTeam.patientId, a.otherTherapist).item(a),
            'an item of b.drafting draft': liveDraft('b.drafting', b.drafting.patientId, b.world.actors.therapist).item(b),
            'missing id': MISSING_ID,
          },
        ),
        lockVersion: lockOffsets(own),
        mode: fc.constantFrom(...ITEM_MODES),
        patientNotes: typedText({ maxLength: 200 }),
        ...dosageFields,
      });
      const keys = ['itemId', 'lockVersion', 'mode', 'patientNotes', 'sets', 'reps', 'holdSeconds', 'timesPerDay', 'daysPerWeek', 'minutes', 'side'];
      const arbitrary = fc.record({ actor: planActors(world), input: hostileInput(valid, keys, { textKeys: ['patientNotes'] }) });
      await fuzz('updateDraftItem', scope, 250, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const lockBefore = Number(fieldOf(input, 'lockVersion'));
        const outcome = await probe('updateDraftItem', scope, () => updateDraftItem({ actor, input }));
        if (!outcome.ok) return;
        const item = await db.planItem.findUniqueOrThrow({ where: { id: outcome.value.itemId } });
        const dosage = {
          sets: blankToNull(input.sets),
          reps: blankToNull(input.reps),
          holdSeconds: blankToNull(input.holdSeconds),
          timesPerDay: blankToNull(input.timesPerDay),
          daysPerWeek: blankToNull(input.daysPerWeek),
          minutes: blankToNull(input.minutes),
          side: input.side === '' || input.side === undefined ? 'NONE' : input.side,
        };
        const patientNotes = typeof input.patientNotes === 'string' ? input.patientNotes.trim() : '';
        expect(item).toMatchObject({ ...dosage, mode: input.mode, patientNotes });
        expect(item.contentHash).toBe(
          hashPrescription({ exerciseId: item.exerciseId, exerciseName: item.exerciseName, instructions: item.instructions, mode: item.mode, dosage: dosage as never, patientNotes }),
        );
        expect(outcome.value.lockVersion).toBe(lockBefore + 1);
        await expectEditableVersion(actor, item.versionId);
      });
    });

    it('removeDraftItem: refuses cleanly, and removes only an item of a draft the actor may edit', async () => {
      const world = getWorld();
      const { a, b, scope } = world;
      const own = liveDraft('a.drafting', a.drafting.patientId, a.world.actors.therapist);
      const approvedItemId = (await itemOfApproved(a.treated.patientId)).id;
      const valid = fc.record({
        itemId: mostly(
          { 'an item of a.drafting draft': own.item(a) },
          { 'an item of a.treated approved version': approvedItemId, 'an item of b.drafting draft': liveDraft('b.drafting', b.drafting.patientId, b.world.actors.therapist).item(b), 'missing id': MISSING_ID },
        ),
        lockVersion: lockOffsets(own),
      });
      const arbitrary = fc.record({ actor: planActors(world), input: hostileInput(valid, ['itemId', 'lockVersion']) });
      await fuzz('removeDraftItem', scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const itemId = idOrNull(fieldOf(input, 'itemId'));
        const item = itemId ? await db.planItem.findUnique({ where: { id: itemId }, select: { versionId: true } }) : null;
        const outcome = await probe('removeDraftItem', scope, () => removeDraftItem({ actor, input }));
        if (!outcome.ok) return;
        expect(item).not.toBeNull();
        expect(await db.planItem.count({ where: { id: idOf(input.itemId) } })).toBe(0);
        await expectEditableVersion(actor, item!.versionId);
      });
    });

    it('advancePhase: refuses cleanly, and opens the next phase’s draft with exactly the criteria and reason accepted', async () => {
      const world = getWorld();
      const { a, scope } = world;
      // The treated patient is in phase 2: these are the criteria of the phase they would advance to.
      const { criteria } = await db.protocolPhase.findFirstOrThrow({ where: { protocolId: a.world.protocol.id, position: 3 }, select: { criteria: true } });
      // Every input starts from the treated patient having no draft, so advancing is possible.
      const treatedWithoutDraft = deferred('a.treated patient, draft discarded', async (wrote) => {
        const { count } = await db.planVersion.deleteMany({ where: { status: 'DRAFT', plan: { episode: { patientId: a.treated.patientId } } } });
        if (count > 0) wrote();
        return a.treated.patientId;
      });
      const valid = fc.record({
        patientId: fc.oneof({ weight: 3, arbitrary: fc.constant(treatedWithoutDraft) }, { weight: 1, arbitrary: patientIds(world) }),
        // The action sends form.getAll('criteriaMet').map(String): always a list of strings.
        criteriaMet: fc.oneof(
          { weight: 6, arbitrary: fc.subarray(criteria) },
          { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...criteria), hardText), { maxLength: 4 }) },
          // The phase's criteria and one the form never offers: a refusal that may quote it back.
          { weight: 2, arbitrary: fc.tuple(fc.subarray(criteria), hardText).map(([ticked, odd]) => [...ticked, odd]) },
          { weight: 1, arbitrary: fc.constant(deferred('50 made-up criteria of 500 characters', () => Array.from({ length: 50 }, (_, index) => `Criterion ${index} `.padEnd(500, 'x')))) },
        ),
        reason: fc.oneof({ weight: 3, arbitrary: typedText({ minLength: 10, maxLength: 300 }) }, { weight: 1, arbitrary: fc.constant('') }),
      });
      const arbitrary = fc.record({ actor: planActors(world), input: hostileInput(valid, ['patientId', 'criteriaMet', 'reason'], { textKeys: ['reason'] }) });
      await fuzz('advancePhase', scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('advancePhase', scope, () => advancePhase({ actor, input, today: TODAY }));
        if (!outcome.ok) return;
        const draft = await db.planVersion.findUniqueOrThrow({ where: { id: outcome.value.versionId }, select: { status: true, criteriaMet: true, advanceReason: true, plan: { select: { episode: { select: { patientId: true } } } } } });
        const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
        expect(draft).toMatchObject({ status: 'DRAFT', criteriaMet: input.criteriaMet ?? [], plan: { episode: { patientId: idOf(input.patientId) } } });
        expect(draft.advanceReason ?? '').toBe(reason);
        await expectOnCareTeam(actor, idOf(input.patientId));
      });
    });

    it('discardDraft: refuses cleanly, and discards only a draft the actor may edit', async () => {
      const world = getWorld();
      const { scope } = world;
      const { own, ids } = versionIds(world, (await approvedVersion(world.a.treated.patientId)).id);
      const valid = fc.record({ versionId: ids, lockVersion: lockOffsets(own) });
      const arbitrary = fc.record({ actor: planActors(world), input: hostileInput(valid, ['versionId', 'lockVersion']) });
      await fuzz('discardDraft', scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const versionId = idOrNull(fieldOf(input, 'versionId'));
        const version = versionId ? await db.planVersion.findUnique({ where: { id: versionId }, select: { plan: { select: { episode: { select: { patientId: true } } } } } }) : null;
        const outcome = await probe('discardDraft', scope, () => discardDraft({ actor, input }));
        if (!outcome.ok) return;
        expect(outcome.value.patientId).toBe(version?.plan.episode.patientId);
        expect(await db.planVersion.count({ where: { id: idOf(input.versionId) } })).toBe(0);
        await expectOnCareTeam(actor, outcome.value.patientId);
      });
    });

    // Each input that reaches the signature check costs an Argon2 verification: fewer runs.
    it('approvePlanVersion: refuses cleanly (a wrong password signs nothing), and approves only a draft the actor may edit', async () => {
      const world = getWorld();
      const { a, scope } = world;
      const { own, ids } = versionIds(world, (await approvedVersion(world.a.treated.patientId)).id);
      const valid = fc.record({
        versionId: ids,
        lockVersion: lockOffsets(own),
        password: fc.oneof({ weight: 2, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constantFrom(`${PASSWORD} `, 'TEST-PASSWORD', 'wrong password') }),
        // What the page shows: the saved draft as it is, or with an edit typed and not saved, or nothing.
        shownItems: fc.oneof(
          { weight: 3, arbitrary: fc.constant(deferred('a.drafting draft as shown', async (wrote) => shownItemsOf((await currentDraft(a.drafting.patientId, a.world.actors.therapist, wrote)).id))) },
          {
            weight: 1,
            arbitrary: fc.constant(
              deferred('a.drafting draft with an unsaved edit', async (wrote) => {
                const shown = JSON.parse(await shownItemsOf((await currentDraft(a.drafting.patientId, a.world.actors.therapist, wrote)).id)) as Array<Record<string, string>>;
                return JSON.stringify(shown.map((item, index) => (index === 0 ? { ...item, minutes: '99' } : item)));
              }),
            ),
          },
          { weight: 1, arbitrary: fc.constantFrom('[]', 'not json', '[{"itemId":"x"}]') },
        ),
      });
      const arbitrary = fc.record({ actor: planActors(world), input: hostileInput(valid, ['versionId', 'lockVersion', 'password', 'shownItems']) });
      await fuzz('approvePlanVersion', scope, 50, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('approvePlanVersion', scope, () => approvePlanVersion({ actor, input }));
        if (!outcome.ok) return;
        expect(input.password).toBe(PASSWORD);
        const version = await db.planVersion.findUniqueOrThrow({ where: { id: idOf(input.versionId) }, select: { status: true, approvedById: true, approvedHash: true } });
        expect(version).toEqual({ status: 'APPROVED', approvedById: actor.userId, approvedHash: outcome.value.approvedHash });
        await expectEditableVersion(actor, idOf(input.versionId));
      });
    });
  });
}
