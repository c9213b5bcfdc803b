import { beforeAll, describe, expect, it } from 'vitest';
import { chainGenesisHash, NO_CLINIC_CHAIN, verifyAuditChain } from '@/lib/domain/audit-chain';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { exportAuditEvents } from '@/lib/server/audit/export-audit-events';
import { listAuditEvents } from '@/lib/server/audit/list-audit-events';
import { db } from '@/lib/server/db';
import { createExercise } from '@/lib/server/exercises/create-exercise';
import { setExerciseRetired } from '@/lib/server/exercises/set-exercise-retired';
import { updateExercise } from '@/lib/server/exercises/update-exercise';
import { getPatient } from '@/lib/server/patients/get-patient';
import { setUserActive } from '@/lib/server/users/set-user-active';
import { signOutEverywhere } from '@/lib/server/users/sign-out-everywhere';
import { createUser, unique } from '@/prisma/factories';
import { auditCursor, auditCutover, auditRowsSince, verifyChainsOf } from './support/audit';
import { createWorld, type World } from './support/world';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

/** Appends one row of this test's own and returns it as stored. */
async function appendOwnRow() {
  const entityId = `probe${unique()}`;
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: world.a.users.admin.id,
      clinicId: world.a.clinic.id,
      action: 'test.probe',
      entityType: 'Test',
      entityId,
      outcome: 'SUCCESS',
      after: { note: 'original' },
    }),
  );
  return db.auditEvent.findFirstOrThrow({ where: { entityId } });
}

const exerciseInput = (name: string) => ({
  name,
  instructions: 'Lie on your back and breathe slowly.',
  category: 'MOBILITY',
  bodyRegion: 'Core',
  position: 'Lying on your back',
  isSafeUnsupervised: true,
  reps: 5,
  side: 'NONE',
});

