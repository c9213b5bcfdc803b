// Invitations: the therapist's "make a link" and "reset password" actions (patientId, and the therapist's own
// password, from the form), the public page that reads a token from its URL, and the public set-password
// action (token and passwords from the form).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/server/auth/password';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { acceptInvitation } from '@/lib/server/invitations/accept-invitation';
import { createInvitation, INVITATION_LIFETIME_MS } from '@/lib/server/invitations/create-invitation';
import { getInvitation } from '@/lib/server/invitations/get-invitation';
import { hashInvitationToken } from '@/lib/server/invitations/hash-invitation-token';
import { resetPatientPassword } from '@/lib/server/patients/reset-patient-password';
import { PASSWORD } from '../support/plan-flow';
import { uniqueIp } from '../support/world';
import { hostileInput, idParameter, mostly, mutatedForm, named, nastyFormValue, nastyString, nastyValue, typedText } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import { idOf, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

const tokenOf = (path: string) => path.slice('/invite/'.length);

/** Tokens in the right shape that name no invitation. */
const wellFormedToken = fc.stringMatching(/^[A-Za-z0-9_-]{20,100}$/);

export function describeInvitationFuzz(getWorld: () => FuzzWorld) {
  describe('invitations', () => {
    it('createInvitation: refuses cleanly, and makes a link only for a patient on the therapist’s care team', async () => {
      const { a, b, scope } = getWorld();
      const arbitrary = fc.record({
        actor: mostly({ 'a.therapist': a.world.actors.therapist }, { 'a.other therapist': a.otherTherapist, 'a.admin': a.world.actors.admin, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.therapist': b.world.actors.therapist }),
        patientId: idParameter(
          { 'a.treated patient': a.treated.patientId, 'a.other surgeon’s patient': a.otherSurgeonsPatient.patientId },
          { 'a.other team’s patient': a.otherTeam.patientId, 'a.patient with no portal account': a.world.patients.therapistOnly.id, 'b.treated patient': b.treated.patientId, 'missing id': MISSING_ID, 'a.therapist’s user id': a.world.users.therapist.id },
        ),
      });
      await fuzz('createInvitation', scope, 60, arbitrary, async (generated) => {
        const { actor, patientId } = (await materialize(generated, scope)) as { actor: Actor; patientId: string };
        const startedAt = Date.now();
        const outcome = await probe('createInvitation', scope, () => createInvitation({ actor, patientId }));
        if (!outcome.ok) return;
        const patient = await db.patient.findUniqueOrThrow({ where: { id: patientId }, select: { clinicId: true, userId: true, careTeam: { select: { userId: true } } } });
        expect(patient.clinicId).toBe(actor.clinicId);
        expect(patient.careTeam.map((member) => member.userId)).toContain(actor.userId);
        const invitation = await db.invitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(tokenOf(outcome.value.path)) }, select: { userId: true, usedAt: true, expiresAt: true, createdById: true } });
        expect(invitation).toMatchObject({ userId: patient.userId, usedAt: null, createdById: actor.userId });
        expect(invitation.expiresAt.getTime()).toBeGreaterThanOrEqual(startedAt + INVITATION_LIFETIME_MS - 1_000);
        // Only the newest link of a patient works.
        expect(await db.invitation.count({ where: { userId: patient.userId!, usedAt: null } })).toBe(1);
      });
    });

    it('getInvitation: any token in the URL gets one of its answers and writes nothing', async () => {
      const { a, b, scope } = getWorld();
      const therapist = a.world.actors.therapist;
      const used = tokenOf((await createInvitation({ actor: therapist, patientId: a.otherSurgeonsPatient.patientId })).path);
      const valid = tokenOf((await createInvitation({ actor: therapist, patientId: a.otherSurgeonsPatient.patientId })).path);
      const expired = tokenOf((await createInvitation({ actor: b.world.actors.therapist, patientId: b.treated.patientId })).path);
      await db.invitation.update({ where: { tokenHash: hashInvitationToken(expired) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      const expected = new Map([
        [valid, 'valid'],
        [used, 'used'],
        [expired, 'expired'],
      ]);
      const arbitrary = fc.oneof(named({ 'a valid token': valid, 'a used token': used, 'an expired token': expired }), nastyString, wellFormedToken);
      await fuzz('getInvitation', scope, 200, arbitrary, async (generated) => {
        const token = (await materialize(generated, scope)) as string;
        const outcome = await probe('getInvitation', scope, () => getInvitation({ token }), { isReadOnly: true });
        if (!outcome.ok) throw outcome.error;
        expect(outcome.value.status).toBe(expected.get(token) ?? 'unknown');
      });
    });

    // Every input with a well-formed token and password hashes the password with Argon2: fewer runs.
    it('acceptInvitation: refuses cleanly, and sets exactly the chosen password, once, for the invited patient only', async () => {
      const { a, b, scope } = getWorld();
      const invitee = a.drafting;
      const inviteeUserId = (await db.user.findUniqueOrThrow({ where: { email: invitee.email }, select: { id: true } })).id;
      const used = tokenOf((await createInvitation({ actor: a.world.actors.therapist, patientId: invitee.patientId })).path);
      // Once an accepted input has set the patient's password, a link cannot replace it: the therapist
      // resets it first, as they would for a patient who forgot it.
      const freshToken = deferred('a new link for a.drafting patient (after a reset, once they have a password)', async (wrote) => {
        const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: inviteeUserId }, select: { passwordHash: true } });
        const { path } =
          passwordHash === null
            ? await createInvitation({ actor: a.world.actors.therapist, patientId: invitee.patientId })
            : await resetPatientPassword({ actor: a.world.actors.therapist, input: { patientId: invitee.patientId, password: PASSWORD } });
        wrote();
        return tokenOf(path);
      });
      const expired = deferred('an expired link of b.drafting patient', async (wrote) => {
        const token = tokenOf((await createInvitation({ actor: b.world.actors.therapist, patientId: b.drafting.patientId })).path);
        await db.invitation.update({ where: { tokenHash: hashInvitationToken(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
        wrote();
        return token;
      });
      const password = typedText({ minLength: 12, maxLength: 60 }).filter((text) => text.length >= 12);
      const valid = fc.record({
        token: fc.oneof({ weight: 4, arbitrary: fc.constant(freshToken) }, { weight: 1, arbitrary: named({ 'a used link': used }) }, { weight: 1, arbitrary: fc.constant(expired) }, { weight: 1, arbitrary: wellFormedToken }),
        passwords: fc.oneof(
          { weight: 4, arbitrary: password.map((chosen): [string, string] => [chosen, chosen]) },
          { weight: 1, arbitrary: fc.tuple(password, password) },
          { weight: 1, arbitrary: fc.constantFrom<[string, string]>(['short', 'short'], ['', '']) },
        ),
      }).map(({ token, passwords }) => ({ token, password: passwords[0], repeatPassword: passwords[1] }));
      const keys = ['token', 'password', 'repeatPassword'];
      const arbitrary = fc.record({
        // The action passes form.get(…) for each: a string, a file or null; code could pass anything.
        form: fc.oneof({ weight: 3, arbitrary: mutatedForm(valid, keys, { values: nastyFormValue }) }, { weight: 1, arbitrary: mutatedForm(valid, keys, { values: nastyValue }) }),
        ip: fc.oneof(fc.constant(deferred('a new IPv6 address', () => uniqueIp())), fc.constant(null)),
      });
      await fuzz('acceptInvitation', scope, 40, arbitrary, async (generated) => {
        const { form, ip } = (await materialize(generated, scope)) as { form: Record<string, unknown>; ip: string | null };
        const outcome = await probe('acceptInvitation', scope, () => acceptInvitation({ token: form.token, password: form.password, repeatPassword: form.repeatPassword, ip }));
        if (!outcome.ok) return;
        expect(outcome.value.email).toBe(invitee.email);
        expect(form.password).toBe(form.repeatPassword);
        const user = await db.user.findUniqueOrThrow({ where: { id: inviteeUserId }, select: { passwordHash: true } });
        expect(await verifyPassword(user.passwordHash, String(form.password))).toBe(true);
        expect(await db.invitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(String(form.token)) }, select: { usedAt: true } })).not.toEqual({ usedAt: null });
      });
    });

    // Every input that reaches the password check costs an Argon2 run: few runs.
    it('resetPatientPassword: refuses cleanly, and resets only a patient on the therapist’s care team, with the therapist’s own password', async () => {
      const { a, b, scope } = getWorld();
      const valid = fc.record({
        patientId: mostly(
          { 'a.drafting patient': a.drafting.patientId, 'a.treated patient': a.treated.patientId },
          { 'a.other team’s patient': a.otherTeam.patientId, 'a.patient with no portal account': a.world.patients.therapistOnly.id, 'b.treated patient': b.treated.patientId, 'missing id': MISSING_ID },
        ),
        password: fc.oneof({ weight: 3, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constantFrom('not the password', '') }),
      });
      const arbitrary = fc.record({
        actor: mostly({ 'a.therapist': a.world.actors.therapist }, { 'a.other therapist': a.otherTherapist, 'a.admin': a.world.actors.admin, 'a.surgeon': a.world.actors.surgeon, 'a.patient': a.world.actors.patient, 'b.therapist': b.world.actors.therapist }),
        input: hostileInput(valid, ['patientId', 'password']),
      });
      await fuzz('resetPatientPassword', scope, 30, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Record<string, unknown> };
        const outcome = await probe('resetPatientPassword', scope, () => resetPatientPassword({ actor, input }));
        if (!outcome.ok) return;
        expect(input.password).toBe(PASSWORD);
        const patient = await db.patient.findUniqueOrThrow({ where: { id: idOf(input.patientId) }, select: { clinicId: true, userId: true, careTeam: { select: { userId: true } } } });
        expect(patient.clinicId).toBe(actor.clinicId);
        expect(patient.careTeam.map((member) => member.userId)).toContain(actor.userId);
        const userId = patient.userId!;
        expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).toEqual({ passwordHash: null });
        expect(await db.userSession.count({ where: { userId, endedAt: null } })).toBe(0);
        const invitation = await db.invitation.findUniqueOrThrow({ where: { tokenHash: hashInvitationToken(tokenOf(outcome.value.path)) }, select: { userId: true, usedAt: true } });
        expect(invitation).toEqual({ userId, usedAt: null });
        expect(await db.invitation.count({ where: { userId, usedAt: null } })).toBe(1);
      });
    });
  });
}
