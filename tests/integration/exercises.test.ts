import { beforeAll, describe, expect, it } from 'vitest';
import { exerciseSearchSchema } from '@/lib/schemas/exercise';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { createExercise } from '@/lib/server/exercises/create-exercise';
import { getExercise } from '@/lib/server/exercises/get-exercise';
import { listBodyRegions, listExercises } from '@/lib/server/exercises/list-exercises';
import { setExerciseRetired } from '@/lib/server/exercises/set-exercise-retired';
import { updateExercise } from '@/lib/server/exercises/update-exercise';
import type { SeedExercise } from '@/prisma/data/catalog';
import { createExercise as seedExercise, unique } from '@/prisma/factories';
import { asStoredJson, auditCursor, auditRowsSince } from './support/audit';
import { createActor, createWorld, type ClinicWorld, type World } from './support/world';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

const search = (query: Record<string, unknown> = {}) => exerciseSearchSchema.parse(query);

/** A valid catalog entry whose name and instructions carry a marker no other test uses. */
function exerciseInput(overrides: Record<string, unknown> = {}) {
  const marker = unique();
  return {
    marker,
    input: {
      name: `Test exercise ${marker}`,
      instructions: `Stand up straight.\nMarker ${marker}.`,
      therapistNotes: '',
      category: 'MOBILITY',
      bodyRegion: 'Test region',
      position: 'Standing',
      equipment: '',
      isSafeUnsupervised: true,
      sets: 2,
      reps: 10,
      holdSeconds: null,
      timesPerDay: 1,
      daysPerWeek: 5,
      minutes: null,
      side: 'NONE',
      ...overrides,
    } as Record<string, unknown>,
  };
}

/**
 * A catalog entry of its own for one test, written straight to the database. Its content matches none
 * of the searches below, so the searches find the standard catalog only, whatever ran before them.
 */
async function seedOwnExercise(clinic: ClinicWorld, overrides: Partial<SeedExercise> = {}) {
  const marker = unique();
  return seedExercise(clinic.clinic.id, {
    name: `Test exercise ${marker}`,
    instructions: `Stand up straight.\nMarker ${marker}.`,
    therapistNotes: '',
    category: 'MOBILITY',
    bodyRegion: 'Test region',
    position: 'Standing',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: { sets: 2, reps: 10, holdSeconds: null, timesPerDay: 1, daysPerWeek: 5, minutes: null, side: 'NONE' },
    ...overrides,
  });
}

const exerciseRow = (id: string) => db.exercise.findUniqueOrThrow({ where: { id } });

const idsOf = (clinic: ClinicWorld, names: string[]) => names.map((name) => clinic.exerciseIds.get(name));

