import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/domain/types';
import { authenticate } from '@/lib/server/auth/authenticate';
import { db } from '@/lib/server/db';
import { setUserActive } from '@/lib/server/users/set-user-active';
import { createUser, unique } from '@/prisma/factories';
import { auditCursor, auditRowsSince } from './support/audit';
import { createWorld, uniqueIp, type World } from './support/world';

const PASSWORD = 'correct horse battery staple';

let world: World;
let clinicId: string;

beforeAll(async () => {
  world = await createWorld();
  clinicId = world.a.clinic.id;
});

describe('authenticate', () => {
  it.each<Role>(['ADMIN', 'THERAPIST', 'SURGEON', 'PATIENT'])('a %s with the right password gets their user back, audited as SUCCESS', async (role) => {
    const user = await createUser({ clinicId, role, password: PASSWORD });
    const ip = uniqueIp();
    const cursor = await auditCursor();

    const result = await authenticate({ email: user.email, password: PASSWORD, ip });

    expect(result).toEqual({ kind: 'signed_in', id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId: expect.any(String), deviceToken: expect.any(String) });
    // A successful sign-in opens exactly one live session row for this user, from this address.
    const sessions = await db.userSession.findMany({ where: { userId: user.id }, select: { id: true, ip: true, endedAt: true } });
    expect(sessions).toEqual([{ id: result?.sessionId, ip, endedAt: null }]);
    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.sign_in', entityType: 'User', entityId: user.id, clinicId, outcome: 'SUCCESS', ip });
  });

  it('a wrong password gets null, audited as FAILURE', async () => {
    const user = await createUser({ clinicId, role: 'THERAPIST', password: PASSWORD });
    const ip = uniqueIp();
    const cursor = await auditCursor();

    expect(await authenticate({ email: user.email, password: `${PASSWORD}!`, ip })).toBeNull();
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);

    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.sign_in', entityId: user.id, clinicId, outcome: 'FAILURE', ip });
  });

  it('an unknown email gets null, audited as FAILURE with no user', async () => {
    const ip = uniqueIp();
    const cursor = await auditCursor();

    expect(await authenticate({ email: `nobody-${unique()}@example.test`, password: PASSWORD, ip })).toBeNull();

    const rows = await auditRowsSince(cursor, { ip });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.sign_in', actorId: null, clinicId: null, entityId: null, outcome: 'FAILURE' });
  });

  it('a deactivated user gets null even with the right password, audited as FAILURE', async () => {
    const user = await createUser({ clinicId, role: 'SURGEON', password: PASSWORD, isActive: false });
    const ip = uniqueIp();
    const cursor = await auditCursor();

    expect(await authenticate({ email: user.email, password: PASSWORD, ip })).toBeNull();

    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.sign_in', outcome: 'FAILURE', ip });
  });

  it('a user deactivated by the admin can no longer sign in', async () => {
    const user = await createUser({ clinicId, role: 'THERAPIST', password: PASSWORD });
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).not.toBeNull();

    await setUserActive({ actor: world.a.actors.admin, input: { userId: user.id, isActive: false } });

    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toBeNull();
  });

  it('an invited user who has not set a password yet gets null, audited as FAILURE', async () => {
    const user = await createUser({ clinicId, role: 'PATIENT', password: null });
    const cursor = await auditCursor();

    expect(await authenticate({ email: user.email, password: '', ip: null })).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toBeNull();

    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows.map((row) => row.outcome)).toEqual(['FAILURE', 'FAILURE']);
  });

  it("another user's password does not open this account", async () => {
    const user = await createUser({ clinicId, role: 'THERAPIST', password: PASSWORD });
    const other = await createUser({ clinicId, role: 'THERAPIST', password: 'a different password 42' });

    expect(await authenticate({ email: user.email, password: 'a different password 42', ip: null })).toBeNull();
    expect(await authenticate({ email: other.email, password: 'a different password 42', ip: null })).toMatchObject({ id: other.id });
  });

  it("records the other clinic's sign-in under that clinic", async () => {
    const user = await createUser({ clinicId: world.b.clinic.id, role: 'ADMIN', password: PASSWORD });
    const cursor = await auditCursor();

    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toMatchObject({ id: user.id });

    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows.map((row) => [row.clinicId, row.outcome])).toEqual([[world.b.clinic.id, 'SUCCESS']]);
  });
});
