// The second factor (issue 13, item 3): passkeys (answered here by a software authenticator; the browser tests
// use Chromium's virtual one), authenticator-app codes made by otplib, one-time recovery codes, the two-step
// sign-in, a passkey in place of the password, and the clinic's requirement. Every function is also refused for
// the wrong user, role or input, with nothing written.
import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECOVERY_CODE_COUNT, SECOND_FACTOR_DUE, SECOND_STEP_LIMIT } from '@/lib/domain/second-factor';
import { authenticate } from '@/lib/server/auth/authenticate';
import { completeSecondStep } from '@/lib/server/auth/complete-second-step';
import { openFactorSecret } from '@/lib/server/auth/factor-key';
import { loadSecondStep } from '@/lib/server/auth/load-second-step';
import { startPasskeySignIn } from '@/lib/server/auth/start-passkey-sign-in';
import type { Actor } from '@/lib/server/authz/actor';
import { requirePermission } from '@/lib/server/authz/require-permission';
import { setStaffSecondFactor } from '@/lib/server/clinics/set-staff-second-factor';
import { db } from '@/lib/server/db';
import { addPasskey } from '@/lib/server/second-factor/add-passkey';
import { confirmAuthenticatorApp } from '@/lib/server/second-factor/confirm-authenticator-app';
import { loadSecondFactors } from '@/lib/server/second-factor/load-second-factors';
import { makeRecoveryCodes } from '@/lib/server/second-factor/make-recovery-codes';
import { removeAuthenticatorApp } from '@/lib/server/second-factor/remove-authenticator-app';
import { removePasskey } from '@/lib/server/second-factor/remove-passkey';
import { startAuthenticatorApp } from '@/lib/server/second-factor/start-authenticator-app';
import { startPasskeyConfirmation } from '@/lib/server/second-factor/start-passkey-confirmation';
import { startPasskeyRegistration } from '@/lib/server/second-factor/start-passkey-registration';
import { resetStaffPassword } from '@/lib/server/users/reset-staff-password';
import { createClinic } from '@/prisma/factories';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { auditCursor, auditRowsSince } from './support/audit';
import { PASSWORD } from './support/plan-flow';
import { createActor, createWorld, uniqueIp, type World } from './support/world';

const ORIGIN = 'http://localhost:3000';
let world: World;

beforeAll(async () => {
  world = await createWorld();
});

async function withPasskey(actor: Actor) {
  const authenticator = new SoftAuthenticator(ORIGIN);
  const options = await startPasskeyRegistration({ actor });
  const added = await addPasskey({ actor, input: { name: 'Test key', answer: authenticator.register(options) } });
  return { authenticator, added };
}

async function withAuthenticatorApp(actor: Actor) {
  await startAuthenticatorApp({ actor });
  const pending = (await loadSecondFactors({ actor })).pendingAuthenticatorApp!;
  const confirmed = await confirmAuthenticatorApp({ actor, input: { code: await generate({ secret: pending.secret }) } });
  // The confirming code's time step is used up; sign-in codes come from the next steps.
  return { secret: pending.secret, confirmed };
}