describe('the audit trail is append-only', () => {
  it('the database rejects UPDATE of a row and the row is unchanged', async () => {
    const row = await appendOwnRow();

    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "id" = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "after" = NULL WHERE "clinicId" = ${world.a.clinic.id}`).rejects.toThrow(/append-only/);

    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it('the database rejects DELETE and TRUNCATE and the row is still there', async () => {
    const row = await appendOwnRow();

    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE "id" = ${row.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE "clinicId" = ${world.a.clinic.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);

    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it('the Prisma client cannot change or delete rows either', async () => {
    const row = await appendOwnRow();

    await expect(db.auditEvent.update({ where: { id: row.id }, data: { outcome: 'DENIED' } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({ where: { id: row.id } })).rejects.toThrow(/append-only/);

    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});

describe('the audit chain', () => {
  it("records this clinic's writes and reads in order, one row each", async () => {
    const admin = world.a.actors.admin;
    const target = await createUser({ clinicId: world.a.clinic.id, role: 'THERAPIST' });
    const cursor = await auditCursor();

    const exercise = await createExercise({ actor: admin, input: exerciseInput(`Audit exercise ${unique()}`) });
    await updateExercise({ actor: admin, exerciseId: exercise.id, input: { ...exerciseInput(exercise.name), reps: 8 } });
    await setExerciseRetired({ actor: admin, exerciseId: exercise.id, isRetired: true });
    await setUserActive({ actor: admin, input: { userId: target.id, isActive: false } });
    await getPatient({ actor: world.a.actors.therapist, patientId: world.a.patients.self.id });
    await expect(getPatient({ actor: world.a.actors.therapist, patientId: world.a.patients.otherTeam.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await signOutEverywhere({ actor: world.a.actors.surgeon });

    const rows = await auditRowsSince(cursor, { clinicId: world.a.clinic.id });
    expect(rows.map((row) => [row.action, row.entityId, row.outcome])).toEqual([
      ['exercise.create', exercise.id, 'SUCCESS'],
      ['exercise.update', exercise.id, 'SUCCESS'],
      ['exercise.retire', exercise.id, 'SUCCESS'],
      ['user.deactivate', target.id, 'SUCCESS'],
      ['patient.read', world.a.patients.self.id, 'SUCCESS'],
      ['patient.read', world.a.patients.otherTeam.id, 'DENIED'],
      ['auth.sign_out_everywhere', world.a.users.surgeon.id, 'SUCCESS'],
    ]);
    expect(rows[1]).toMatchObject({ before: { reps: 5 }, after: { reps: 8 } });
    // Nothing of it lands on the other clinic's trail.
    expect(await auditRowsSince(cursor, { clinicId: world.b.clinic.id })).toEqual([]);
  });

  it("chains each clinic's rows to that clinic's previous row, and breaks where a stored row is altered", async () => {
    const before = await db.auditEvent.findFirstOrThrow({ where: { chain: world.a.clinic.id }, orderBy: { id: 'desc' } });
    await recordAudit(db, { actorId: world.b.users.admin.id, clinicId: world.b.clinic.id, action: 'test.probe', entityType: 'Test', entityId: `other${unique()}`, outcome: 'SUCCESS' });
    const own = await appendOwnRow();

    expect(own.chain).toBe(world.a.clinic.id);
    // Linked to clinic A's previous row, whatever other clinics appended in between.
    expect(own.prevHash).toBe(before.hash);

    // One statement reads one snapshot, and each chain is appended under its own lock, so the snapshot holds whole chains.
    const rows = await db.auditEvent.findMany({ where: { chain: world.a.clinic.id }, orderBy: { id: 'asc' } });
    const start = chainGenesisHash(world.a.clinic.id, await auditCutover());
    expect(rows.map((row) => row.id)).toContain(own.id);
    expect(verifyAuditChain(rows, start, world.a.clinic.id)).toEqual({ ok: true, checked: rows.length });
    expect((await verifyChainsOf([world.b.clinic.id])).get(world.b.clinic.id)).toMatchObject({ ok: true });

    const altered = rows.map((row) => (row.id === own.id ? { ...row, after: { note: 'altered' } } : row));
    expect(verifyAuditChain(altered, start, world.a.clinic.id)).toMatchObject({ ok: false, brokenAtId: String(own.id) });
  });

  it('rows with no clinic (a sign-in for an unknown email) form a chain of their own', async () => {
    const entityId = `nobody${unique()}`;
    await recordAudit(db, { actorId: null, clinicId: null, action: 'auth.sign_in', entityType: 'User', entityId, outcome: 'FAILURE' });
    const row = await db.auditEvent.findFirstOrThrow({ where: { entityId } });
    expect(row.chain).toBe(NO_CLINIC_CHAIN);
    expect((await verifyChainsOf([null])).get(NO_CLINIC_CHAIN)).toMatchObject({ ok: true });
  });

  it('a row that names no chain (how the function before the per-clinic chains wrote them) is refused', async () => {
    await expect(
      db.$executeRaw`INSERT INTO "AuditEvent" ("action", "outcome", "prevHash", "hash", "clinicId") VALUES ('test.old_way', 'SUCCESS', ${'0'.repeat(64)}, ${'0'.repeat(64)}, ${world.a.clinic.id})`,
    ).rejects.toThrow(/AuditEvent_chain_named/);
  });
});

describe('the audit trail filters', () => {
  // The probe: /admin/audit?to=9999-12-31 answered 500 and the CSV export 503 (a day after year 9999 is no date
  // PostgreSQL or Prisma can carry). Dates are bounded in the schema, so both refuse with a clear message.
  it.each([
    ['to', '9999-12-31', 'The to date must be between 1900 and 2199.'],
    ['from', '0001-01-01', 'The from date must be between 1900 and 2199.'],
    ['to', '2026-02-30', 'The to date must be a real date.'],
  ])('a %s date of %s is refused with a clear message, listed or exported', async (field, value, message) => {
    const input = { [field]: value };
    await expect(listAuditEvents({ actor: world.a.actors.admin, input })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `Please check the form. ${message}` });
    await expect(exportAuditEvents({ actor: world.a.actors.admin, input })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: `Please check the form. ${message}` });
  });

  it('the last day of the range still lists', async () => {
    const trail = await listAuditEvents({ actor: world.a.actors.admin, input: { from: '1900-01-01', to: '2199-12-31' } });
    expect(trail.total).toBeGreaterThan(0);
  });
});
