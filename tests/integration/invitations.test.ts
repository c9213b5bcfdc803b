import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_PROBLEMS, PASSWORDS_DIFFER } from '@/lib/schemas/invitation';
import type { Actor } from '@/lib/server/authz/actor';
import { authenticate } from '@/lib/server/auth/authenticate';
import { db } from '@/lib/server/db';
import { acceptInvitation } from '@/lib/server/invitations/accept-invitation';
import { createInvitation, INVITATION_LIFETIME_MS } from '@/lib/server/invitations/create-invitation';
import { getInvitation } from '@/lib/server/invitations/get-invitation';
import { ALREADY_HAS_PASSWORD } from '@/lib/server/invitations/issue-invitation';
import { hashPassword } from '@/lib/server/auth/password';
import { createClinic, createPatient, createUser } from '@/prisma/factories';
import { auditCursor, auditRowsSince } from './support/audit';
import { actorFor, uniqueIp } from './support/world';

const PASSWORD = 'correct horse battery';

type Clinic = {
  clinicId: string;
  users: { therapist: Awaited<ReturnType<typeof createUser>>; surgeon: Awaited<ReturnType<typeof createUser>> };
  actors: { therapist: Actor; otherTherapist: Actor; surgeon: Actor; admin: Actor };
};

let a: Clinic;
let b: Clinic;

async function seedClinic(): Promise<Clinic> {
  const { id: clinicId } = await createClinic();
  const [therapist, otherTherapist, surgeon, admin] = await Promise.all([
    createUser({ clinicId, role: 'THERAPIST' }),
    createUser({ clinicId, role: 'THERAPIST' }),
    createUser({ clinicId, role: 'SURGEON' }),
    createUser({ clinicId, role: 'ADMIN' }),
  ]);
  return {
    clinicId,
    users: { therapist, surgeon },
    actors: { therapist: actorFor(therapist), otherTherapist: actorFor(otherTherapist), surgeon: actorFor(surgeon), admin: actorFor(admin) },
  };
}

beforeAll(async () => {
  [a, b] = await Promise.all([seedClinic(), seedClinic()]);
});

/** A patient of clinic A with a portal account and no password yet; care team: A's therapist and surgeon. */
async function seedInvitee(clinic: Clinic = a) {
  const user = await createUser({ clinicId: clinic.clinicId, role: 'PATIENT', password: null });
  const patient = await createPatient({
    clinicId: clinic.clinicId,
    careTeam: [clinic.users.therapist.id, clinic.users.surgeon.id],
    userId: user.id,
    firstName: 'Jamie',
  });
  return { user, patient };
}

async function invite(patientId: string, actor: Actor = a.actors.therapist) {
  const created = await createInvitation({ actor, patientId });
  expect(created.path).toMatch(/^\/invite\/[A-Za-z0-9_-]+$/);
  return { ...created, token: created.path.slice('/invite/'.length) };
}

const accept = (token: string, password = PASSWORD, repeatPassword = password, ip: string | null = uniqueIp()) =>
  acceptInvitation({ token, password, repeatPassword, ip });

const account = (userId: string) =>
  db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, sessionVersion: true } });

const invitationsOf = (userId: string) =>
  db.invitation.findMany({ where: { userId }, select: { id: true, tokenHash: true, usedAt: true, expiresAt: true, createdById: true }, orderBy: { createdAt: 'asc' } });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Nothing about the account or its links changed: no password, no ended sessions, every link unused. */
async function expectUntouched(userId: string) {
  expect(await account(userId)).toEqual({ passwordHash: null, sessionVersion: 0 });
  for (const invitation of await invitationsOf(userId)) expect(invitation.usedAt).toBeNull();
}

