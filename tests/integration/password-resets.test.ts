import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/server/authz/actor';
import { authenticate } from '@/lib/server/auth/authenticate';
import { RESET_REFUSED } from '@/lib/server/invitations/reset-password';
import { db } from '@/lib/server/db';
import { acceptInvitation } from '@/lib/server/invitations/accept-invitation';
import { createInvitation } from '@/lib/server/invitations/create-invitation';
import { getInvitation } from '@/lib/server/invitations/get-invitation';
import { resetPatientPassword } from '@/lib/server/patients/reset-patient-password';
import { resetStaffPassword } from '@/lib/server/users/reset-staff-password';
import { createPatient, createUser } from '@/prisma/factories';
import { auditCursor, auditRowsSince } from './support/audit';
import { PASSWORD } from './support/plan-flow';
import { actorFor, createActor, createWorld, uniqueIp, type World } from './support/world';

// Taking a forgotten password away and handing out a new link: the admin for staff, the patient's own
// therapist for a patient. Each test makes the account it resets, so no test signs anyone else out.

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

const OLD_PASSWORD = 'the old forgotten phrase';
const NEW_PASSWORD = 'a freshly chosen phrase';

/** Everything a refused reset must leave as it was. */
const accountState = async (userId: string) => ({
  user: await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, sessionVersion: true, isActive: true } }),
  openSessions: await db.userSession.count({ where: { userId, endedAt: null } }),
  invitations: await db.invitation.findMany({ where: { userId }, select: { id: true, usedAt: true }, orderBy: { id: 'asc' } }),
});

/** A signed-in account: two sessions, as if on a phone and a desk. */
async function signedInTwice(email: string, password = OLD_PASSWORD) {
  for (let session = 0; session < 2; session += 1) expect(await authenticate({ email, password, ip: uniqueIp() })).not.toBeNull();
}

const tokenOf = (path: string) => path.slice('/invite/'.length);

async function staffWithPassword(clinicId: string, role: 'THERAPIST' | 'SURGEON' | 'ADMIN' = 'SURGEON') {
  const user = await createUser({ clinicId, role, password: OLD_PASSWORD });
  await signedInTwice(user.email);
  return user;
}

/** A patient of the clinic's therapist (and surgeon) whose portal account has a password and two sessions. */
async function patientWithPassword(clinic = world.a) {
  const user = await createUser({ clinicId: clinic.clinic.id, role: 'PATIENT', password: OLD_PASSWORD });
  const patient = await createPatient({ clinicId: clinic.clinic.id, careTeam: [clinic.users.therapist.id, clinic.users.surgeon.id], userId: user.id, firstName: 'Quinn' });
  await signedInTwice(user.email);
  return { user, patient };
}

/** The reset did everything it promises, and the new link lets the person choose a password and sign in. */
async function expectResetDone(user: { id: string; email: string; sessionVersion: number }, path: string) {
  const after = await accountState(user.id);
  expect(after.user.passwordHash).toBeNull();
  expect(after.openSessions).toBe(0);
  expect(after.user.sessionVersion).toBe(user.sessionVersion + 1);
  expect(await authenticate({ email: user.email, password: OLD_PASSWORD, ip: uniqueIp() })).toBeNull();
  // Only the new link works.
  expect(after.invitations.filter((invitation) => invitation.usedAt === null)).toHaveLength(1);
  expect(await getInvitation({ token: tokenOf(path) })).toMatchObject({ status: 'valid' });
  expect(await acceptInvitation({ token: tokenOf(path), password: NEW_PASSWORD, repeatPassword: NEW_PASSWORD, ip: uniqueIp() })).toEqual({ email: user.email });
  expect((await authenticate({ email: user.email, password: NEW_PASSWORD, ip: uniqueIp() }))?.id).toBe(user.id);
}