/** A code of the step `steps` after now (the server accepts one step either side). */
async function codeAt(secret: string, steps: number) {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

async function passwordStep(email: string) {
  const result = await authenticate({ email, password: PASSWORD, ip: uniqueIp() });
  expect(result).toMatchObject({ kind: 'second_step' });
  return (result as { token: string }).token;
}

async function countWrites(userId: string) {
  const [passkeys, codes, app, challenges] = await Promise.all([
    db.passkey.count({ where: { userId } }),
    db.recoveryCode.count({ where: { userId } }),
    db.totpFactor.count({ where: { userId } }),
    db.authChallenge.count({ where: { userId, usedAt: null } }),
  ]);
  return { passkeys, codes, app, challenges };
}

describe('passkeys', () => {
  it('are added over a server challenge, come with recovery codes once, and are audited', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'THERAPIST');
    const cursor = await auditCursor();
    const { added } = await withPasskey(actor);
    expect(added.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(added.recoveryCodes![0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // Stored hashed only.
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(stored.map((row) => row.codeHash)).not.toContain(added.recoveryCodes![0]!.replace(/-/g, ''));
    const second = await withPasskey(actor);
    expect(second.added.recoveryCodes).toBeNull();
    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows.map((row) => row.action)).toEqual(['second_factor.passkey_added', 'second_factor.recovery_codes_made', 'second_factor.passkey_added']);
    expect((await loadSecondFactors({ actor })).passkeys).toHaveLength(2);
  });

  it('refuse an answer to no challenge, to another user\'s challenge, from another origin, or a used one; nothing is written', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'SURGEON');
    const other = await createActor(world.b.clinic.id, 'SURGEON');
    const authenticator = new SoftAuthenticator(ORIGIN);
    const before = await countWrites(user.id);
    await expect(addPasskey({ actor, input: { answer: authenticator.register({ challenge: 'bm90LWlzc3VlZA', rp: { id: 'localhost' } }) } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const othersOptions = await startPasskeyRegistration({ actor: other.actor });
    await expect(addPasskey({ actor, input: { answer: authenticator.register(othersOptions) } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const forged = await startPasskeyRegistration({ actor });
    await expect(addPasskey({ actor, input: { answer: authenticator.register(forged, { origin: 'https://evil.test' }) } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // That challenge was used up by the forged answer.
    await expect(addPasskey({ actor, input: { answer: authenticator.register(forged) } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    for (const answer of ['', 'not json', '{"id":1}', 'x'.repeat(20_001)]) {
      await expect(addPasskey({ actor, input: { answer } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect(addPasskey({ actor, input: { answer: 'x', extra: 1 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await countWrites(user.id)).passkeys).toBe(before.passkeys);
    expect((await countWrites(user.id)).codes).toBe(0);
  });

  it('sign in as the second step, once per answer', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'THERAPIST');
    const { authenticator } = await withPasskey(actor);
    const token = await passwordStep(user.email);
    // No session exists after the password.
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await loadSecondStep(token)).toMatchObject({ userId: user.id, methods: ['passkey', 'recovery'] });
    const options = await startPasskeySignIn(token);
    const answer = authenticator.answer(options);
    const cursor = await auditCursor();
    const signedIn = await completeSecondStep({ token, method: 'passkey', answer, ip: null });
    expect(signedIn).toMatchObject({ kind: 'signed_in', id: user.id });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(1);
    const rows = await auditRowsSince(cursor, { actorId: user.id });
    expect(rows.map((row) => [row.action, row.outcome])).toEqual([['auth.second_factor', 'SUCCESS'], ['auth.sign_in', 'SUCCESS']]);
    // The token and the answer are used up.
    await expect(completeSecondStep({ token, method: 'passkey', answer, ip: null })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const again = await passwordStep(user.email);
    await expect(completeSecondStep({ token: again, method: 'passkey', answer, ip: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('are removed after the password, not with a wrong one, and never another user\'s', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'THERAPIST');
    await withPasskey(actor);
    const passkey = await db.passkey.findFirstOrThrow({ where: { userId: user.id } });
    const stranger = await createActor(world.b.clinic.id, 'THERAPIST');
    await expect(removePasskey({ actor: stranger.actor, input: { passkeyId: passkey.id, password: PASSWORD } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removePasskey({ actor, input: { passkeyId: passkey.id, password: 'wrong password' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(removePasskey({ actor, input: { passkeyId: passkey.id } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(removePasskey({ actor, input: { passkeyId: 'not an id!', password: PASSWORD } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
    const cursor = await auditCursor();
    await removePasskey({ actor, input: { passkeyId: passkey.id, password: PASSWORD } });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
    expect((await auditRowsSince(cursor, { actorId: user.id, outcome: 'SUCCESS' })).map((row) => row.action)).toEqual(['second_factor.passkey_removed']);
  });
});

describe('a passkey in place of the password', () => {
  it('confirms a password reset once, over a challenge issued for signing to this user', async () => {
    const { actor } = await createActor(world.a.clinic.id, 'ADMIN');
    const { authenticator } = await withPasskey(actor);
    const staff = await createActor(world.a.clinic.id, 'THERAPIST');
    // A challenge for another purpose (the sign-in's) does not sign.
    const wrongPurpose = await db.authChallenge.create({ data: { userId: actor.userId, purpose: 'PASSKEY_SIGN_IN', challenge: 'c2lnbi1pbi1jaGFsbGVuZ2U', expiresAt: new Date(Date.now() + 60_000) } });
    await expect(resetStaffPassword({ actor, input: { userId: staff.user.id, passkeyAnswer: authenticator.answer({ challenge: wrongPurpose.challenge!, rpId: 'localhost' }) } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.user.id }, select: { passwordHash: true } })).passwordHash).not.toBeNull();
    const options = await startPasskeyConfirmation({ actor });
    const answer = authenticator.answer(options);
    const cursor = await auditCursor();
    await resetStaffPassword({ actor, input: { userId: staff.user.id, password: '', passkeyAnswer: answer } });
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.user.id }, select: { passwordHash: true } })).passwordHash).toBeNull();
    expect((await auditRowsSince(cursor, { actorId: actor.userId })).map((row) => row.action)).toEqual(['auth.passkey_used', 'user.reset_password', 'invitation.create']);
    await expect(resetStaffPassword({ actor, input: { userId: staff.user.id, passkeyAnswer: answer } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('is refused to a user with no passkey, and neither password nor passkey is refused', async () => {
    const { actor } = await createActor(world.a.clinic.id, 'ADMIN');
    await expect(startPasskeyConfirmation({ actor })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const staff = await createActor(world.a.clinic.id, 'THERAPIST');
    await expect(resetStaffPassword({ actor, input: { userId: staff.user.id, password: '' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('authenticator app', () => {
  it('keeps its secret sealed, counts only once confirmed with a code, and signs in with a new code each time', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'SURGEON');
    await startAuthenticatorApp({ actor });
    const pending = (await loadSecondFactors({ actor })).pendingAuthenticatorApp!;
    expect(pending.uri).toMatch(/^otpauth:\/\/totp\//);
    const row = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretSealed).not.toContain(pending.secret);
    expect(openFactorSecret(row.secretSealed, user.id)).toBe(pending.secret);
    expect(openFactorSecret(row.secretSealed, world.a.users.therapist.id)).toBeNull();
    // Not a factor yet: the password alone signs in.
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() })).toMatchObject({ kind: 'signed_in' });
    await expect(confirmAuthenticatorApp({ actor, input: { code: '000000' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(confirmAuthenticatorApp({ actor, input: { code: 'abcdef' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const confirmed = await confirmAuthenticatorApp({ actor, input: { code: await generate({ secret: pending.secret }) } });
    expect(confirmed.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    await expect(startAuthenticatorApp({ actor })).rejects.toMatchObject({ code: 'CONFLICT' });

    const token = await passwordStep(user.email);
    expect((await loadSecondStep(token))?.methods).toEqual(['authenticator', 'recovery']);
    const code = await codeAt(pending.secret, 1);
    await expect(completeSecondStep({ token, method: 'authenticator', answer: code, ip: null })).resolves.toMatchObject({ id: user.id });
    // The same code never works twice.
    const again = await passwordStep(user.email);
    await expect(completeSecondStep({ token: again, method: 'authenticator', answer: code, ip: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('is removed after the password, and setting one up is only for oneself', async () => {
    const { user, actor } = await createActor(world.b.clinic.id, 'PATIENT');
    await withAuthenticatorApp(actor);
    await expect(removeAuthenticatorApp({ actor, input: { password: 'nope' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(removeAuthenticatorApp({ actor, input: { password: PASSWORD, other: 'x' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await db.totpFactor.count({ where: { userId: user.id } })).toBe(1);
    await removeAuthenticatorApp({ actor, input: { password: PASSWORD } });
    expect(await db.totpFactor.count({ where: { userId: user.id } })).toBe(0);
    await expect(removeAuthenticatorApp({ actor, input: { password: PASSWORD } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('recovery codes', () => {
  it('each sign in once, and new ones replace the old', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'THERAPIST');
    const { confirmed } = await withAuthenticatorApp(actor);
    const [first, second] = confirmed.recoveryCodes!;
    const token = await passwordStep(user.email);
    const cursor = await auditCursor();
    await expect(completeSecondStep({ token, method: 'recovery', answer: first!.toUpperCase().replace(/-/g, ' '), ip: null })).resolves.toMatchObject({ id: user.id });
    expect((await auditRowsSince(cursor, { actorId: user.id })).map((row) => row.action)).toEqual(['auth.second_factor', 'auth.recovery_code_used', 'auth.sign_in']);
    const again = await passwordStep(user.email);
    await expect(completeSecondStep({ token: again, method: 'recovery', answer: first!, ip: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await loadSecondFactors({ actor })).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);
    await expect(makeRecoveryCodes({ actor, input: { password: 'wrong' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const fresh = await makeRecoveryCodes({ actor, input: { password: PASSWORD } });
    expect(fresh.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    await expect(completeSecondStep({ token: again, method: 'recovery', answer: second!, ip: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(completeSecondStep({ token: again, method: 'recovery', answer: fresh.recoveryCodes[0]!, ip: null })).resolves.toMatchObject({ id: user.id });
  });

  it('are not made for someone with no second factor', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'SURGEON');
    await expect(makeRecoveryCodes({ actor, input: { password: PASSWORD } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('wrong second steps', () => {
  it('are counted per account: past the limit even the right code waits, and every try is audited', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'THERAPIST');
    const { secret } = await withAuthenticatorApp(actor);
    const cursor = await auditCursor();
    for (let attempt = 0; attempt < SECOND_STEP_LIMIT.failures; attempt += 1) {
      // A new password step each time changes nothing: the count is the account's.
      const token = await passwordStep(user.email);
      await expect(completeSecondStep({ token, method: 'authenticator', answer: '000000', ip: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    const token = await passwordStep(user.email);
    await expect(completeSecondStep({ token, method: 'authenticator', answer: await codeAt(secret, 1), ip: null })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    const rows = await auditRowsSince(cursor, { actorId: user.id, action: 'auth.second_factor' });
    expect(rows.map((row) => row.outcome)).toEqual([...Array(SECOND_STEP_LIMIT.failures).fill('FAILURE'), 'DENIED']);
  });

  it('need the token of a right password: none, a made-up one, or a method the user lacks opens nothing', async () => {
    const { user, actor } = await createActor(world.a.clinic.id, 'THERAPIST');
    await withAuthenticatorApp(actor);
    for (const token of [null, 'made-up-token-made-up-token']) {
      await expect(completeSecondStep({ token, method: 'recovery', answer: 'k7mq-2xrd-9fwp', ip: null })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    const token = await passwordStep(user.email);
    await expect(completeSecondStep({ token, method: 'passkey', answer: '{}', ip: null })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(startPasskeySignIn(token)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("the clinic's requirement", () => {
  it('is set by the clinic admin only, audited, and leaves staff without a factor only enrolment', async () => {
    const clinic = await createClinic();
    const admin = await createActor(clinic.id, 'ADMIN');
    const therapist = await createActor(clinic.id, 'THERAPIST');
    const patient = await createActor(clinic.id, 'PATIENT');
    for (const actor of [therapist.actor, patient.actor, world.a.actors.surgeon]) {
      await expect(setStaffSecondFactor({ actor, input: { required: 'yes' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const input of [{}, { required: 'maybe' }, { required: 'yes', clinicId: world.b.clinic.id }]) {
      await expect(setStaffSecondFactor({ actor: admin.actor, input })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect((await db.clinic.findUniqueOrThrow({ where: { id: clinic.id } })).requireStaffSecondFactor).toBe(false);
    const cursor = await auditCursor();
    await setStaffSecondFactor({ actor: admin.actor, input: { required: 'yes' } });
    expect((await db.clinic.findUniqueOrThrow({ where: { id: clinic.id } })).requireStaffSecondFactor).toBe(true);
    expect((await auditRowsSince(cursor, { actorId: admin.user.id })).map((row) => row.action)).toEqual(['clinic.second_factor']);
    // The other clinic is untouched.
    expect((await db.clinic.findUniqueOrThrow({ where: { id: world.b.clinic.id } })).requireStaffSecondFactor).toBe(false);

    expect((await loadSecondFactors({ actor: therapist.actor })).isRequired).toBe(true);
    expect((await loadSecondFactors({ actor: patient.actor })).isRequired).toBe(false);
    // A due actor (getActor sets the flag) may add a factor and nothing else.
    const due = { ...therapist.actor, secondFactorDue: true };
    expect(() => requirePermission(due, 'patient.read')).toThrow(SECOND_FACTOR_DUE);
    expect(() => requirePermission(due, 'account.second_factor')).not.toThrow();
    const { authenticator } = await withPasskey(due);
    // The last factor of someone who must have one stays.
    const passkey = await db.passkey.findFirstOrThrow({ where: { userId: therapist.user.id } });
    await expect(removePasskey({ actor: therapist.actor, input: { passkeyId: passkey.id, password: PASSWORD } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(authenticator.id).toBe(passkey.credentialId);
  });
});