describe('the whole invitation', () => {
  it('is created by the care-team therapist, opened, accepted once, and then lets the patient sign in', async () => {
    const { user, patient } = await seedInvitee();
    const cursor = await auditCursor();
    const before = Date.now();

    const { token, expiresAt } = await invite(patient.id);

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_LIFETIME_MS);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITATION_LIFETIME_MS);
    expect(INVITATION_LIFETIME_MS).toBe(7 * 24 * 60 * 60 * 1000);
    const [stored] = await invitationsOf(user.id);
    expect(stored).toMatchObject({ tokenHash: sha256(token), usedAt: null, expiresAt, createdById: a.actors.therapist.userId });

    expect(await getInvitation({ token })).toEqual({ status: 'valid', firstName: 'Jamie' });

    const ip = uniqueIp();
    expect(await accept(token, PASSWORD, PASSWORD, ip)).toEqual({ email: user.email });

    expect(await getInvitation({ token })).toEqual({ status: 'used' });
    const after = await account(user.id);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    // Any session the account had before ends.
    expect(after.sessionVersion).toBe(1);
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toMatchObject({ id: user.id, email: user.email, sessionVersion: 1 });

    const rows = await auditRowsSince(cursor, { entityType: 'Invitation', entityId: stored!.id });
    expect(rows.map((row) => [row.action, row.actorId, row.clinicId, row.patientId, row.outcome])).toEqual([
      ['invitation.create', a.actors.therapist.userId, a.clinicId, patient.id, 'SUCCESS'],
      ['invitation.accept', user.id, a.clinicId, patient.id, 'SUCCESS'],
    ]);
    expect(rows[0]!.ip).toBe(a.actors.therapist.ip);
    expect(rows[1]!.ip).toBe(ip);
  });

  it('refuses a second accept of the same link and keeps the first password', async () => {
    const { user, patient } = await seedInvitee();
    const { token } = await invite(patient.id);
    await accept(token);
    const afterFirst = await account(user.id);

    await expect(accept(token, 'a different long password')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: INVITATION_PROBLEMS.used.explanation });

    expect(await account(user.id)).toEqual(afterFirst);
    expect(await authenticate({ email: user.email, password: 'a different long password', ip: null })).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toMatchObject({ id: user.id });
  });

  it('lets exactly one of two simultaneous accepts of the same link win', async () => {
    const { user, patient } = await seedInvitee();
    const { token } = await invite(patient.id);
    const cursor = await auditCursor();

    const results = await Promise.allSettled([accept(token, 'first tab password'), accept(token, 'second tab password')]);

    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: 'INVALID_INPUT', message: INVITATION_PROBLEMS.used.explanation });
    expect((await account(user.id)).sessionVersion).toBe(1);
    const winner = results[0]!.status === 'fulfilled' ? 'first tab password' : 'second tab password';
    const loser = winner === 'first tab password' ? 'second tab password' : 'first tab password';
    expect(await authenticate({ email: user.email, password: winner, ip: null })).toMatchObject({ id: user.id });
    expect(await authenticate({ email: user.email, password: loser, ip: null })).toBeNull();
    expect(await auditRowsSince(cursor, { action: 'invitation.accept', actorId: user.id })).toHaveLength(1);
  });
});

describe('links that no longer work', () => {
  it('an expired link is reported expired, refused, and changes nothing', async () => {
    const { user, patient } = await seedInvitee();
    const { token } = await invite(patient.id);
    await db.invitation.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const cursor = await auditCursor();

    expect(await getInvitation({ token })).toEqual({ status: 'expired' });
    await expect(accept(token)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'This link has expired. Ask your care team for a new one.' });

    await expectUntouched(user.id);
    expect(await auditRowsSince(cursor, { actorId: user.id })).toEqual([]);
  });

  it('a newer link replaces the older one: only the newest works', async () => {
    const { user, patient } = await seedInvitee();
    const older = await invite(patient.id);
    const newer = await invite(patient.id);

    expect(newer.token).not.toBe(older.token);
    expect(await getInvitation({ token: older.token })).toEqual({ status: 'used' });
    expect(await getInvitation({ token: newer.token })).toEqual({ status: 'valid', firstName: 'Jamie' });
    await expect(accept(older.token)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: INVITATION_PROBLEMS.used.explanation });
    expect(await account(user.id)).toEqual({ passwordHash: null, sessionVersion: 0 });

    await accept(newer.token);
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toMatchObject({ id: user.id });
  });

  it('two links made at the same moment still leave exactly one working', async () => {
    const { user, patient } = await seedInvitee();

    const made = await Promise.all([invite(patient.id), invite(patient.id)]);

    const states = await Promise.all(made.map(({ token }) => getInvitation({ token })));
    expect(states.map((state) => state.status).sort()).toEqual(['used', 'valid']);
    expect(await db.invitation.count({ where: { userId: user.id, usedAt: null } })).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['too short', 'abc123'],
    ['too long', 'a'.repeat(101)],
    ['not base64url', 'this+is/not=base64url-at-all'],
    ['a path', '../../../etc/passwd-aaaaaaaaaaa'],
    ['well formed but never issued', 'A'.repeat(43)],
  ])('a token that is %s is unknown and cannot be accepted', async (_case, token) => {
    expect(await getInvitation({ token })).toEqual({ status: 'unknown' });
    await expect(accept(token)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: INVITATION_PROBLEMS.unknown.explanation });
  });
});

