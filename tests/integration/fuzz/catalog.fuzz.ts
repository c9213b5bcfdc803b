// The catalog's writes (app/(clinic)/catalog/actions.ts) and its search (app/(clinic)/catalog/page.tsx).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXERCISE_CATEGORIES, exerciseSearchSchema } from '@/lib/schemas/exercise';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { createExercise } from '@/lib/server/exercises/create-exercise';
import { listExercises } from '@/lib/server/exercises/list-exercises';
import { setExerciseRetired } from '@/lib/server/exercises/set-exercise-retired';
import { updateExercise } from '@/lib/server/exercises/update-exercise';
import { exerciseSelect } from '@/lib/server/exercises/exercise-select';
import { dosageFields, hostileInput, idParameter, mostly, nastyString, nastyValue, typedText } from './support/arbitraries';
import { fuzz, materialize, probe } from './support/harness';
import { MISSING_ID, type FuzzWorld } from './support/fuzz-world';

const EXERCISE_TEXT_KEYS = ['name', 'instructions', 'therapistNotes', 'bodyRegion', 'position', 'equipment'];
const EXERCISE_KEYS = ['name', 'instructions', 'therapistNotes', 'category', 'bodyRegion', 'position', 'equipment', 'isSafeUnsupervised', 'sets', 'reps', 'holdSeconds', 'timesPerDay', 'daysPerWeek', 'minutes', 'side'];

/** A catalog entry as the form sends it (strings) or as code passes it (numbers, booleans). */
const validExercise = fc.record({
  // 'walking' clashes, whatever its case, with the standard catalog's Walking.
  name: fc.oneof({ weight: 9, arbitrary: typedText({ minLength: 2, maxLength: 120 }) }, { weight: 1, arbitrary: fc.constantFrom('walking', ' WALKING ') }),
  instructions: typedText({ minLength: 10, maxLength: 300 }),
  therapistNotes: typedText({ maxLength: 60 }),
  category: fc.constantFrom(...EXERCISE_CATEGORIES),
  bodyRegion: typedText({ minLength: 2, maxLength: 80 }),
  position: typedText({ minLength: 2, maxLength: 80 }),
  equipment: typedText({ maxLength: 60 }),
  isSafeUnsupervised: fc.constantFrom(true, false, 'on', 'true', ''),
  ...dosageFields,
});

/** A form field left blank ('' or missing) is "not used". */
function expectedCount(value: unknown): unknown {
  if (value === '' || value === undefined || value === null) return null;
  return typeof value === 'string' ? Number(value) : value;
}

const trimmed = (value: unknown, fallback = '') => (typeof value === 'string' ? value.trim() : fallback);

/** What an accepted catalog form must store, worked out from the form itself rather than from the schema. */
function expectedExercise(input: Record<string, unknown>) {
  return {
    name: trimmed(input.name),
    instructions: trimmed(input.instructions),
    therapistNotes: trimmed(input.therapistNotes),
    category: input.category,
    bodyRegion: trimmed(input.bodyRegion),
    position: trimmed(input.position),
    equipment: trimmed(input.equipment),
    isSafeUnsupervised: input.isSafeUnsupervised === true || input.isSafeUnsupervised === 'on' || input.isSafeUnsupervised === 'true',
    sets: expectedCount(input.sets),
    reps: expectedCount(input.reps),
    holdSeconds: expectedCount(input.holdSeconds),
    timesPerDay: expectedCount(input.timesPerDay),
    daysPerWeek: expectedCount(input.daysPerWeek),
    minutes: expectedCount(input.minutes),
    side: input.side === '' || input.side === undefined ? 'NONE' : input.side,
  };
}

async function expectStoredExercise(id: string, actor: Actor, input: Record<string, unknown>, returned: unknown) {
  const row = await db.exercise.findUniqueOrThrow({ where: { id }, select: { ...exerciseSelect, clinicId: true } });
  const { clinicId, ...dto } = row;
  expect(clinicId).toBe(actor.clinicId);
  expect(dto).toMatchObject(expectedExercise(input));
  expect(returned).toEqual(dto);
}

