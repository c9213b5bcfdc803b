import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '@/lib/server/auth/authenticate';
import { db } from '@/lib/server/db';
import { acceptInvitation } from '@/lib/server/invitations/accept-invitation';
import { changePassword } from '@/lib/server/users/change-password';
import { createStaffUser } from '@/lib/server/users/create-staff-user';
import { inviteStaffUser } from '@/lib/server/users/invite-staff-user';
import { getInvitation } from '@/lib/server/invitations/get-invitation';
import { ALREADY_HAS_PASSWORD } from '@/lib/server/invitations/issue-invitation';
import { EMAIL_IN_CLINIC, EMAIL_UNAVAILABLE } from '@/lib/server/users/assert-email-free';
import { createUser, unique } from '@/prisma/factories';
import { auditCursor, auditRowsSince } from './support/audit';
import { actorFor, createWorld, uniqueIp, type World } from './support/world';

let world: World;

beforeAll(async () => {
  world = await createWorld();
});

async function openSessions(userId: string) {
  return db.userSession.count({ where: { userId, endedAt: null } });
}

describe('changePassword', () => {
  it('changes the password, ends every session and is audited', async () => {
    const user = await createUser({ clinicId: world.a.clinic.id, role: 'THERAPIST', password: 'old-password-123' });
    await authenticate({ email: user.email, password: 'old-password-123', ip: uniqueIp() });
    await authenticate({ email: user.email, password: 'old-password-123', ip: uniqueIp() });
    expect(await openSessions(user.id)).toBe(2);

    await changePassword({ actor: actorFor(user), input: { currentPassword: 'old-password-123', newPassword: 'a new long passphrase', repeatPassword: 'a new long passphrase' } });

    expect(await openSessions(user.id)).toBe(0);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await authenticate({ email: user.email, password: 'old-password-123', ip: uniqueIp() })).toBeNull();
    expect((await authenticate({ email: user.email, password: 'a new long passphrase', ip: uniqueIp() }))?.id).toBe(user.id);
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: 'user.change_password', outcome: 'SUCCESS' } })).toBe(1);
  });

  it.each([
    ['a wrong current password', { currentPassword: 'not-it', newPassword: 'a new long passphrase', repeatPassword: 'a new long passphrase' }],
    ['a short new password', { currentPassword: 'old-password-123', newPassword: 'short', repeatPassword: 'short' }],
    ['two different new passwords', { currentPassword: 'old-password-123', newPassword: 'a new long passphrase', repeatPassword: 'another long phrase' }],
    ['the same password again', { currentPassword: 'old-password-123', newPassword: 'old-password-123', repeatPassword: 'old-password-123' }],
    ['an unknown field', { currentPassword: 'old-password-123', newPassword: 'a new long passphrase', repeatPassword: 'a new long passphrase', role: 'ADMIN' }],
  ])('refuses %s and changes nothing', async (_label, input) => {
    const user = await createUser({ clinicId: world.a.clinic.id, role: 'SURGEON', password: 'old-password-123' });
    await authenticate({ email: user.email, password: 'old-password-123', ip: uniqueIp() });
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionVersion: true, role: true } });

    await expect(changePassword({ actor: actorFor(user), input })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionVersion: true, role: true } });
    expect(after).toEqual(before);
    expect(await openSessions(user.id)).toBe(1);
  });
});