describe('an account that already has a password', () => {
  // Whoever holds a link chooses the password: a link for an account with a password would hand that account
  // to whoever asked for the link. Such an account gets a link only through a deliberate password reset.
  it('gets no link: CONFLICT, and no link or audit row is written', async () => {
    const { user, patient } = await seedInvitee();
    await accept((await invite(patient.id)).token);
    const before = { account: await account(user.id), invitations: await invitationsOf(user.id) };
    const cursor = await auditCursor();

    await expect(createInvitation({ actor: a.actors.therapist, patientId: patient.id })).rejects.toMatchObject({ code: 'CONFLICT', message: ALREADY_HAS_PASSWORD });

    expect({ account: await account(user.id), invitations: await invitationsOf(user.id) }).toEqual(before);
    expect(await auditRowsSince(cursor, { patientId: patient.id })).toEqual([]);
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toMatchObject({ id: user.id });
  });

  it('cannot use a link made before it had one: the page says so, accepting is refused, and the password stays', async () => {
    const { user, patient } = await seedInvitee();
    const { token } = await invite(patient.id);
    // A password set some other way while the link was out (a link from before links were limited to
    // accounts without a password, or a reset and a faster second link): the link must not replace it.
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword('set some other way') } });
    const before = { account: await account(user.id), invitations: await invitationsOf(user.id) };
    const cursor = await auditCursor();

    expect(await getInvitation({ token })).toEqual({ status: 'passwordSet' });
    await expect(accept(token)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: INVITATION_PROBLEMS.passwordSet.explanation });

    expect({ account: await account(user.id), invitations: await invitationsOf(user.id) }).toEqual(before);
    expect(await auditRowsSince(cursor, { actorId: user.id })).toEqual([]);
    expect(await authenticate({ email: user.email, password: PASSWORD, ip: null })).toBeNull();
    expect(await authenticate({ email: user.email, password: 'set some other way', ip: null })).toMatchObject({ id: user.id });
  });

  it('a link made while the patient accepts the previous one: exactly one of the two wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { user, patient } = await seedInvitee();
      const { token } = await invite(patient.id);

      const [accepted, reissued] = await Promise.allSettled([accept(token), createInvitation({ actor: a.actors.therapist, patientId: patient.id })]);

      const unused = await db.invitation.count({ where: { userId: user.id, usedAt: null } });
      const hasPassword = (await account(user.id)).passwordHash !== null;
      if (accepted.status === 'fulfilled') {
        // The patient was first: their password stands and no link can replace it.
        expect(reissued).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT', message: ALREADY_HAS_PASSWORD } });
        expect({ unused, hasPassword }).toEqual({ unused: 0, hasPassword: true });
      } else {
        // The new link was first: it replaced the one being accepted.
        expect(accepted.reason).toMatchObject({ code: 'INVALID_INPUT', message: INVITATION_PROBLEMS.used.explanation });
        expect(reissued.status).toBe('fulfilled');
        expect({ unused, hasPassword }).toEqual({ unused: 1, hasPassword: false });
      }
    }
  });
});

