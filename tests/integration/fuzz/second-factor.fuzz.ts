// The second factor (app/account/second-factor-actions.ts, app/_components/passkey-actions.ts, app/login,
// app/(clinic)/admin/clinic/actions.ts): every form's fields (formFields(form)) go to the data-access function
// as they came. Each property uses accounts of its own in the fuzz world's clinics (and a clinic of its own for
// the requirement), so no other domain's actors meet a second factor. A software authenticator answers passkey
// challenges the way a browser does; otplib makes the authenticator app's codes.
import fc from 'fast-check';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { can } from '@/lib/domain/permissions';
import { authenticate } from '@/lib/server/auth/authenticate';
import { completeSecondStep } from '@/lib/server/auth/complete-second-step';
import { startPasskeySignIn } from '@/lib/server/auth/start-passkey-sign-in';
import { throttleCounters } from '@/lib/server/auth/throttle-counters';
import type { Actor } from '@/lib/server/authz/actor';
import { setStaffSecondFactor } from '@/lib/server/clinics/set-staff-second-factor';
import { db } from '@/lib/server/db';
import type { AppError } from '@/lib/server/errors';
import { addPasskey } from '@/lib/server/second-factor/add-passkey';
import { confirmAuthenticatorApp } from '@/lib/server/second-factor/confirm-authenticator-app';
import { loadSecondFactors } from '@/lib/server/second-factor/load-second-factors';
import { makeRecoveryCodes } from '@/lib/server/second-factor/make-recovery-codes';
import { removeAuthenticatorApp } from '@/lib/server/second-factor/remove-authenticator-app';
import { removePasskey } from '@/lib/server/second-factor/remove-passkey';
import { startAuthenticatorApp } from '@/lib/server/second-factor/start-authenticator-app';
import { startPasskeyConfirmation } from '@/lib/server/second-factor/start-passkey-confirmation';
import { startPasskeyRegistration } from '@/lib/server/second-factor/start-passkey-registration';
import { secondStepSchema } from '@/lib/schemas/auth';
import { createClinic, createUser } from '@/prisma/factories';
import { SoftAuthenticator } from '../../support/soft-authenticator';
import { PASSWORD } from '../support/plan-flow';
import { actorFor, createActor, uniqueIp } from '../support/world';
import { hostileInput, named, nastyValue, typedText } from './support/arbitraries';
import { deferred, fuzz, invalidate, materialize, probe } from './support/harness';
import { MISSING_ID, type FuzzWorld } from './support/fuzz-world';

type Input = Record<string, unknown>;

const ORIGIN = 'http://localhost:3000';

/** The password typed again, or not, or wrong; or a passkey answer that is text, not an answer. */
const confirmation = {
  password: fc.oneof({ weight: 4, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constantFrom('wrong password', PASSWORD.toUpperCase(), '') }),
  passkeyAnswer: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('{}', 'not json', '{"id":"AAAA","response":{}}') }),
};