describe('createStaffUser and inviteStaffUser', () => {
  it('an admin adds a therapist who sets a password from the link and signs in', async () => {
    const email = `new-therapist-${unique()}@example.test`;
    const { user, invitation } = await createStaffUser({ actor: world.a.actors.admin, input: { name: 'Riley New', email, role: 'THERAPIST' } });
    expect(user).toMatchObject({ email, role: 'THERAPIST' });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { clinicId: true, passwordHash: true } });
    expect(stored).toEqual({ clinicId: world.a.clinic.id, passwordHash: null });
    const token = invitation.path.replace('/invite/', '');
    await acceptInvitation({ token, password: 'riley sets a phrase', repeatPassword: 'riley sets a phrase', ip: null });
    expect((await authenticate({ email, password: 'riley sets a phrase', ip: uniqueIp() }))?.id).toBe(user.id);
  });

  it('refuses a patient role and non-admins, writing nothing', async () => {
    const email = `dup-${unique()}@example.test`;
    await expect(createStaffUser({ actor: world.a.actors.admin, input: { name: 'Pat Role', email, role: 'PATIENT' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (const actor of [world.a.actors.therapist, world.a.actors.surgeon, world.a.actors.patient]) {
      await expect(createStaffUser({ actor, input: { name: 'Not Allowed', email, role: 'ADMIN' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("an email of another clinic's account is refused in words that do not say it exists, the same words a patient registration gets", async () => {
    const cursor = await auditCursor();

    const refusal = await createStaffUser({ actor: world.a.actors.admin, input: { name: 'Dup Elsewhere', email: world.b.users.therapist.email, role: 'SURGEON' } }).then(
      () => null,
      (thrown: unknown) => thrown,
    );

    expect(refusal).toMatchObject({ code: 'CONFLICT', message: EMAIL_UNAVAILABLE, fieldErrors: { email: ['Use a different email address.'] } });
    expect(await db.user.findUniqueOrThrow({ where: { email: world.b.users.therapist.email }, select: { clinicId: true, name: true } })).toEqual({
      clinicId: world.b.clinic.id,
      name: world.b.users.therapist.name,
    });
    expect(await auditRowsSince(cursor, { actorId: world.a.actors.admin.userId, ip: world.a.actors.admin.ip })).toEqual([]);
  });

  it('an email of an account of this clinic is named as such, so the admin can find the person', async () => {
    await expect(createStaffUser({ actor: world.a.actors.admin, input: { name: 'Dup Here', email: world.a.users.surgeon.email.toUpperCase(), role: 'SURGEON' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: EMAIL_IN_CLINIC,
      fieldErrors: { email: ['Already used in this clinic.'] },
    });
  });

  it("an admin cannot invite another clinic's user or a patient", async () => {
    await expect(inviteStaffUser({ actor: world.a.actors.admin, input: { userId: world.b.users.therapist.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(inviteStaffUser({ actor: world.a.actors.admin, input: { userId: world.a.users.patient.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.invitation.count({ where: { userId: { in: [world.b.users.therapist.id, world.a.users.patient.id] } } })).toBe(0);
  });

  it('a new link for a staff member who has not set a password replaces the lost one', async () => {
    const email = `lost-link-${unique()}@example.test`;
    const { user, invitation: lost } = await createStaffUser({ actor: world.a.actors.admin, input: { name: 'Lost Link', email, role: 'SURGEON' } });

    const { invitation } = await inviteStaffUser({ actor: world.a.actors.admin, input: { userId: user.id } });

    expect(await getInvitation({ token: lost.path.replace('/invite/', '') })).toEqual({ status: 'used' });
    await acceptInvitation({ token: invitation.path.replace('/invite/', ''), password: 'the surgeon chooses', repeatPassword: 'the surgeon chooses', ip: null });
    expect((await authenticate({ email, password: 'the surgeon chooses', ip: uniqueIp() }))?.id).toBe(user.id);
  });

  it('a staff member who has a password gets no link: CONFLICT, and their password, sessions and links stay as they were', async () => {
    // The takeover this refuses: a link sets whatever password its holder chooses, and the admin holds it.
    const surgeon = await createUser({ clinicId: world.a.clinic.id, role: 'SURGEON', password: 'the surgeon’s own phrase' });
    await authenticate({ email: surgeon.email, password: 'the surgeon’s own phrase', ip: uniqueIp() });
    const state = async () => ({
      user: await db.user.findUniqueOrThrow({ where: { id: surgeon.id }, select: { passwordHash: true, sessionVersion: true } }),
      sessions: await openSessions(surgeon.id),
      invitations: await db.invitation.count({ where: { userId: surgeon.id } }),
    });
    const before = await state();
    const cursor = await auditCursor();

    await expect(inviteStaffUser({ actor: world.a.actors.admin, input: { userId: surgeon.id } })).rejects.toMatchObject({ code: 'CONFLICT', message: ALREADY_HAS_PASSWORD });

    expect(await state()).toEqual(before);
    expect(before).toMatchObject({ sessions: 1, invitations: 0 });
    expect(await auditRowsSince(cursor, { actorId: world.a.actors.admin.userId, ip: world.a.actors.admin.ip })).toEqual([]);
  });
});