describe('who can read the catalog', () => {
  it.each(['admin', 'therapist'] as const)('the %s lists their clinic catalog and nothing of the other clinic', async (role) => {
    const listed = await listExercises({ actor: world.a.actors[role], search: search() });
    const listedIds = listed.map((exercise) => exercise.id);

    expect(listedIds).toEqual(expect.arrayContaining([...world.a.exerciseIds.values()]));
    const inClinicA = await db.exercise.count({ where: { id: { in: listedIds }, clinicId: world.a.clinic.id } });
    expect(inClinicA).toBe(listedIds.length);
    for (const otherId of world.b.exerciseIds.values()) expect(listedIds).not.toContain(otherId);
  });

  it.each(['admin', 'therapist'] as const)('the %s gets one exercise of their clinic, as a DTO', async (role) => {
    const id = world.a.exerciseIds.get('Bridging')!;
    const exercise = await getExercise({ actor: world.a.actors[role], exerciseId: id });

    expect(exercise).toMatchObject({ id, name: 'Bridging', category: 'STRENGTHENING', bodyRegion: 'Hips', retiredAt: null });
    expect(exercise).not.toHaveProperty('clinicId');
    expect(exercise).not.toHaveProperty('createdAt');
  });

  it.each(['admin', 'therapist'] as const)('the %s lists the body regions of their clinic only', async (role) => {
    const regionOfB = `Region ${unique()}`;
    await seedOwnExercise(world.b, { bodyRegion: regionOfB });

    const regions = await listBodyRegions({ actor: world.a.actors[role] });

    expect(regions).toEqual(expect.arrayContaining(['Core', 'Hips', 'Legs', 'Lumbar spine', 'Whole body']));
    expect(regions).not.toContain(regionOfB);
    expect(new Set(regions).size).toBe(regions.length);
    expect(await listBodyRegions({ actor: world.b.actors[role] })).toContain(regionOfB);
  });

  it.each(['surgeon', 'patient'] as const)('the %s does not see the catalog at all: NOT_FOUND', async (role) => {
    const actor = world.a.actors[role];
    const id = world.a.exerciseIds.get('Bridging')!;

    await expect(listExercises({ actor, search: search() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getExercise({ actor, exerciseId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listBodyRegions({ actor })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each(['admin', 'therapist'] as const)("the other clinic's %s gets NOT_FOUND for this clinic's exercise", async (role) => {
    const id = world.a.exerciseIds.get('Bridging')!;
    await expect(getExercise({ actor: world.b.actors[role], exerciseId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an id that does not exist is NOT_FOUND', async () => {
    await expect(getExercise({ actor: world.a.actors.admin, exerciseId: `missing${unique()}` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('searching the catalog', () => {
  // Both clinics hold the same standard catalog, so equal names with different ids prove the scoping.
  const cases: Array<{ title: string; query: Record<string, unknown>; names: string[] }> = [
    { title: 'by name, ignoring case', query: { q: 'PIRIFORMIS' }, names: ['Gentle piriformis stretch'] },
    { title: 'by a part of a name', query: { q: 'clam' }, names: ['Side-lying clam'] },
    // Abdominal bracing and Gluteal squeeze name bridging in their therapist notes.
    { title: 'by a name or the therapist notes', query: { q: 'bridg' }, names: ['Abdominal bracing', 'Bridging', 'Gluteal squeeze'] },
    { title: 'by free text in the instructions', query: { q: 'shoes with good grip' }, names: ['Walking'] },
    { title: 'by equipment', query: { q: 'towel' }, names: ['Hamstring stretch', 'Quad sets'] },
    { title: 'by body region, ignoring case', query: { bodyRegion: 'core' }, names: ['Abdominal bracing', 'Bird dog', 'Diaphragmatic breathing', 'Kneeling plank', 'Lying march'] },
    { title: 'by category', query: { category: 'CARDIO' }, names: ['Easy jogging', 'Stationary bike', 'Walking'] },
    { title: 'by category and body region together', query: { category: 'STRETCHING', bodyRegion: 'Legs' }, names: ['Hamstring stretch'] },
    { title: 'with no match', query: { q: 'trampoline' }, names: [] },
  ];

  it.each(cases)('finds exercises $title, in name order, in the actor clinic only', async ({ query, names }) => {
    for (const clinic of [world.a, world.b]) {
      const found = await listExercises({ actor: clinic.actors.therapist, search: search(query) });
      expect(found.map((exercise) => exercise.name)).toEqual(names);
      expect(found.map((exercise) => exercise.id)).toEqual(idsOf(clinic, names));
    }
  });
});

describe('retired exercises', () => {
  it('are hidden by default, shown with includeRetired, and back after a restore', async () => {
    const own = await seedOwnExercise(world.a);
    const byName = (includeRetired: boolean) => search({ q: own.name, includeRetired });
    const therapist = world.a.actors.therapist;

    const retired = await setExerciseRetired({ actor: world.a.actors.admin, exerciseId: own.id, isRetired: true });
    expect(retired.retiredAt).toBeInstanceOf(Date);

    expect(await listExercises({ actor: therapist, search: byName(false) })).toEqual([]);
    expect((await listExercises({ actor: therapist, search: search() })).map((e) => e.id)).not.toContain(own.id);
    expect((await listExercises({ actor: therapist, search: byName(true) })).map((e) => e.id)).toEqual([own.id]);
    // Plans that already prescribe it still need to show it.
    expect(await getExercise({ actor: therapist, exerciseId: own.id })).toMatchObject({ id: own.id, retiredAt: retired.retiredAt });

    const restored = await setExerciseRetired({ actor: world.a.actors.admin, exerciseId: own.id, isRetired: false });
    expect(restored.retiredAt).toBeNull();
    expect((await listExercises({ actor: therapist, search: byName(false) })).map((e) => e.id)).toEqual([own.id]);
  });

  it('retiring twice keeps the first retirement date and writes one audit row each time', async () => {
    const own = await seedOwnExercise(world.a);
    const cursor = await auditCursor();
    const first = await setExerciseRetired({ actor: world.a.actors.admin, exerciseId: own.id, isRetired: true });
    const second = await setExerciseRetired({ actor: world.a.actors.admin, exerciseId: own.id, isRetired: true });

    expect(second.retiredAt).toEqual(first.retiredAt);
    const rows = await auditRowsSince(cursor, { entityId: own.id });
    expect(rows.map((row) => row.action)).toEqual(['exercise.retire', 'exercise.retire']);
  });
});

describe('creating an exercise', () => {
  it('the admin adds it to their clinic, with one audit row holding what was created', async () => {
    const admin = world.a.actors.admin;
    const { input } = exerciseInput({ name: `  Shoulder rolls ${unique()}  `, therapistNotes: 'Watch the neck.' });
    const cursor = await auditCursor();

    const created = await createExercise({ actor: admin, input });

    expect(created.name).toBe(String(input.name).trim());
    expect(await exerciseRow(created.id)).toMatchObject({ clinicId: world.a.clinic.id, name: created.name, sets: 2, reps: 10, retiredAt: null });
    expect(await getExercise({ actor: world.a.actors.therapist, exerciseId: created.id })).toEqual(created);
    await expect(getExercise({ actor: world.b.actors.admin, exerciseId: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const rows = await auditRowsSince(cursor, { entityId: created.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'exercise.create',
      entityType: 'Exercise',
      actorId: admin.userId,
      clinicId: world.a.clinic.id,
      outcome: 'SUCCESS',
      ip: admin.ip,
      patientId: null,
      before: null,
      after: asStoredJson(created),
    });
  });

  it.each(['therapist', 'surgeon', 'patient'] as const)('the %s is FORBIDDEN and nothing is written', async (role) => {
    const actor = world.a.actors[role];
    const { input, marker } = exerciseInput();
    const cursor = await auditCursor();

    await expect(createExercise({ actor, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await db.exercise.count({ where: { instructions: { contains: marker } } })).toBe(0);
    expect(await auditRowsSince(cursor, { actorId: actor.userId })).toEqual([]);
  });

  const badInputs: Array<[string, (input: Record<string, unknown>) => unknown]> = [
    ['an empty name', (input) => ({ ...input, name: '' })],
    ['a name of spaces only', (input) => ({ ...input, name: '     ' })],
    ['a huge name', (input) => ({ ...input, name: 'x'.repeat(100_000) })],
    ['huge instructions', (input) => ({ ...input, instructions: `${String(input.instructions)} ${'y'.repeat(4_001)}` })],
    ['zero sets', (input) => ({ ...input, sets: 0 })],
    ['too many sets', (input) => ({ ...input, sets: 11 })],
    ['a fraction of a rep', (input) => ({ ...input, reps: 2.5 })],
    ['a dosage with no reps, minutes or hold', (input) => ({ ...input, reps: null, minutes: null, holdSeconds: null })],
    ['an unknown category', (input) => ({ ...input, category: 'YOGA' })],
    ['an unknown side', (input) => ({ ...input, side: 'UP' })],
    ['an unknown field', (input) => ({ ...input, isApproved: true })],
    ['another clinic id smuggled in', (input) => ({ ...input, clinicId: world.b.clinic.id })],
    ['a missing field', (input) => Object.fromEntries(Object.entries(input).filter(([field]) => field !== 'position'))],
    ['not an object', () => 'Walking'],
  ];

  it.each(badInputs)('rejects %s with INVALID_INPUT and writes nothing', async (_title, makeBad) => {
    const { actor } = await createActor(world.a.clinic.id, 'ADMIN');
    const { input, marker } = exerciseInput();
    const cursor = await auditCursor();

    await expect(createExercise({ actor, input: makeBad(input) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await db.exercise.count({ where: { instructions: { contains: marker } } })).toBe(0);
    expect(await auditRowsSince(cursor, { actorId: actor.userId })).toEqual([]);
  });

  it.each(['Bridging', 'bridging', '  BRIDGING  '])('rejects the catalog name %j with CONFLICT and writes nothing', async (name) => {
    const { actor } = await createActor(world.a.clinic.id, 'ADMIN');
    const { input, marker } = exerciseInput({ name });
    const cursor = await auditCursor();

    await expect(createExercise({ actor, input })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await db.exercise.count({ where: { instructions: { contains: marker } } })).toBe(0);
    expect(await db.exercise.count({ where: { clinicId: world.a.clinic.id, name: { equals: 'bridging', mode: 'insensitive' } } })).toBe(1);
    expect(await auditRowsSince(cursor, { actorId: actor.userId })).toEqual([]);
  });

  it('allows a name another clinic already uses', async () => {
    const { input } = exerciseInput();
    const inA = await createExercise({ actor: world.a.actors.admin, input });
    const inB = await createExercise({ actor: world.b.actors.admin, input });

    expect(inB.name).toBe(inA.name);
    expect(await exerciseRow(inB.id)).toMatchObject({ clinicId: world.b.clinic.id });
  });
});

describe('updating an exercise', () => {
  it('the admin changes it, with one audit row holding before and after', async () => {
    const admin = world.a.actors.admin;
    const { input } = exerciseInput();
    const created = await createExercise({ actor: admin, input });
    const cursor = await auditCursor();

    const changed = { ...input, name: `${String(input.name)} (modified)`, sets: 3, side: 'EACH', equipment: 'Mat' };
    const updated = await updateExercise({ actor: admin, exerciseId: created.id, input: changed });

    expect(updated).toMatchObject({ id: created.id, name: changed.name, sets: 3, side: 'EACH', equipment: 'Mat' });
    expect(await exerciseRow(created.id)).toMatchObject({ name: changed.name, sets: 3, side: 'EACH', equipment: 'Mat', clinicId: world.a.clinic.id });

    const rows = await auditRowsSince(cursor, { entityId: created.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'exercise.update',
      entityType: 'Exercise',
      actorId: admin.userId,
      clinicId: world.a.clinic.id,
      outcome: 'SUCCESS',
      before: asStoredJson(created),
      after: asStoredJson(updated),
    });
  });

  it('keeps its own name with different capitals without a conflict', async () => {
    const own = await seedOwnExercise(world.a);
    const { input } = exerciseInput({ name: own.name.toUpperCase() });

    const updated = await updateExercise({ actor: world.a.actors.admin, exerciseId: own.id, input });
    expect(updated.name).toBe(own.name.toUpperCase());
  });

  it.each(['therapist', 'surgeon', 'patient'] as const)('the %s is FORBIDDEN and the exercise is unchanged', async (role) => {
    const own = await seedOwnExercise(world.a);
    const before = await exerciseRow(own.id);
    const cursor = await auditCursor();

    await expect(updateExercise({ actor: world.a.actors[role], exerciseId: own.id, input: exerciseInput().input })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    expect(await exerciseRow(own.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: own.id })).toEqual([]);
  });

  it("the other clinic's admin gets NOT_FOUND and the exercise is unchanged", async () => {
    const own = await seedOwnExercise(world.a);
    const before = await exerciseRow(own.id);
    const cursor = await auditCursor();

    await expect(updateExercise({ actor: world.b.actors.admin, exerciseId: own.id, input: exerciseInput().input })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    expect(await exerciseRow(own.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: own.id })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an empty name', { name: '' }],
    ['zero sets', { sets: 0 }],
    ['an unknown field', { retiredAt: null }],
    ['huge instructions', { instructions: 'z'.repeat(50_000) }],
  ])('rejects %s with INVALID_INPUT and the exercise is unchanged', async (_title, bad) => {
    const own = await seedOwnExercise(world.a);
    const before = await exerciseRow(own.id);
    const cursor = await auditCursor();

    await expect(updateExercise({ actor: world.a.actors.admin, exerciseId: own.id, input: exerciseInput(bad).input })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });

    expect(await exerciseRow(own.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: own.id })).toEqual([]);
  });

  it('rejects the name of another exercise of the clinic with CONFLICT and the exercise is unchanged', async () => {
    const own = await seedOwnExercise(world.a);
    const before = await exerciseRow(own.id);
    const cursor = await auditCursor();

    await expect(updateExercise({ actor: world.a.actors.admin, exerciseId: own.id, input: exerciseInput({ name: 'walking' }).input })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    expect(await exerciseRow(own.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: own.id })).toEqual([]);
  });
});

describe('retiring an exercise', () => {
  it('the admin retires and restores it, each with one audit row', async () => {
    const admin = world.a.actors.admin;
    const own = await seedOwnExercise(world.a);
    const cursor = await auditCursor();

    const retired = await setExerciseRetired({ actor: admin, exerciseId: own.id, isRetired: true });
    expect((await exerciseRow(own.id)).retiredAt).toEqual(retired.retiredAt);
    await setExerciseRetired({ actor: admin, exerciseId: own.id, isRetired: false });
    expect((await exerciseRow(own.id)).retiredAt).toBeNull();

    const rows = await auditRowsSince(cursor, { entityId: own.id });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      action: 'exercise.retire',
      entityType: 'Exercise',
      actorId: admin.userId,
      clinicId: world.a.clinic.id,
      outcome: 'SUCCESS',
      before: { retiredAt: null },
      after: { retiredAt: retired.retiredAt!.toISOString() },
    });
    expect(rows[1]).toMatchObject({
      action: 'exercise.restore',
      before: { retiredAt: retired.retiredAt!.toISOString() },
      after: { retiredAt: null },
    });
  });

  const refusals: Array<[string, string, (w: World) => Actor]> = [
    ['the therapist', 'FORBIDDEN', (w) => w.a.actors.therapist],
    ['the surgeon', 'FORBIDDEN', (w) => w.a.actors.surgeon],
    ['the patient', 'FORBIDDEN', (w) => w.a.actors.patient],
    ["the other clinic's admin", 'NOT_FOUND', (w) => w.b.actors.admin],
  ];

  it.each(refusals)('%s gets %s and the exercise stays in the catalog', async (_who, code, pickActor) => {
    const own = await seedOwnExercise(world.a);
    const before = await exerciseRow(own.id);
    const cursor = await auditCursor();

    await expect(setExerciseRetired({ actor: pickActor(world), exerciseId: own.id, isRetired: true })).rejects.toMatchObject({ code });

    expect(await exerciseRow(own.id)).toEqual(before);
    expect(before.retiredAt).toBeNull();
    expect(await auditRowsSince(cursor, { entityId: own.id })).toEqual([]);
  });
});
