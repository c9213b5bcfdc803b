// The admin's actions (app/(clinic)/admin/actions.ts): activate/deactivate ({ userId: form.get('userId'),
// isActive: form.get('isActive') === 'true' }), add a staff member (name, email, role from the form) and
// send them a new link or reset their password (userId, and the admin's own password, from the form); and
// the account page's change of password (app/account/actions.ts: the three password fields from the form).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/server/authz/actor';
import { verifyPassword } from '@/lib/server/auth/password';
import { db } from '@/lib/server/db';
import { hashInvitationToken } from '@/lib/server/invitations/hash-invitation-token';
import { changePassword } from '@/lib/server/users/change-password';
import { createStaffUser } from '@/lib/server/users/create-staff-user';
import { inviteStaffUser } from '@/lib/server/users/invite-staff-user';
import { resetStaffPassword } from '@/lib/server/users/reset-staff-password';
import { setUserActive } from '@/lib/server/users/set-user-active';
import { createUser, unique } from '@/prisma/factories';
import { PASSWORD } from '../support/plan-flow';
import { actorFor } from '../support/world';
import { hostileInput, mostly, typedText } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import { idOf, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

export function describeUserFuzz(getWorld: () => FuzzWorld) {
  describe('users', () => {
    const admins = ({ a, b }: FuzzWorld) => mostly({ 'a.admin': a.world.actors.admin }, { 'a.therapist': a.world.actors.therapist, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.admin': b.world.actors.admin });

    it('setUserActive: refuses cleanly, and changes only a user of the admin’s clinic, ending their sessions when deactivated', async () => {
      const { a, b, scope } = getWorld();
      // Users only this property switches off and on, each signed in once.
      const [first, second] = await Promise.all([createUser({ clinicId: a.world.clinic.id, role: 'THERAPIST' }), createUser({ clinicId: a.world.clinic.id, role: 'SURGEON' })]);
      await db.userSession.createMany({ data: [{ userId: first.id }, { userId: second.id }] });
      const admin = a.world.actors.admin;
      const valid = fc.record({
        userId: mostly(
          { 'a.spare therapist': first.id, 'a.spare surgeon': second.id, 'a.admin (themself)': admin.userId },
          { 'b.therapist': b.world.users.therapist.id, 'missing id': MISSING_ID, 'a.treated patient id (not a user id)': a.treated.patientId },
        ),
        isActive: fc.boolean(),
      });
      // Its schema takes any text as userId (not idSchema): the text reaches the query.
      const arbitrary = fc.record({ actor: admins(getWorld()), input: hostileInput(valid, ['userId', 'isActive'], { textKeys: ['userId'] }) });
      await fuzz('setUserActive', scope, 150, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Input };
        const outcome = await probe('setUserActive', scope, () => setUserActive({ actor, input }));
        if (!outcome.ok) return;
        const user = await db.user.findUniqueOrThrow({ where: { id: idOf(input.userId) }, select: { clinicId: true, isActive: true } });
        expect(user).toEqual({ clinicId: actor.clinicId, isActive: input.isActive });
        if (!input.isActive) expect(await db.userSession.count({ where: { userId: idOf(input.userId), endedAt: null } })).toBe(0);
      });
    });

    /** The link just issued is the user's only working one. */
    async function expectOnlyLink(userId: string, path: string) {
      const invitation = await db.invitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(path.slice('/invite/'.length)) }, select: { userId: true, usedAt: true } });
      expect(invitation).toEqual({ userId, usedAt: null });
      expect(await db.invitation.count({ where: { userId, usedAt: null } })).toBe(1);
    }

    it('createStaffUser: refuses cleanly, and adds exactly the staff member it accepts to the admin’s clinic, with a link', async () => {
      const world = getWorld();
      const valid = fc.record({
        name: typedText({ minLength: 2, maxLength: 120 }),
        email: fc.oneof(
          { weight: 6, arbitrary: fc.constant(deferred('a new email, in mixed case with spaces', () => ` Staff.${unique()}@Example.TEST `)) },
          { weight: 1, arbitrary: fc.constant(world.a.world.users.therapist.email) },
        ),
        role: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('THERAPIST', 'SURGEON', 'ADMIN') }, { weight: 1, arbitrary: fc.constantFrom('PATIENT', 'admin', 'ROOT') }),
      });
      const arbitrary = fc.record({ actor: admins(world), input: hostileInput(valid, ['name', 'email', 'role'], { textKeys: ['name'] }) });
      await fuzz('createStaffUser', world.scope, 120, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, world.scope)) as { actor: Actor; input: Input };
        const outcome = await probe('createStaffUser', world.scope, () => createStaffUser({ actor, input }));
        if (!outcome.ok) return;
        const user = await db.user.findUniqueOrThrow({ where: { id: outcome.value.user.id }, select: { clinicId: true, name: true, email: true, role: true, isActive: true, passwordHash: true } });
        expect(user).toEqual({ clinicId: actor.clinicId, name: String(input.name).trim(), email: String(input.email).trim().toLowerCase(), role: input.role, isActive: true, passwordHash: null });
        await expectOnlyLink(outcome.value.user.id, outcome.value.invitation.path);
      });
    });

    it('inviteStaffUser: refuses cleanly, and issues a link only for an active staff member of the admin’s clinic who has no password', async () => {
      const world = getWorld();
      const { a, b } = world;
      const [inactive, waiting] = await Promise.all([
        createUser({ clinicId: a.world.clinic.id, role: 'THERAPIST', isActive: false, password: null }),
        createUser({ clinicId: a.world.clinic.id, role: 'SURGEON', password: null }),
      ]);
      const valid = fc.record({
        userId: mostly(
          { 'a.surgeon who has not set a password': waiting.id },
          {
            'a.therapist (has a password)': a.world.users.therapist.id,
            'a.surgeon (has a password)': a.world.users.surgeon.id,
            'a.patient (not staff)': a.world.users.patient.id,
            'a.deactivated therapist': inactive.id,
            'b.therapist': b.world.users.therapist.id,
            'missing id': MISSING_ID,
            'a.treated patient id (not a user id)': a.treated.patientId,
          },
        ),
      });
      const arbitrary = fc.record({ actor: admins(world), input: hostileInput(valid, ['userId']) });
      await fuzz('inviteStaffUser', world.scope, 100, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, world.scope)) as { actor: Actor; input: Input };
        const outcome = await probe('inviteStaffUser', world.scope, () => inviteStaffUser({ actor, input }));
        if (!outcome.ok) return;
        const user = await db.user.findUniqueOrThrow({ where: { id: idOf(input.userId) }, select: { clinicId: true, role: true, isActive: true, passwordHash: true } });
        expect(user.clinicId).toBe(actor.clinicId);
        expect(user.role).not.toBe('PATIENT');
        expect(user.isActive).toBe(true);
        expect(user.passwordHash).toBeNull();
        await expectOnlyLink(idOf(input.userId), outcome.value.invitation.path);
      });
    });

    // Every input that reaches the password check costs an Argon2 run: few runs.
    it('resetStaffPassword: refuses cleanly, and resets only another active staff member of the admin’s clinic, with the admin’s own password', async () => {
      const world = getWorld();
      const { a, b } = world;
      // Staff only this property resets, signed in once, so no other property loses a password it uses.
      const [first, second] = await Promise.all([
        createUser({ clinicId: a.world.clinic.id, role: 'THERAPIST', password: 'spare staff password' }),
        createUser({ clinicId: a.world.clinic.id, role: 'ADMIN', password: 'spare staff password' }),
      ]);
      await db.userSession.createMany({ data: [{ userId: first.id }, { userId: second.id }] });
      const valid = fc.record({
        userId: mostly(
          { 'a.spare therapist': first.id, 'a.spare admin': second.id },
          { 'a.admin (themself)': a.world.users.admin.id, 'a.patient (not staff)': a.world.users.patient.id, 'b.therapist': b.world.users.therapist.id, 'missing id': MISSING_ID },
        ),
        password: fc.oneof({ weight: 3, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constantFrom('spare staff password', 'not the password', '') }),
      });
      const arbitrary = fc.record({ actor: admins(world), input: hostileInput(valid, ['userId', 'password']) });
      await fuzz('resetStaffPassword', world.scope, 30, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, world.scope)) as { actor: Actor; input: Input };
        const outcome = await probe('resetStaffPassword', world.scope, () => resetStaffPassword({ actor, input }));
        if (!outcome.ok) return;
        expect(input.password).toBe(PASSWORD);
        const userId = idOf(input.userId);
        expect(userId).not.toBe(actor.userId);
        const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { clinicId: true, role: true, isActive: true, passwordHash: true } });
        expect(user).toMatchObject({ clinicId: actor.clinicId, isActive: true, passwordHash: null });
        expect(user.role).not.toBe('PATIENT');
        expect(await db.userSession.count({ where: { userId, endedAt: null } })).toBe(0);
        await expectOnlyLink(userId, outcome.value.invitation.path);
      });
    });

    // Every input that reaches the password check costs one to three Argon2 runs: few runs.
    it('changePassword: refuses cleanly, and sets exactly the new password when the current one is right', async () => {
      const { a, scope } = getWorld();
      const user = await createUser({ clinicId: a.world.clinic.id, role: 'THERAPIST', password: 'first fuzz password' });
      const actor = actorFor(user);
      let current = 'first fuzz password';
      const newPassword = typedText({ minLength: 12, maxLength: 40 }).filter((text) => text.length >= 12);
      const valid = fc
        .record({
          currentPassword: fc.oneof({ weight: 3, arbitrary: fc.constant(deferred('the current password', () => current)) }, { weight: 1, arbitrary: fc.constant('not the password') }),
          newPassword,
          repeat: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: newPassword }),
        })
        .map(({ currentPassword, newPassword: chosen, repeat }) => ({ currentPassword, newPassword: chosen, repeatPassword: repeat ?? chosen }));
      const arbitrary = hostileInput(valid, ['currentPassword', 'newPassword', 'repeatPassword']);
      await fuzz('changePassword', scope, 24, arbitrary, async (generated) => {
        const input = (await materialize(generated, scope)) as Input;
        const outcome = await probe('changePassword', scope, () => changePassword({ actor, input }));
        if (!outcome.ok) return;
        expect(input.currentPassword).toBe(current);
        current = String(input.newPassword);
        const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, sessionVersion: true } });
        expect(await verifyPassword(stored.passwordHash, current)).toBe(true);
      });
    });
  });
}
