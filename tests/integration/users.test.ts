import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/domain/types';
import { db } from '@/lib/server/db';
import { listUsers } from '@/lib/server/users/list-users';
import { setUserActive } from '@/lib/server/users/set-user-active';
import { signOutEverywhere } from '@/lib/server/users/sign-out-everywhere';
import { createUser } from '@/prisma/factories';
import { auditCursor, auditRowsSince } from './support/audit';
import { createActor, createWorld, type World } from './support/world';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

const userRow = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { isActive: true, sessionVersion: true, updatedAt: true } });

describe('listUsers', () => {
  it("the admin lists every user of their clinic, and no one else's", async () => {
    const listed = await listUsers({ actor: world.a.actors.admin });
    const ids = listed.map((user) => user.id).sort();

    const inClinic = await db.user.findMany({ where: { clinicId: world.a.clinic.id }, select: { id: true } });
    expect(ids).toEqual(inClinic.map((user) => user.id).sort());
    expect(ids).toEqual(expect.arrayContaining(Object.values(world.a.users).map((user) => user.id)));
    for (const other of Object.values(world.b.users)) expect(ids).not.toContain(other.id);
  });

  it('shows no password hash or session version', async () => {
    const listed = await listUsers({ actor: world.a.actors.admin });
    expect(listed.length).toBeGreaterThan(0);
    for (const user of listed) expect(Object.keys(user).sort()).toEqual(['createdAt', 'email', 'hasPassword', 'id', 'isActive', 'name', 'role']);
  });

  it('says who has set a password, from the stored hash', async () => {
    const waiting = await createUser({ clinicId: world.a.clinic.id, role: 'SURGEON', password: null });
    const listed = await listUsers({ actor: world.a.actors.admin });

    expect(listed.find((user) => user.id === waiting.id)?.hasPassword).toBe(false);
    expect(listed.find((user) => user.id === world.a.users.therapist.id)?.hasPassword).toBe(true);
  });

  it.each(['therapist', 'surgeon', 'patient'] as const)('the %s cannot list users: NOT_FOUND', async (role) => {
    await expect(listUsers({ actor: world.a.actors[role] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('setUserActive', () => {
  it('the admin deactivates a user, which ends their sessions, with one audit row', async () => {
    const admin = world.a.actors.admin;
    const target = await createUser({ clinicId: world.a.clinic.id, role: 'THERAPIST' });
    const cursor = await auditCursor();

    const result = await setUserActive({ actor: admin, input: { userId: target.id, isActive: false } });

    expect(result).toEqual({ id: target.id, isActive: false });
    expect(await userRow(target.id)).toMatchObject({ isActive: false, sessionVersion: target.sessionVersion + 1 });
    const rows = await auditRowsSince(cursor, { entityId: target.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'user.deactivate',
      entityType: 'User',
      actorId: admin.userId,
      clinicId: world.a.clinic.id,
      outcome: 'SUCCESS',
      ip: admin.ip,
      before: { id: target.id, isActive: true },
      after: { id: target.id, isActive: false },
    });
  });

  it('reactivating restores access without bumping the session version again', async () => {
    const admin = world.a.actors.admin;
    const target = await createUser({ clinicId: world.a.clinic.id, role: 'SURGEON', isActive: false });
    const cursor = await auditCursor();

    await setUserActive({ actor: admin, input: { userId: target.id, isActive: true } });

    expect(await userRow(target.id)).toMatchObject({ isActive: true, sessionVersion: target.sessionVersion });
    const rows = await auditRowsSince(cursor, { entityId: target.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'user.activate', before: { id: target.id, isActive: false }, after: { id: target.id, isActive: true } });
  });

  it("the admin of clinic A gets NOT_FOUND for clinic B's user, who stays as they were", async () => {
    const target = await createUser({ clinicId: world.b.clinic.id, role: 'THERAPIST' });
    const before = await userRow(target.id);
    const cursor = await auditCursor();

    await expect(setUserActive({ actor: world.a.actors.admin, input: { userId: target.id, isActive: false } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    expect(await userRow(target.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: target.id })).toEqual([]);
  });

  it('the admin cannot deactivate themself', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'ADMIN');
    const before = await userRow(user.id);
    const cursor = await auditCursor();

    await expect(setUserActive({ actor, input: { userId: user.id, isActive: false } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await userRow(user.id)).toEqual(before);
    expect(before.isActive).toBe(true);
    expect(await auditRowsSince(cursor, { actorId: user.id })).toEqual([]);
  });

  it.each(['therapist', 'surgeon', 'patient'] as const)('the %s is FORBIDDEN and the user stays as they were', async (role) => {
    const target = await createUser({ clinicId: world.a.clinic.id, role: 'THERAPIST' });
    const before = await userRow(target.id);
    const cursor = await auditCursor();

    await expect(setUserActive({ actor: world.a.actors[role], input: { userId: target.id, isActive: false } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    expect(await userRow(target.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: target.id })).toEqual([]);
  });

  it.each<[string, (userId: string) => unknown]>([
    ['a missing isActive', (userId) => ({ userId })],
    ['isActive as a string', (userId) => ({ userId, isActive: 'false' })],
    ['an unknown field', (userId) => ({ userId, isActive: false, role: 'ADMIN' })],
    ['a huge user id', () => ({ userId: 'x'.repeat(10_000), isActive: false })],
  ])('rejects %s with INVALID_INPUT and the user stays as they were', async (_title, makeInput) => {
    const target = await createUser({ clinicId: world.a.clinic.id, role: 'THERAPIST' });
    const before = await userRow(target.id);
    const cursor = await auditCursor();

    await expect(setUserActive({ actor: world.a.actors.admin, input: makeInput(target.id) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await userRow(target.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: target.id })).toEqual([]);
  });
});

describe('signOutEverywhere', () => {
  it.each<Role>(['ADMIN', 'THERAPIST', 'SURGEON', 'PATIENT'])('a %s ends their own sessions, and nobody else is touched', async (role) => {
    const { user, actor } = await createActor(world.a.clinic.id, role);
    const bystander = await createUser({ clinicId: world.a.clinic.id, role });
    const bystanderBefore = await userRow(bystander.id);
    const cursor = await auditCursor();

    await signOutEverywhere({ actor });

    expect(await userRow(user.id)).toMatchObject({ isActive: true, sessionVersion: user.sessionVersion + 1 });
    expect(await userRow(bystander.id)).toEqual(bystanderBefore);
    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'auth.sign_out_everywhere',
      entityType: 'User',
      entityId: user.id,
      clinicId: world.a.clinic.id,
      outcome: 'SUCCESS',
      ip: actor.ip,
    });
  });

  it('bumps the session version again each time', async () => {
    const { user, actor } = await createActor(world.b.clinic.id, 'THERAPIST');

    await signOutEverywhere({ actor });
    await signOutEverywhere({ actor });

    expect((await userRow(user.id)).sessionVersion).toBe(user.sessionVersion + 2);
  });
});