describe('choosing a password', () => {
  it.each([
    ['too short', 'short pass', 'short pass', 'Use at least 12 characters.'],
    ['typed differently the second time', PASSWORD, `${PASSWORD}!`, PASSWORDS_DIFFER],
    ['missing the repeat', PASSWORD, '', PASSWORDS_DIFFER],
  ])('a password %s is refused with INVALID_INPUT and the link still works', async (_case, password, repeatPassword, message) => {
    const { user, patient } = await seedInvitee();
    const { token } = await invite(patient.id);
    const cursor = await auditCursor();

    const refusal = accept(token, password, repeatPassword);

    await expect(refusal).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(refusal).rejects.toThrow(message);
    await expectUntouched(user.id);
    expect(await getInvitation({ token })).toEqual({ status: 'valid', firstName: 'Jamie' });
    expect(await auditRowsSince(cursor, { actorId: user.id })).toEqual([]);
  });
});

describe('who may create a link', () => {
  it.each([
    ["the other clinic's therapist", () => b.actors.therapist],
    ['a therapist of the clinic who is not on the care team', () => a.actors.otherTherapist],
    ['the surgeon on the care team', () => a.actors.surgeon],
    ["the clinic's admin", () => a.actors.admin],
  ])('%s gets NOT_FOUND and no link is written', async (_who, actorOf) => {
    const { user, patient } = await seedInvitee();
    const actor = actorOf();
    const cursor = await auditCursor();

    await expect(createInvitation({ actor, patientId: patient.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await invitationsOf(user.id)).toEqual([]);
    expect(await auditRowsSince(cursor, { action: 'invitation.create', patientId: patient.id })).toEqual([]);
  });

  it('the patient cannot make a link for themself: NOT_FOUND', async () => {
    const { user, patient } = await seedInvitee();
    const actor = actorFor(user, { patientId: patient.id });

    await expect(createInvitation({ actor, patientId: patient.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await invitationsOf(user.id)).toEqual([]);
  });

  it('a patient id that does not exist is NOT_FOUND', async () => {
    await expect(createInvitation({ actor: a.actors.therapist, patientId: 'nosuchpatient' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a patient without a portal account gets a clear INVALID_INPUT', async () => {
    const patient = await createPatient({ clinicId: a.clinicId, careTeam: [a.users.therapist.id] });

    await expect(createInvitation({ actor: a.actors.therapist, patientId: patient.id })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'This patient has no portal account yet, so there is nothing to invite them to.',
    });
  });

  it("the other clinic's therapist can invite their own patient, whose link greets them by name", async () => {
    const { patient } = await seedInvitee(b);
    const { token } = await invite(patient.id, b.actors.therapist);
    expect(await getInvitation({ token })).toEqual({ status: 'valid', firstName: 'Jamie' });
  });
});

describe('the token stays secret', () => {
  it('is stored only as its SHA-256, and no invitation or audit row holds it', async () => {
    const { user, patient } = await seedInvitee();
    const { token } = await invite(patient.id);
    await accept(token);

    const [stored] = await invitationsOf(user.id);
    expect(stored!.tokenHash).toBe(sha256(token));
    const inInvitations = await db.$queryRaw<Array<{ count: bigint }>>`
      SELECT count(*) AS count FROM "Invitation" AS i WHERE position(${token} in row_to_json(i)::text) > 0`;
    expect(inInvitations[0]!.count).toBe(0n);
    const inAudit = await db.$queryRaw<Array<{ count: bigint }>>`
      SELECT count(*) AS count FROM "AuditEvent" AS e WHERE position(${token} in row_to_json(e)::text) > 0`;
    expect(inAudit[0]!.count).toBe(0n);
    // The check above must be able to find a row: the patient id it holds is found the same way.
    const withPatient = await db.$queryRaw<Array<{ count: bigint }>>`
      SELECT count(*) AS count FROM "AuditEvent" AS e WHERE position(${patient.id} in row_to_json(e)::text) > 0`;
    expect(withPatient[0]!.count).toBeGreaterThanOrEqual(2n);
  });
});