describe('resetStaffPassword', () => {
  it('with the admin’s own password: clears the password, ends every session, is audited, and issues a link that works', async () => {
    const admin = world.a.actors.admin;
    const user = await staffWithPassword(world.a.clinic.id);
    const cursor = await auditCursor();

    const { user: reset, invitation } = await resetStaffPassword({ actor: admin, input: { userId: user.id, password: PASSWORD } });

    expect(reset).toEqual({ id: user.id, name: user.name });
    expect(invitation.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const rows = await auditRowsSince(cursor, { actorId: admin.userId, ip: admin.ip });
    expect(rows.map((row) => [row.action, row.entityType, row.outcome])).toEqual([
      ['user.reset_password', 'User', 'SUCCESS'],
      ['invitation.create', 'Invitation', 'SUCCESS'],
    ]);
    expect(rows[0]).toMatchObject({ entityId: user.id, clinicId: world.a.clinic.id, patientId: null, before: { hasPassword: true }, after: { hasPassword: false, sessionsEnded: true } });
    await expectResetDone(user, invitation.path);
  });

  it('replaces a link made earlier: only the new one works', async () => {
    const user = await staffWithPassword(world.a.clinic.id, 'THERAPIST');
    const first = await resetStaffPassword({ actor: world.a.actors.admin, input: { userId: user.id, password: PASSWORD } });

    const second = await resetStaffPassword({ actor: world.a.actors.admin, input: { userId: user.id, password: PASSWORD } });

    expect(await getInvitation({ token: tokenOf(first.invitation.path) })).toEqual({ status: 'used' });
    expect(await getInvitation({ token: tokenOf(second.invitation.path) })).toMatchObject({ status: 'valid' });
  });

  it.each([
    ['a wrong password', 'not my password'],
    ['the target’s password instead of the admin’s', OLD_PASSWORD],
  ])('refuses %s: nothing changes, and the refusal is on the audit trail', async (_case, typed) => {
    const admin = world.a.actors.admin;
    const user = await staffWithPassword(world.a.clinic.id);
    const before = await accountState(user.id);
    const cursor = await auditCursor();

    await expect(resetStaffPassword({ actor: admin, input: { userId: user.id, password: typed } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(RESET_REFUSED) });

    expect(await accountState(user.id)).toEqual(before);
    const rows = await auditRowsSince(cursor, { actorId: admin.userId, ip: admin.ip });
    expect(rows.map((row) => [row.action, row.entityId, row.outcome])).toEqual([['user.reset_password', user.id, 'FAILURE']]);
    expect((await authenticate({ email: user.email, password: OLD_PASSWORD, ip: uniqueIp() }))?.id).toBe(user.id);
  });

  it.each<[string, (w: World) => Promise<string>]>([
    ["another clinic's staff member", async (w) => (await staffWithPassword(w.b.clinic.id)).id],
    ["a patient's portal account", async (w) => (await patientWithPassword(w.a)).user.id],
    ['a deactivated staff member', async (w) => (await createUser({ clinicId: w.a.clinic.id, role: 'THERAPIST', password: OLD_PASSWORD, isActive: false })).id],
    ['an id that names nobody', async () => 'cm0nosuchuser000000000000'],
  ])('answers NOT_FOUND for %s, before asking for the password, and writes nothing', async (_case, target) => {
    const admin = world.a.actors.admin;
    const userId = await target(world);
    const before = userId.startsWith('cm0nosuch') ? null : await accountState(userId);
    const cursor = await auditCursor();

    await expect(resetStaffPassword({ actor: admin, input: { userId, password: PASSWORD } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'That person was not found.' });

    if (before) expect(await accountState(userId)).toEqual(before);
    expect(await auditRowsSince(cursor, { actorId: admin.userId, ip: admin.ip })).toEqual([]);
  });

  it('the admin cannot reset their own password here', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'ADMIN');
    const before = await accountState(user.id);

    await expect(resetStaffPassword({ actor, input: { userId: user.id, password: PASSWORD } })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Your account') });

    expect(await accountState(user.id)).toEqual(before);
  });

  it.each(['therapist', 'surgeon', 'patient'] as const)('the %s is FORBIDDEN and nothing changes', async (role) => {
    const user = await staffWithPassword(world.a.clinic.id);
    const before = await accountState(user.id);
    const actor = world.a.actors[role];
    const cursor = await auditCursor();

    await expect(resetStaffPassword({ actor, input: { userId: user.id, password: PASSWORD } })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await accountState(user.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { actorId: actor.userId, ip: actor.ip })).toEqual([]);
  });

  it.each<[string, (userId: string) => unknown]>([
    ['no password', (userId) => ({ userId })],
    ['an empty password', (userId) => ({ userId, password: '' })],
    ['an unknown field', (userId) => ({ userId, password: PASSWORD, role: 'ADMIN' })],
    ['a user id that is not an id', () => ({ userId: "x' OR 1=1 --", password: PASSWORD })],
  ])('refuses %s with INVALID_INPUT', async (_case, makeInput) => {
    const user = await staffWithPassword(world.a.clinic.id);
    const before = await accountState(user.id);

    await expect(resetStaffPassword({ actor: world.a.actors.admin, input: makeInput(user.id) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    expect(await accountState(user.id)).toEqual(before);
  });
});

describe('resetPatientPassword', () => {
  it('by the patient’s own therapist, with their own password: clears it, ends every session, is audited, and issues a link that works', async () => {
    const therapist = world.a.actors.therapist;
    const { user, patient } = await patientWithPassword();
    const cursor = await auditCursor();

    const invitation = await resetPatientPassword({ actor: therapist, input: { patientId: patient.id, password: PASSWORD } });

    const rows = await auditRowsSince(cursor, { actorId: therapist.userId, ip: therapist.ip });
    expect(rows.map((row) => [row.action, row.patientId, row.outcome])).toEqual([
      ['user.reset_password', patient.id, 'SUCCESS'],
      ['invitation.create', patient.id, 'SUCCESS'],
    ]);
    expect(rows[0]).toMatchObject({ entityType: 'User', entityId: user.id, before: { hasPassword: true } });
    await expectResetDone(user, invitation.path);
  });

  it('refuses a wrong password of the therapist: nothing changes', async () => {
    const { user, patient } = await patientWithPassword();
    const before = await accountState(user.id);

    await expect(resetPatientPassword({ actor: world.a.actors.therapist, input: { patientId: patient.id, password: OLD_PASSWORD } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(RESET_REFUSED),
    });

    expect(await accountState(user.id)).toEqual(before);
  });

  it.each<[string, (w: World) => Actor]>([
    ['a therapist of the clinic who is not on the care team', (w) => actorFor(w.a.users.otherTherapist)],
    ["the other clinic's therapist", (w) => w.b.actors.therapist],
    // The same people who may not invite the patient: the answer does not confirm the patient exists.
    ['the surgeon on the care team', (w) => w.a.actors.surgeon],
    ["the clinic's admin", (w) => w.a.actors.admin],
    ['the patient themself', (w) => w.a.actors.patient],
  ])('answers NOT_FOUND to %s, and nothing changes', async (_who, actorOf) => {
    const { user, patient } = await patientWithPassword();
    const before = await accountState(user.id);
    const actor = actorOf(world);
    const cursor = await auditCursor();

    await expect(resetPatientPassword({ actor, input: { patientId: patient.id, password: PASSWORD } })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await accountState(user.id)).toEqual(before);
    expect(await auditRowsSince(cursor, { entityId: user.id, outcome: 'SUCCESS' })).toEqual([]);
  });

  it('a patient without a portal account gets a clear INVALID_INPUT', async () => {
    const patient = await createPatient({ clinicId: world.a.clinic.id, careTeam: [world.a.users.therapist.id] });

    await expect(resetPatientPassword({ actor: world.a.actors.therapist, input: { patientId: patient.id, password: PASSWORD } })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'This patient has no portal account, so there is no password to reset.',
    });
  });

  it('after a reset the therapist may make a plain link again, since the account has no password', async () => {
    const { user, patient } = await patientWithPassword();
    await expect(createInvitation({ actor: world.a.actors.therapist, patientId: patient.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    const reset = await resetPatientPassword({ actor: world.a.actors.therapist, input: { patientId: patient.id, password: PASSWORD } });
    const again = await createInvitation({ actor: world.a.actors.therapist, patientId: patient.id });

    expect(await getInvitation({ token: tokenOf(reset.path) })).toEqual({ status: 'used' });
    expect(await getInvitation({ token: tokenOf(again.path) })).toEqual({ status: 'valid', firstName: 'Quinn' });
    expect((await accountState(user.id)).user.passwordHash).toBeNull();
  });
});