export function describeCatalogFuzz(getWorld: () => FuzzWorld) {
  describe('catalog', () => {
    it('createExercise: refuses cleanly, and stores exactly what it accepts in the actor’s own clinic', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = fc.record({
        actor: mostly({ 'a.admin': a.world.actors.admin }, { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.admin': b.world.actors.admin }),
        input: hostileInput(validExercise, EXERCISE_KEYS, { textKeys: EXERCISE_TEXT_KEYS }),
      });
      await fuzz('createExercise', scope, 300, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Record<string, unknown> };
        const outcome = await probe('createExercise', scope, () => createExercise({ actor, input }));
        if (outcome.ok) await expectStoredExercise(outcome.value.id, actor, input, outcome.value);
      });
    });

    it('updateExercise: refuses cleanly, never touches another clinic’s entry, and stores exactly what it accepts', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = fc.record({
        actor: mostly({ 'a.admin': a.world.actors.admin }, { 'a.therapist': a.world.actors.therapist, 'a.patient': a.world.actors.patient, 'b.admin': b.world.actors.admin }),
        exerciseId: idParameter(
          { 'a.fuzz exercise 1': a.fuzzExerciseIds[0], 'a.fuzz exercise 2': a.fuzzExerciseIds[1] },
          { 'b.fuzz exercise': b.fuzzExerciseIds[0], 'missing id': MISSING_ID, 'a.patient id (not an exercise)': a.treated.patientId },
        ),
        input: hostileInput(validExercise, EXERCISE_KEYS, { textKeys: EXERCISE_TEXT_KEYS }),
      });
      await fuzz('updateExercise', scope, 250, arbitrary, async (generated) => {
        const { actor, exerciseId, input } = (await materialize(generated, scope)) as { actor: Actor; exerciseId: string; input: Record<string, unknown> };
        const outcome = await probe('updateExercise', scope, () => updateExercise({ actor, exerciseId, input }));
        if (outcome.ok) {
          expect(outcome.value.id).toBe(exerciseId);
          await expectStoredExercise(exerciseId, actor, input, outcome.value);
        }
      });
    });

    it('setExerciseRetired: refuses cleanly for other roles and clinics, and sets exactly the asked state', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = fc.record({
        actor: mostly({ 'a.admin': a.world.actors.admin }, { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.admin': b.world.actors.admin }),
        exerciseId: idParameter(
          { 'a.fuzz exercise 3': a.fuzzExerciseIds[2], 'a.retired exercise': a.retiredExerciseId },
          { 'b.fuzz exercise': b.fuzzExerciseIds[2], 'missing id': MISSING_ID, 'a.draft version id (not an exercise)': a.drafting.draftVersionId },
        ),
        // The action sends form.get('retire') === 'true'; another caller could send anything.
        isRetired: fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: nastyValue }),
      });
      await fuzz('setExerciseRetired', scope, 60, arbitrary, async (generated) => {
        const { actor, exerciseId, isRetired } = (await materialize(generated, scope)) as { actor: Actor; exerciseId: string; isRetired: boolean };
        const outcome = await probe('setExerciseRetired', scope, () => setExerciseRetired({ actor, exerciseId, isRetired }));
        if (outcome.ok) {
          const row = await db.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: { clinicId: true, retiredAt: true } });
          expect(row.clinicId).toBe(actor.clinicId);
          expect(row.retiredAt !== null).toBe(isRetired);
        }
      });
      // Leave the retired entry retired for the plan fuzzing.
      await db.exercise.update({ where: { id: a.retiredExerciseId }, data: { retiredAt: new Date() } });
    });

    // The catalog page parses its query string with exerciseSearchSchema and falls back to the plain list.
    async function searchAsThePageDoes(actor: Actor, raw: Record<string, unknown>) {
      const parsed = exerciseSearchSchema.safeParse({
        q: typeof raw.q === 'string' ? raw.q : undefined,
        category: typeof raw.category === 'string' ? raw.category : undefined,
        bodyRegion: typeof raw.bodyRegion === 'string' ? raw.bodyRegion : undefined,
        includeRetired: raw.includeRetired === 'on',
      });
      const search = parsed.success ? parsed.data : exerciseSearchSchema.parse({});
      return { search, exercises: await listExercises({ actor, search }) };
    }

    it('listExercises: any query string lists only the actor’s clinic, honours every filter, and never fails', async () => {
      const { a, b, scope } = getWorld();
      // A query parameter is absent, one string, or repeated (string[]).
      const param = (valid: fc.Arbitrary<string>) => fc.option(fc.oneof(valid, nastyString, fc.array(fc.string({ maxLength: 5 }), { minLength: 2, maxLength: 3 })), { nil: undefined });
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.admin': a.world.actors.admin, 'a.therapist': a.world.actors.therapist, 'b.therapist': b.world.actors.therapist },
          { 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient },
        ),
        raw: fc.record({
          q: param(fc.constantFrom('walk', 'Fuzz', '%', '_', '\\', 'ß', 'straße', 'a%b')),
          category: param(fc.constantFrom(...EXERCISE_CATEGORIES, '')),
          bodyRegion: param(fc.constantFrom('Lumbar spine', 'lumbar SPINE', 'Whole body')),
          includeRetired: param(fc.constantFrom('on', 'off', 'true')),
        }),
      });
      await fuzz('listExercises', scope, 250, arbitrary, async (generated) => {
        const { actor, raw } = (await materialize(generated, scope)) as { actor: Actor; raw: Record<string, unknown> };
        const outcome = await probe('listExercises', scope, () => searchAsThePageDoes(actor, raw), { isReadOnly: true });
        if (!outcome.ok) {
          // Surgeons and patients do not use the catalog: "not found", never a list.
          expect(['SURGEON', 'PATIENT']).toContain(actor.role);
          return;
        }
        const { search, exercises } = outcome.value;
        const ids = exercises.map((exercise) => exercise.id);
        expect(await db.exercise.count({ where: { id: { in: ids }, clinicId: actor.clinicId } })).toBe(ids.length);
        if (!search.includeRetired) expect(exercises.filter((exercise) => exercise.retiredAt !== null)).toEqual([]);
        if (search.category) expect(exercises.filter((exercise) => exercise.category !== search.category)).toEqual([]);
      });
    });

    it('listExercises: searching for any part of an entry’s name finds it, wildcards and non-ASCII included', async () => {
      const { a, scope } = getWorld();
      // The names as the fuzzing above left them: its own unusual names, and the set-up's "100% _under\score".
      const entries = await db.exercise.findMany({ where: { clinicId: a.world.clinic.id, retiredAt: null }, select: { id: true, name: true } });
      const arbitrary = fc
        .constantFrom(...entries)
        .chain((entry) => {
          const characters = Array.from(entry.name);
          return fc.tuple(fc.constant(entry), fc.nat({ max: characters.length - 1 }), fc.integer({ min: 1, max: Math.min(characters.length, 100) }), fc.constant(characters));
        })
        .map(([entry, start, length, characters]) => ({ entry, q: characters.slice(start, start + length).join('') }))
        .filter(({ q }) => q.trim().length > 0);
      await fuzz('listExercises (name search)', scope, 80, arbitrary, async ({ entry, q }) => {
        const outcome = await probe('listExercises', scope, () => searchAsThePageDoes(a.world.actors.therapist, { q }), { isReadOnly: true });
        if (!outcome.ok) throw outcome.error;
        expect(outcome.value.exercises.map((exercise) => exercise.id)).toContain(entry.id);
      });
    });
  });
}