async function factorsOf(userId: string) {
  const [passkeys, app, codes] = await Promise.all([
    db.passkey.count({ where: { userId } }),
    db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { passkeys, app: app ? (app.confirmedAt ? 'set up' : 'waiting') : null, codes };
}

export function describeSecondFactorFuzz(getWorld: () => FuzzWorld) {
  describe('second factor', () => {
    it('addPasskey: refuses cleanly any answer not made for a challenge of the actor’s, and adds exactly the passkey accepted', async () => {
      const { a, b, scope } = getWorld();
      const owners = await Promise.all([createActor(a.world.clinic.id, 'THERAPIST'), createActor(a.world.clinic.id, 'PATIENT'), createActor(b.world.clinic.id, 'SURGEON')]);
      const other = (await createActor(a.world.clinic.id, 'ADMIN')).actor;
      const answerFor = (actor: Actor, label: string, make: (options: { challenge: string; rp: { id?: string } }) => string) =>
        deferred(label, async (wrote) => {
          wrote();
          return make(await startPasskeyRegistration({ actor }));
        });
      const arbitrary = fc.constantFrom(...owners.map((owner, index) => ({ index, actor: owner.actor }))).chain(({ index, actor }) =>
        fc.record({
          owner: fc.constant(index),
          input: hostileInput(
            fc.record({
              name: fc.oneof(fc.constantFrom('Work laptop', '  Phone  ', ''), typedText({ maxLength: 50 })),
              answer: fc.oneof(
                { weight: 5, arbitrary: fc.constant(answerFor(actor, 'a new passkey for the actor’s challenge', (options) => new SoftAuthenticator(ORIGIN).register(options))) },
                { weight: 1, arbitrary: fc.constant(answerFor(other, 'a new passkey for another user’s challenge', (options) => new SoftAuthenticator(ORIGIN).register(options))) },
                { weight: 1, arbitrary: fc.constant(answerFor(actor, 'made for another site', (options) => new SoftAuthenticator('https://evil.example').register(options, { origin: 'https://evil.example' }))) },
                { weight: 1, arbitrary: fc.constantFrom('{}', 'null', '{"id":"x","response":{"clientDataJSON":"e30","attestationObject":"AA"}}') },
              ),
            }),
            ['name', 'answer'],
            { textKeys: ['name'] },
          ),
        }),
      );
      await fuzz('addPasskey', scope, 60, arbitrary, async (generated) => {
        const { owner, input } = (await materialize(generated, scope)) as { owner: number; input: Input };
        const { actor } = owners[owner]!;
        const before = await factorsOf(actor.userId);
        const outcome = await probe('addPasskey', scope, () => addPasskey({ actor, input }), { allowed: ['INVALID_INPUT', 'CONFLICT'] });
        if (!outcome.ok) {
          expect(await factorsOf(actor.userId)).toEqual(before);
          return;
        }
        const after = await factorsOf(actor.userId);
        expect(after.passkeys).toBe(before.passkeys + 1);
        const newest = await db.passkey.findFirstOrThrow({ where: { userId: actor.userId }, orderBy: { createdAt: 'desc' }, select: { name: true } });
        const typed = String(input.name ?? '').trim();
        expect(newest.name).toBe(typed || `Passkey ${before.passkeys + 1}`);
        expect(outcome.value.recoveryCodes?.length ?? null).toBe(before.codes > 0 ? null : 10);
      });
    });

    it('removePasskey: refuses cleanly (another’s passkey is not found, a wrong password removes nothing), and removes exactly the passkey named', async () => {
      const { a, b, scope } = getWorld();
      const owner = (await createActor(a.world.clinic.id, 'THERAPIST')).actor;
      const stranger = (await createActor(b.world.clinic.id, 'THERAPIST')).actor;
      const addTo = async (actor: Actor) => {
        const options = await startPasskeyRegistration({ actor });
        await addPasskey({ actor, input: { name: '', answer: new SoftAuthenticator(ORIGIN).register(options) } });
        return (await db.passkey.findFirstOrThrow({ where: { userId: actor.userId }, orderBy: { createdAt: 'desc' }, select: { id: true } })).id;
      };
      const strangersPasskey = await addTo(stranger);
      // The owner keeps one passkey it never names, so removing the named one is always allowed by the rules.
      await addTo(owner);
      const ownPasskey = deferred('a passkey of the owner’s', async (wrote) => {
        wrote();
        return addTo(owner);
      });
      const valid = fc.record({
        passkeyId: fc.oneof({ weight: 4, arbitrary: fc.constant(ownPasskey) }, { weight: 1, arbitrary: named({ 'another clinic’s user’s passkey': strangersPasskey, 'an unknown id': MISSING_ID }) }),
        ...confirmation,
      });
      const arbitrary = hostileInput(valid, ['passkeyId', 'password', 'passkeyAnswer']);
      await fuzz('removePasskey', scope, 50, arbitrary, async (generated) => {
        const input = (await materialize(generated, scope)) as Input;
        // Wrong passwords past the limit sign the owner out (tests/integration/password-rechecks.test.ts): each input starts from a clean count.
        await throttleCounters().passwordRecheck.clear(owner.userId);
        const stranger = await db.passkey.count({ where: { id: strangersPasskey } });
        const outcome = await probe('removePasskey', scope, () => removePasskey({ actor: owner, input }), { allowed: ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'] });
        expect(await db.passkey.count({ where: { id: strangersPasskey } }), 'another user’s passkey stays').toBe(stranger);
        if (!outcome.ok) return;
        expect(input.password).toBe(PASSWORD);
        expect(await db.passkey.count({ where: { id: String(input.passkeyId) } })).toBe(0);
      });
    });

    it('startAuthenticatorApp and confirmAuthenticatorApp: only the code the app shows confirms it; anything else is refused cleanly', async () => {
      const { a, scope } = getWorld();
      const { actor } = await createActor(a.world.clinic.id, 'SURGEON');
      const secret = deferred('a new app set up, its current code', async (wrote) => {
        wrote();
        await db.totpFactor.deleteMany({ where: { userId: actor.userId } });
        await startAuthenticatorApp({ actor });
        return generate({ secret: (await loadSecondFactors({ actor })).pendingAuthenticatorApp!.secret });
      });
      const valid = fc.record({
        code: fc.oneof(
          { weight: 4, arbitrary: fc.constant(secret) },
          { weight: 1, arbitrary: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), fc.constantFrom('', '000000', ' 123 456 ', '1234567', 'abcdef')) },
        ),
      });
      const arbitrary = hostileInput(valid, ['code'], { textKeys: ['code'] });
      await fuzz('confirmAuthenticatorApp', scope, 50, arbitrary, async (generated) => {
        const input = (await materialize(generated, scope)) as Input;
        const before = await factorsOf(actor.userId);
        const outcome = await probe('confirmAuthenticatorApp', scope, () => confirmAuthenticatorApp({ actor, input }), { allowed: ['INVALID_INPUT', 'CONFLICT'] });
        const after = await factorsOf(actor.userId);
        if (!outcome.ok) {
          expect(after).toEqual(before);
          return;
        }
        expect([before.app, after.app]).toEqual(['waiting', 'set up']);
        expect(outcome.value.recoveryCodes?.length ?? null).toBe(before.codes > 0 ? null : 10);
      });
    });

    it('removeAuthenticatorApp and makeRecoveryCodes: refused cleanly without the right password, and exactly what was asked with it', async () => {
      const { a, scope } = getWorld();
      const { actor } = await createActor(a.world.clinic.id, 'THERAPIST');
      // A passkey, so recovery codes may always be made and removing the app never removes the last factor.
      await addPasskey({ actor, input: { name: '', answer: new SoftAuthenticator(ORIGIN).register(await startPasskeyRegistration({ actor })) } });
      const arbitrary = fc.record({
        which: fc.constantFrom('removeAuthenticatorApp', 'makeRecoveryCodes'),
        hasApp: fc.boolean(),
        input: hostileInput(fc.record(confirmation), ['password', 'passkeyAnswer']),
      });
      await fuzz('removeAuthenticatorApp / makeRecoveryCodes', scope, 60, arbitrary, async (generated) => {
        const { which, hasApp, input } = (await materialize(generated, scope)) as { which: string; hasApp: boolean; input: Input };
        if (hasApp && (await factorsOf(actor.userId)).app === null) await startAuthenticatorApp({ actor });
        await throttleCounters().passwordRecheck.clear(actor.userId);
        invalidate(scope);
        const codesBefore = await db.recoveryCode.findMany({ where: { userId: actor.userId }, select: { codeHash: true } });
        const before = await factorsOf(actor.userId);
        const call = async (): Promise<{ recoveryCodes: string[] } | null> => (which === 'removeAuthenticatorApp' ? removeAuthenticatorApp({ actor, input }).then(() => null) : makeRecoveryCodes({ actor, input }));
        const outcome = await probe(which, scope, call, { allowed: ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'] });
        const after = await factorsOf(actor.userId);
        if (!outcome.ok) {
          expect(after).toEqual(before);
          if (which === 'removeAuthenticatorApp' && before.app === null) expect((outcome.error as AppError).code === 'NOT_FOUND' || (outcome.error as AppError).code === 'INVALID_INPUT').toBe(true);
          return;
        }
        expect(input.password === PASSWORD).toBe(true);
        if (which === 'removeAuthenticatorApp') {
          expect(after).toEqual({ ...before, app: null });
        } else {
          expect(outcome.value?.recoveryCodes).toHaveLength(10);
          const codesAfter = await db.recoveryCode.findMany({ where: { userId: actor.userId }, select: { codeHash: true } });
          expect(codesAfter).toHaveLength(10);
          for (const old of codesBefore) expect(codesAfter).not.toContainEqual(old);
        }
      });
    });

    it('startPasskeyRegistration and startPasskeyConfirmation: a challenge for the actor only, or a clean refusal (no passkey to confirm with)', async () => {
      const { a, b, scope } = getWorld();
      const withPasskey = (await createActor(b.world.clinic.id, 'ADMIN')).actor;
      await addPasskey({ actor: withPasskey, input: { name: '', answer: new SoftAuthenticator(ORIGIN).register(await startPasskeyRegistration({ actor: withPasskey })) } });
      const without = (await createActor(a.world.clinic.id, 'PATIENT')).actor;
      const arbitrary = fc.record({ which: fc.constantFrom('startPasskeyRegistration', 'startPasskeyConfirmation'), actor: named({ 'an admin with a passkey': withPasskey, 'a patient without one': without }) });
      await fuzz('startPasskeyRegistration / startPasskeyConfirmation', scope, 20, arbitrary, async (generated) => {
        const { which, actor } = (await materialize(generated, scope)) as { which: string; actor: Actor };
        const call = async (): Promise<{ challenge: string }> => (which === 'startPasskeyRegistration' ? startPasskeyRegistration({ actor }) : startPasskeyConfirmation({ actor }));
        const outcome = await probe(which, scope, call, { allowed: ['INVALID_INPUT'] });
        if (!outcome.ok) {
          expect(which === 'startPasskeyConfirmation' && actor.userId === without.userId, 'refused only when there is no passkey to answer with').toBe(true);
          return;
        }
        const challenge = await db.authChallenge.findFirst({ where: { challenge: outcome.value.challenge }, select: { userId: true, purpose: true } });
        expect(challenge).toEqual({ userId: actor.userId, purpose: which === 'startPasskeyRegistration' ? 'PASSKEY_REGISTER' : 'PASSKEY_CONFIRM' });
      });
    });

    it('setStaffSecondFactor: FORBIDDEN to everyone but the admin, whatever they send; the admin’s own clinic only, audited when it changes', async () => {
      const { a, scope } = getWorld();
      // A clinic of its own: the fuzz world's clinics keep requiring nothing of the other domains' actors.
      const clinic = await createClinic();
      const otherClinicId = a.world.clinic.id;
      const actorsOf = Object.fromEntries(
        await Promise.all(
          (['ADMIN', 'THERAPIST', 'SURGEON'] as const).map(async (role) => [role, actorFor(await createUser({ clinicId: clinic.id, role }))] as const),
        ),
      );
      const ownScope = { clinicIds: [...scope.clinicIds, clinic.id], known: null };
      const arbitrary = fc.record({
        actor: fc.oneof({ weight: 3, arbitrary: named({ admin: actorsOf.ADMIN }) }, { weight: 1, arbitrary: named({ therapist: actorsOf.THERAPIST, surgeon: actorsOf.SURGEON }) }),
        input: hostileInput(fc.record({ required: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('yes', 'no') }, { weight: 1, arbitrary: fc.constantFrom('Yes', 'true', '1', '') }) }), ['required']),
      });
      await fuzz('setStaffSecondFactor', ownScope, 60, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, ownScope)) as { actor: Actor; input: Input };
        const otherBefore = await db.clinic.findUniqueOrThrow({ where: { id: otherClinicId }, select: { requireStaffSecondFactor: true } });
        const outcome = await probe('setStaffSecondFactor', ownScope, () => setStaffSecondFactor({ actor, input }), { allowed: ['INVALID_INPUT', 'FORBIDDEN'] });
        expect(await db.clinic.findUniqueOrThrow({ where: { id: otherClinicId }, select: { requireStaffSecondFactor: true } })).toEqual(otherBefore);
        if (!outcome.ok) {
          expect((outcome.error as AppError).code === 'FORBIDDEN', 'FORBIDDEN exactly when the actor is no admin').toBe(!can(actor, 'clinic.second_factor'));
          return;
        }
        const stored = await db.clinic.findUniqueOrThrow({ where: { id: clinic.id }, select: { requireStaffSecondFactor: true } });
        expect(stored.requireStaffSecondFactor).toBe(input.required === 'yes');
      });
      await db.clinic.update({ where: { id: clinic.id }, data: { requireStaffSecondFactor: false } });
    });

    it('the sign-in second step (startPasskeySignIn, completeSecondStep after secondStepSchema): only the token and a right answer open a session; anything else is refused cleanly', async () => {
      const { a, scope } = getWorld();
      const user = await createUser({ clinicId: a.world.clinic.id, role: 'THERAPIST' });
      const actor = actorFor(user);
      await startAuthenticatorApp({ actor });
      const secret = (await loadSecondFactors({ actor })).pendingAuthenticatorApp!.secret;
      const { recoveryCodes } = await confirmAuthenticatorApp({ actor, input: { code: await generate({ secret }) } });
      const token = deferred('the token of a right password', async (wrote) => {
        wrote();
        const result = await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() });
        return (result as { token?: string }).token ?? null;
      });
      const arbitrary = fc.record({
        which: fc.constantFrom('startPasskeySignIn', 'completeSecondStep'),
        token: fc.oneof({ weight: 3, arbitrary: fc.constant(token) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(null, '', 'A'.repeat(43)), fc.string({ maxLength: 60 })) }),
        credentials: fc.oneof(
          { weight: 4, arbitrary: fc.record({ method: fc.constantFrom('authenticator', 'recovery', 'passkey'), answer: fc.oneof(fc.constantFrom(...(recoveryCodes ?? []).slice(0, 3), '000000', '{}'), fc.stringMatching(/^[0-9]{6}$/)) }) },
          { weight: 1, arbitrary: nastyValue },
        ),
      });
      await fuzz('startPasskeySignIn / completeSecondStep', scope, 40, arbitrary, async (generated) => {
        const { which, token: made, credentials } = (await materialize(generated, scope)) as { which: string; token: string | null; credentials: unknown };
        if (which === 'startPasskeySignIn') {
          const outcome = await probe('startPasskeySignIn', scope, () => startPasskeySignIn(made), { allowed: ['UNAUTHENTICATED', 'INVALID_INPUT'] });
          // The user has no passkey: a valid token is refused as INVALID_INPUT, anything else as UNAUTHENTICATED.
          expect(outcome.ok).toBe(false);
          return;
        }
        const parsed = secondStepSchema.safeParse(credentials);
        if (!parsed.success) return;
        const outcome = await probe('completeSecondStep', scope, () => completeSecondStep({ ...parsed.data, token: made, ip: uniqueIp() }), {
          allowed: ['UNAUTHENTICATED', 'INVALID_INPUT', 'RATE_LIMITED'],
        });
        if (!outcome.ok) return;
        expect(outcome.value.id).toBe(user.id);
        expect(parsed.data.method).toBe('recovery');
      });
    });
  });
}
