// The protocol editor (app/(clinic)/protocols/actions.ts): the ids that say which protocol, phase or
// exercise are parsed with idSchema; every other form field goes to the data layer as it came.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEM_MODES } from '@/lib/domain/types';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { addProtocolPhase } from '@/lib/server/protocols/add-protocol-phase';
import { createProtocol } from '@/lib/server/protocols/create-protocol';
import { removePhaseExercise } from '@/lib/server/protocols/remove-phase-exercise';
import { removeProtocolPhase } from '@/lib/server/protocols/remove-protocol-phase';
import { setPhaseExercise } from '@/lib/server/protocols/set-phase-exercise';
import { updateProtocolPhase } from '@/lib/server/protocols/update-protocol-phase';
import { dosageFields, hostileInput, hostileLockVersion, idParameter, mostly, typedText, wholeNumber } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import { idOf, idOrNull, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const blankToNull = (value: unknown) => (value === '' || value === undefined || value === null ? null : typeof value === 'string' ? Number(value) : value);

/** Entry criteria as the textarea sends them (one per line) or as code passes a list; blank lines dropped. */
function expectedCriteria(value: unknown): string[] {
  if (value === undefined) return [];
  const lines = typeof value === 'string' ? value.split(/\r?\n/) : (value as string[]);
  return lines.map((line) => line.trim()).filter((line) => line !== '');
}

const phaseFields = (earliestDay: fc.Arbitrary<unknown>, lockVersion: fc.Arbitrary<unknown>) =>
  fc.record({
    lockVersion,
    name: typedText({ minLength: 2, maxLength: 80 }),
    earliestDay,
    criteria: fc.oneof(
      fc.array(typedText({ minLength: 1, maxLength: 40 }), { maxLength: 4 }).map((lines) => lines.join('\n')),
      fc.uniqueArray(typedText({ minLength: 1, maxLength: 40 }).map((line) => line.trim()), { maxLength: 4 }),
    ),
    precautions: typedText({ maxLength: 200 }),
  });

function expectPhase(phase: { name: string; earliestDay: number; criteria: string[]; precautions: string }, input: Input) {
  expect(phase).toMatchObject({ name: trimmed(input.name), earliestDay: Number(input.earliestDay), criteria: expectedCriteria(input.criteria), precautions: trimmed(input.precautions) });
}

export function describeProtocolFuzz(getWorld: () => FuzzWorld) {
  describe('protocols', () => {
    const editors = ({ a, b }: FuzzWorld) => mostly({ 'a.therapist': a.world.actors.therapist }, { 'a.admin': a.world.actors.admin, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.therapist': b.world.actors.therapist });

    /** Live values of the one protocol the fuzzing changes: its lock, and its phases (two kept at least). */
    function fuzzProtocol({ a }: FuzzWorld) {
      const protocolId = a.fuzzProtocol.id;
      const phases = async (wrote: () => void) => {
        let found = await db.protocolPhase.findMany({ where: { protocolId }, orderBy: { position: 'asc' }, select: { id: true, position: true, earliestDay: true } });
        while (found.length < 2) {
          const last = found.at(-1);
          await db.protocolPhase.create({ data: { protocolId, position: (last?.position ?? 0) + 1, name: 'Restored phase', earliestDay: last?.earliestDay ?? 0, criteria: [] } });
          wrote();
          found = await db.protocolPhase.findMany({ where: { protocolId }, orderBy: { position: 'asc' }, select: { id: true, position: true, earliestDay: true } });
        }
        return found;
      };
      const lock = (offset = 0) =>
        deferred(`a.fuzz protocol's lockVersion${offset === 0 ? '' : offset > 0 ? ` + ${offset}` : ` - ${-offset}`}`, async () => (await db.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: { lockVersion: true } })).lockVersion + offset);
      return {
        protocolId,
        lock: fc.oneof({ weight: 6, arbitrary: fc.constant(lock()) }, { weight: 1, arbitrary: fc.constantFrom(lock(-1), lock(1)) }, { weight: 1, arbitrary: hostileLockVersion }),
        firstPhase: deferred('a.fuzz protocol’s first phase', async (wrote) => (await phases(wrote))[0]!.id),
        lastPhase: deferred('a.fuzz protocol’s last phase', async (wrote) => (await phases(wrote)).at(-1)!.id),
        dayFromLast: deferred('a day on or after the last phase’s', async (wrote) => (await phases(wrote)).at(-1)!.earliestDay + 3),
      };
    }

    /** Phases of other protocols: the other clinic's, and an id that is not a phase. */
    const otherPhases = ({ a, b }: FuzzWorld) => ({ 'b.protocol phase 1': b.world.protocol.phases[0]!.id, 'missing id': MISSING_ID, 'a.fuzz protocol id (not a phase)': a.fuzzProtocol.id });

    it('createProtocol: refuses cleanly, and stores exactly the protocol it accepts in the actor’s clinic', async () => {
      const world = getWorld();
      const valid = fc.record({
        name: fc.oneof({ weight: 9, arbitrary: typedText({ minLength: 2, maxLength: 120 }) }, { weight: 1, arbitrary: fc.constant(' LUMBAR POST-OP ') }),
        description: typedText({ maxLength: 200 }),
      });
      const arbitrary = fc.record({ actor: editors(world), input: hostileInput(valid, ['name', 'description'], { textKeys: ['name', 'description'] }) });
      await fuzz('createProtocol', world.scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, world.scope)) as { actor: Actor; input: Input };
        const outcome = await probe('createProtocol', world.scope, () => createProtocol({ actor, input }));
        if (!outcome.ok) return;
        const protocol = await db.protocol.findUniqueOrThrow({ where: { id: outcome.value.id }, select: { clinicId: true, name: true, description: true, phases: true } });
        expect(protocol).toEqual({ clinicId: actor.clinicId, name: trimmed(input.name), description: trimmed(input.description), phases: [] });
      });
    });

    it('addProtocolPhase: refuses cleanly, and appends exactly the phase it accepts', async () => {
      const world = getWorld();
      const live = fuzzProtocol(world);
      const arbitrary = fc.record({
        actor: editors(world),
        protocolId: idParameter({ 'a.fuzz protocol': live.protocolId }, { 'a.protocol with no phase': world.a.emptyProtocolId, 'b.protocol': world.b.world.protocol.id, 'missing id': MISSING_ID, 'a.fuzz protocol phase (not a protocol)': world.a.fuzzProtocol.phaseIds[0] }),
        input: hostileInput(
          phaseFields(fc.oneof({ weight: 3, arbitrary: fc.constant(live.dayFromLast) }, { weight: 1, arbitrary: wholeNumber(0, 730) }), live.lock),
          ['lockVersion', 'name', 'earliestDay', 'criteria', 'precautions'],
          { textKeys: ['name', 'criteria', 'precautions'] },
        ),
      });
      await fuzz('addProtocolPhase', world.scope, 120, arbitrary, async (generated) => {
        const { actor, protocolId, input } = (await materialize(generated, world.scope)) as { actor: Actor; protocolId: string; input: Input };
        const outcome = await probe('addProtocolPhase', world.scope, () => addProtocolPhase({ actor, protocolId, input }));
        if (!outcome.ok) return;
        const protocol = await db.protocol.findUniqueOrThrow({ where: { id: protocolId }, select: { clinicId: true, lockVersion: true, phases: { orderBy: { position: 'asc' } } } });
        expect(protocol.clinicId).toBe(actor.clinicId);
        expect(protocol.lockVersion).toBe(Number(input.lockVersion) + 1);
        expectPhase(protocol.phases.at(-1)!, input);
      });
    });

    it('updateProtocolPhase: refuses cleanly, and stores exactly the phase fields it accepts', async () => {
      const world = getWorld();
      const live = fuzzProtocol(world);
      const arbitrary = fc.record({
        actor: editors(world),
        phaseId: idParameter({ 'a.fuzz protocol first phase': live.firstPhase, 'a.fuzz protocol last phase': live.lastPhase }, otherPhases(world)),
        input: hostileInput(
          phaseFields(fc.oneof({ weight: 3, arbitrary: wholeNumber(0, 14) }, { weight: 1, arbitrary: wholeNumber(0, 730) }), live.lock),
          ['lockVersion', 'name', 'earliestDay', 'criteria', 'precautions'],
          { textKeys: ['name', 'criteria', 'precautions'] },
        ),
      });
      await fuzz('updateProtocolPhase', world.scope, 120, arbitrary, async (generated) => {
        const { actor, phaseId, input } = (await materialize(generated, world.scope)) as { actor: Actor; phaseId: string; input: Input };
        const outcome = await probe('updateProtocolPhase', world.scope, () => updateProtocolPhase({ actor, phaseId, input }));
        if (!outcome.ok) return;
        const phase = await db.protocolPhase.findUniqueOrThrow({ where: { id: phaseId }, include: { protocol: { select: { clinicId: true } } } });
        expect(phase.protocol.clinicId).toBe(actor.clinicId);
        expectPhase(phase, input);
      });
    });

    it('setPhaseExercise: refuses cleanly, and stores exactly the mode and dosage it accepts', async () => {
      const world = getWorld();
      const { a, b } = world;
      const live = fuzzProtocol(world);
      const valid = fc.record({
          lockVersion: live.lock,
          exerciseId: mostly(
            { 'a.Walking (in the first phase)': a.world.exerciseIds.get('Walking'), 'a.Bridging': a.world.exerciseIds.get('Bridging'), 'a.Quad sets': a.world.exerciseIds.get('Quad sets') },
            { 'a.retired exercise': a.retiredExerciseId, 'b.Walking': b.world.exerciseIds.get('Walking'), 'missing id': MISSING_ID },
          ),
          mode: fc.constantFrom(...ITEM_MODES),
          ...dosageFields,
        });
      const keys = ['lockVersion', 'exerciseId', 'mode', 'sets', 'reps', 'holdSeconds', 'timesPerDay', 'daysPerWeek', 'minutes', 'side'];
      const arbitrary = fc.record({ actor: editors(world), phaseId: idParameter({ 'a.fuzz protocol first phase': live.firstPhase, 'a.fuzz protocol last phase': live.lastPhase }, otherPhases(world)), input: hostileInput(valid, keys) });
      await fuzz('setPhaseExercise', world.scope, 160, arbitrary, async (generated) => {
        const { actor, phaseId, input } = (await materialize(generated, world.scope)) as { actor: Actor; phaseId: string; input: Input };
        const outcome = await probe('setPhaseExercise', world.scope, () => setPhaseExercise({ actor, phaseId, input }));
        if (!outcome.ok) return;
        const entry = await db.protocolPhaseExercise.findUniqueOrThrow({ where: { phaseId_exerciseId: { phaseId, exerciseId: idOf(input.exerciseId) } }, include: { exercise: { select: { clinicId: true } } } });
        expect(entry.exercise.clinicId).toBe(actor.clinicId);
        expect(entry).toMatchObject({
          mode: input.mode,
          sets: blankToNull(input.sets),
          reps: blankToNull(input.reps),
          holdSeconds: blankToNull(input.holdSeconds),
          timesPerDay: blankToNull(input.timesPerDay),
          daysPerWeek: blankToNull(input.daysPerWeek),
          minutes: blankToNull(input.minutes),
          side: input.side === '' || input.side === undefined ? 'NONE' : input.side,
        });
      });
    });

    it('removePhaseExercise: refuses cleanly, and removes only an exercise of a phase of the actor’s clinic', async () => {
      const world = getWorld();
      const { a, b } = world;
      const live = fuzzProtocol(world);
      const arbitrary = fc.record({
        actor: editors(world),
        phaseId: idParameter({ 'a.fuzz protocol first phase': live.firstPhase, 'a.fuzz protocol last phase': live.lastPhase }, otherPhases(world)),
        exerciseId: idParameter({ 'a.Walking': a.world.exerciseIds.get('Walking'), 'a.Bridging': a.world.exerciseIds.get('Bridging') }, { 'b.Walking': b.world.exerciseIds.get('Walking'), 'missing id': MISSING_ID }),
        input: hostileInput(fc.record({ lockVersion: live.lock }), ['lockVersion']),
      });
      await fuzz('removePhaseExercise', world.scope, 100, arbitrary, async (generated) => {
        const { actor, phaseId, exerciseId, input } = (await materialize(generated, world.scope)) as { actor: Actor; phaseId: string; exerciseId: string; input: Input };
        const outcome = await probe('removePhaseExercise', world.scope, () => removePhaseExercise({ actor, phaseId, exerciseId, input }));
        if (!outcome.ok) return;
        expect(await db.protocolPhaseExercise.count({ where: { phaseId, exerciseId } })).toBe(0);
        const phase = await db.protocolPhase.findUniqueOrThrow({ where: { id: phaseId }, select: { protocol: { select: { clinicId: true } } } });
        expect(phase.protocol.clinicId).toBe(actor.clinicId);
      });
    });

    it('removeProtocolPhase: refuses cleanly, and removes only the last phase of a protocol of the actor’s clinic', async () => {
      const world = getWorld();
      const live = fuzzProtocol(world);
      const arbitrary = fc.record({
        actor: editors(world),
        phaseId: idParameter({ 'a.fuzz protocol last phase': live.lastPhase, 'a.fuzz protocol first phase (not the last)': live.firstPhase }, { ...otherPhases(world), 'b.protocol last phase': world.b.world.protocol.phases.at(-1)!.id }),
        input: hostileInput(fc.record({ lockVersion: live.lock }), ['lockVersion']),
      });
      await fuzz('removeProtocolPhase', world.scope, 80, arbitrary, async (generated) => {
        const { actor, phaseId, input } = (await materialize(generated, world.scope)) as { actor: Actor; phaseId: string; input: Input };
        const phaseIdShaped = idOrNull(phaseId);
        const protocolId = phaseIdShaped ? (await db.protocolPhase.findUnique({ where: { id: phaseIdShaped }, select: { protocolId: true } }))?.protocolId : undefined;
        const outcome = await probe('removeProtocolPhase', world.scope, () => removeProtocolPhase({ actor, phaseId, input }));
        if (!outcome.ok) return;
        expect(await db.protocolPhase.count({ where: { id: phaseId } })).toBe(0);
        expect(outcome.value.id).toBe(protocolId);
        const protocol = await db.protocol.findUniqueOrThrow({ where: { id: outcome.value.id }, select: { clinicId: true, phases: { select: { position: true }, orderBy: { position: 'asc' } } } });
        expect(protocol.clinicId).toBe(actor.clinicId);
        // Positions stay 1..n: only the last phase can go.
        expect(protocol.phases.map((phase) => phase.position)).toEqual(protocol.phases.map((_, index) => index + 1));
      });
    });
  });
}
