import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { generate } from 'otplib';
import { SoftAuthenticator } from '../../../support/soft-authenticator';
import { ACTOR_KEYS, DEMO_PASSWORD, type ActorKey, type SignedInKey } from '../support/actors';
import { one, rows, type Probe } from '../support/database';
import type { ActionAnswer } from '../support/server-actions';
import type { FreshAccount, Ops, Session, World } from '../support/world';
import type { Viewer } from '../support/payload';
import type { ActionExpect, ActionRow, AllowedCell, ExistenceCase, Prepared } from './actions';

// The second factor (issue 13, item 3) in the authorization matrix. Every factor action works on the signed-in
// user's own account only: no form names a user, and a passkey of someone else's is not found. The demo users
// have no factor and keep none: every allowed cell runs on a fresh account of the actor's clinic and role (so the
// other specs, signing in as the demo users at the same time, never meet a second step), and the clinic's
// requirement is switched on only for a clinic of the suite's own.

const U: ActionExpect = { kind: 'refused', code: 'UNAUTHENTICATED' };
const NF: ActionExpect = { kind: 'refused', code: 'NOT_FOUND' };
const F: ActionExpect = { kind: 'refused', code: 'FORBIDDEN' };
const II: ActionExpect = { kind: 'refused', code: 'INVALID_INPUT' };
const C: ActionExpect = { kind: 'refused', code: 'CONFLICT' };
const A = (provenBy: string): ActionExpect => ({ kind: 'allowed', provenBy });
const SIGNED_IN = ACTOR_KEYS.filter((key): key is SignedInKey => key !== 'signedOut');
const ADMINS: SignedInKey[] = ['harborAdmin', 'summitAdmin'];

/** Signed out is UNAUTHENTICATED; every signed-in actor gets `signedIn`. */
function everySignedIn(signedIn: (actor: SignedInKey) => ActionExpect): Record<ActorKey, ActionExpect> {
  return Object.fromEntries(ACTOR_KEYS.map((key) => [key, key === 'signedOut' ? U : signedIn(key)])) as Record<ActorKey, ActionExpect>;
}

/** The demo users' factors, recovery codes and passkey challenges: none, before and after every refused request. */
function demoFactorsProbe(w: World): Probe {
  return {
    label: "the demo users' second factors",
    sql: `SELECT u."email",
            (SELECT count(*)::int FROM "Passkey" p WHERE p."userId" = u."id") AS "passkeys",
            (SELECT count(*)::int FROM "TotpFactor" t WHERE t."userId" = u."id") AS "apps",
            (SELECT count(*)::int FROM "RecoveryCode" r WHERE r."userId" = u."id") AS "recoveryCodes",
            (SELECT count(*)::int FROM "AuthChallenge" c WHERE c."userId" = u."id" AND c."purpose"::text <> 'SECOND_STEP') AS "challenges"
          FROM "User" u WHERE u."id" = ANY($1) ORDER BY u."email"`,
    params: [Object.values(w.userId)],
  };
}

function demoClinicsRequirementProbe(w: World): Probe {
  return { label: "the demo clinics' second-factor requirement", sql: 'SELECT "name", "requireStaffSecondFactor" FROM "Clinic" WHERE "id" = ANY($1) ORDER BY "name"', params: [Object.values(w.clinicId)] };
}

const SUITE_CREDENTIAL = 'authz-suite-passkey';
const PASSKEY_HOLDER = 'passkey-holder.authz@harbor.test';

/**
 * A passkey of a user no actor is and nobody signs in as (a fixture of its own: a user with a passkey meets the
 * second step when signing in, so it cannot be one the suite signs in as), written once: the refused removals name it.
 */
async function suitePasskeyId(): Promise<string> {
  await rows(
    `INSERT INTO "User" ("id", "clinicId", "email", "name", "role", "passwordHash", "isActive", "sessionVersion", "createdAt", "updatedAt")
     SELECT $1, c."id", $2, 'Pat Keyholder', 'THERAPIST'::"Role", (SELECT "passwordHash" FROM "User" WHERE "email" = 'therapist@harbor.test'), true, 0, now(), now()
     FROM "Clinic" c WHERE c."name" = 'Harbor Spine & Rehab'
     ON CONFLICT ("email") DO NOTHING`,
    [`c${randomBytes(12).toString('hex')}`, PASSKEY_HOLDER],
  );
  await rows(
    `INSERT INTO "Passkey" ("id", "userId", "credentialId", "publicKey", "counter", "transports", "name", "createdAt")
     SELECT $1, u."id", $2, '\\x00'::bytea, 0, '{}', 'Suite passkey', now() FROM "User" u WHERE u."email" = $3
     ON CONFLICT ("credentialId") DO NOTHING`,
    [`c${randomBytes(12).toString('hex')}`, SUITE_CREDENTIAL, PASSKEY_HOLDER],
  );
  return (await one<{ id: string }>('SELECT "id" FROM "Passkey" WHERE "credentialId" = $1', [SUITE_CREDENTIAL])).id;
}

function suitePasskeyProbe(): Probe {
  return { label: "the suite's passkey of another user", sql: 'SELECT "id", "name", "counter", "lastUsedAt" FROM "Passkey" WHERE "credentialId" = $1', params: [SUITE_CREDENTIAL] };
}

export const SECOND_FACTOR_ROWS: ActionRow[] = [
  {
    title: 'start adding a passkey (always to your own account: the challenge is for the signed-in user)',
    resources: ['user'],
    verb: 'create',
    action: 'startPasskeyRegistrationAction',
    page: () => '/account',
    fields: async (w) => ({ userId: w.userId.harborSurgeon }),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn((actor) => A(`startPasskeyRegistrationAction by ${actor}`)),
  },
  {
    title: 'add a passkey with an answer no authenticator made (no challenge of yours in it)',
    resources: ['user'],
    verb: 'create',
    action: 'addPasskeyAction',
    page: () => '/account',
    fields: async () => ({ name: 'Probe key', answer: JSON.stringify({ id: 'AAAA', response: { clientDataJSON: 'e30', attestationObject: 'AA' } }) }),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn(() => II),
  },
  {
    title: "remove another user's passkey (not found: only your own passkeys exist for you)",
    resources: ['user'],
    verb: 'update',
    action: 'removePasskeyAction',
    page: () => '/account',
    fields: async () => ({ passkeyId: await suitePasskeyId(), password: DEMO_PASSWORD }),
    probes: (w) => [demoFactorsProbe(w), suitePasskeyProbe()],
    expect: everySignedIn(() => NF),
  },
  {
    title: 'set up an authenticator app (your own account only)',
    resources: ['user'],
    verb: 'create',
    action: 'startAuthenticatorAppAction',
    page: () => '/account',
    fields: async () => ({}),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn((actor) => A(`startAuthenticatorAppAction by ${actor}`)),
  },
  {
    title: 'confirm an authenticator app that was never started (the demo users have none waiting)',
    resources: ['user'],
    verb: 'update',
    action: 'confirmAuthenticatorAppAction',
    page: () => '/account',
    fields: async () => ({ code: '123456' }),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn(() => C),
  },
  {
    title: 'remove an authenticator app you do not have (the demo users have none)',
    resources: ['user'],
    verb: 'update',
    action: 'removeAuthenticatorAppAction',
    page: () => '/account',
    fields: async () => ({ password: DEMO_PASSWORD }),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn(() => NF),
  },
  {
    title: 'remove an authenticator app naming another user (a userId field)',
    resources: ['user'],
    verb: 'update',
    action: 'removeAuthenticatorAppAction',
    page: () => '/account',
    fields: async (w) => ({ password: DEMO_PASSWORD, userId: w.targetUserId.harbor }),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn(() => II),
  },
  {
    title: 'make recovery codes without a second factor (they come with one)',
    resources: ['user'],
    verb: 'create',
    action: 'makeRecoveryCodesAction',
    page: () => '/account',
    fields: async () => ({ password: DEMO_PASSWORD }),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn(() => C),
  },
  {
    title: "require a second factor of the clinic's staff (admins only, each their own clinic: the form names no clinic)",
    resources: ['clinic'],
    verb: 'update',
    action: 'setStaffSecondFactorAction',
    page: () => '/admin/clinic',
    fields: async () => ({ required: 'yes' }),
    probes: (w) => [demoClinicsRequirementProbe(w)],
    expect: everySignedIn((actor) => (ADMINS.includes(actor) ? A(`setStaffSecondFactorAction by ${actor}`) : F)),
  },
  {
    title: "require a second factor of another clinic's staff (a clinicId field), or answer neither yes nor no",
    resources: ['clinic'],
    verb: 'update',
    action: 'setStaffSecondFactorAction',
    page: () => '/admin/clinic',
    fields: async (w) => ({ required: 'maybe', clinicId: w.clinicId.summit }),
    probes: (w) => [demoClinicsRequirementProbe(w)],
    expect: everySignedIn((actor) => (ADMINS.includes(actor) ? II : F)),
  },
  {
    title: 'ask for the passkey challenge of the sign-in second step without having passed the password step (no second-step cookie)',
    resources: ['user'],
    verb: 'read',
    action: 'startPasskeySignInAction',
    page: () => '/login',
    fields: async (w) => ({ userId: w.userId.harborSurgeon }),
    probes: (w) => [demoFactorsProbe(w)],
    // Signed in or not: the session is not the second step's credential, only its cookie is.
    expect: Object.fromEntries(ACTOR_KEYS.map((key) => [key, U])) as Record<ActorKey, ActionExpect>,
  },
  {
    title: 'ask for a passkey challenge to sign with, having no passkey (the demo users type their password)',
    resources: ['user'],
    verb: 'read',
    action: 'startPasskeyConfirmationAction',
    page: () => '/account',
    fields: async () => ({}),
    probes: (w) => [demoFactorsProbe(w)],
    expect: everySignedIn(() => II),
  },
];

// -------------------------------------------------------------------------------------------------------
// Allowed cells, on fresh accounts of the actor's clinic and role.

type Holder = { account: FreshAccount; context: APIRequestContext; viewer: Viewer; authenticator: SoftAuthenticator | null };

/** One fresh account per actor and purpose for a session of the matrix, signed in before it has any factor. */
const holders = new WeakMap<Session, Map<string, Promise<Holder>>>();
function holderFor(session: Session, ops: Ops, actor: SignedInKey, purpose: string): Promise<Holder> {
  const bySession = holders.get(session) ?? new Map<string, Promise<Holder>>();
  holders.set(session, bySession);
  const key = `${actor} ${purpose}`;
  const existing = bySession.get(key);
  if (existing) return existing;
  const made = (async (): Promise<Holder> => {
    const account = await ops.freshAccount(actor);
    const context = await session.signIn(account.email, account.password);
    const viewer: Viewer = { clinic: account.clinic, role: account.role, userId: account.userId, patientId: account.patient?.patientId ?? null };
    return { account, context, viewer, authenticator: null };
  })();
  bySession.set(key, made);
  return made;
}

function holderOf(prepared: Prepared): Holder {
  const holder = prepared.holder as Holder | undefined;
  if (!holder) throw new Error('no account prepared');
  return holder;
}

function dataOf<T>(answer: ActionAnswer, label: string): T {
  expect(answer.kind === 'result' && answer.result.ok, `${label}: ${answer.kind === 'result' ? JSON.stringify(answer.result) : answer.kind}`).toBe(true);
  return (answer.kind === 'result' ? answer.result.data : undefined) as T;
}

/** Adds a passkey to the holder's account through the product (start, the soft authenticator's answer, add). */
async function ensurePasskey(session: Session, holder: Holder): Promise<SoftAuthenticator> {
  if (holder.authenticator) return holder.authenticator;
  const authenticator = new SoftAuthenticator(session.world.origin);
  const options = dataOf<{ challenge: string; rp: { id?: string } }>(await session.act(holder.context, 'startPasskeyRegistrationAction', '/account', {}), 'start a passkey');
  dataOf(await session.act(holder.context, 'addPasskeyAction', '/account', { name: 'Suite key', answer: authenticator.register(options) }), 'add a passkey');
  holder.authenticator = authenticator;
  return authenticator;
}

/** A passkey answer in place of the password: a confirmation challenge, answered by the holder's passkey. */
async function passkeyAnswer(session: Session, holder: Holder): Promise<string> {
  const authenticator = await ensurePasskey(session, holder);
  const options = dataOf<{ challenge: string; rpId?: string }>(await session.act(holder.context, 'startPasskeyConfirmationAction', '/account', {}), 'passkey challenge');
  return authenticator.answer(options);
}

/** The key of the authenticator app waiting to be confirmed, as the account page shows it. */
async function pendingAppKey(holder: Holder): Promise<string> {
  const html = await (await holder.context.get('/account')).text();
  const key = /aria-label="Key for your authenticator app"[^>]*>([A-Z2-7]+)</.exec(html)?.[1];
  if (!key) throw new Error('the account page shows no key to type');
  return key;
}

async function factorsOf(userId: string) {
  return one<{ passkeys: number; app: string | null; recoveryCodes: number }>(
    `SELECT (SELECT count(*)::int FROM "Passkey" WHERE "userId" = $1) AS "passkeys",
            (SELECT CASE WHEN "confirmedAt" IS NULL THEN 'waiting' ELSE 'set up' END FROM "TotpFactor" WHERE "userId" = $1) AS "app",
            (SELECT count(*)::int FROM "RecoveryCode" WHERE "userId" = $1 AND "usedAt" IS NULL) AS "recoveryCodes"`,
    [userId],
  );
}

function perActorCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const actor of SIGNED_IN) {
    const prepare = async (session: Session, ops: Ops): Promise<Prepared> => {
      const holder = await holderFor(session, ops, actor, 'starts');
      return { holder, actAs: holder.context, actAsViewer: holder.viewer };
    };
    cells.push(
      {
        title: `startPasskeyRegistrationAction by ${actor} (a fresh account of that clinic and role; a userId field naming the demo surgeon is ignored): a challenge for that account, no audit row`,
        actor,
        resources: ['user'],
        verb: 'create',
        action: 'startPasskeyRegistrationAction',
        prepare,
        request: async () => ({ page: '/account', fields: {} }),
        expect: { outcome: 'ok', audit: null },
        probes: (w) => [demoFactorsProbe(w)],
        sends: (prepared) => [holderOf(prepared).account.email, Buffer.from(holderOf(prepared).account.userId, 'utf8').toString('base64url')],
        verify: async (_w, prepared, answer) => {
          const holder = holderOf(prepared);
          const options = dataOf<{ challenge: string; user: { name: string; id: string } }>(answer, 'registration options');
          expect(options.user.name).toBe(holder.account.email);
          expect(Buffer.from(options.user.id, 'base64url').toString('utf8')).toBe(holder.account.userId);
          const stored = await rows<{ userId: string }>(`SELECT "userId" FROM "AuthChallenge" WHERE "challenge" = $1 AND "purpose"::text = 'PASSKEY_REGISTER'`, [options.challenge]);
          expect(stored, 'the challenge is kept on the server, bound to that account').toEqual([{ userId: holder.account.userId }]);
        },
      },
      {
        title: `startAuthenticatorAppAction by ${actor} (a fresh account of that clinic and role): an app waits for its first code, audited`,
        actor,
        resources: ['user'],
        verb: 'create',
        action: 'startAuthenticatorAppAction',
        prepare,
        request: async () => ({ page: '/account', fields: {} }),
        expect: { outcome: 'ok', audit: 'second_factor.authenticator_started' },
        probes: (w) => [demoFactorsProbe(w)],
        verify: async (_w, prepared) => {
          expect((await factorsOf(holderOf(prepared).account.userId)).app).toBe('waiting');
        },
      },
    );
  }
  return cells;
}

/**
 * One account of each role goes through every factor action, in order: a passkey, a challenge to sign with it,
 * new recovery codes, an authenticator app confirmed with its code and removed with the passkey in place of the
 * password, the passkey removed with the password. Each cell prepares what it needs, so one alone still runs.
 */
function lifecycleCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const actor of ['harborTherapist', 'summitSurgeon', 'harborAdmin', 'harborPatient'] as const) {
    const base = async (session: Session, ops: Ops) => {
      const holder = await holderFor(session, ops, actor, 'lifecycle');
      return { holder, actAs: holder.context, actAsViewer: holder.viewer } as Prepared;
    };
    cells.push(
      {
        title: `addPasskeyAction by ${actor} (a fresh account): the passkey made for its challenge is added, with ten recovery codes shown once`,
        actor,
        resources: ['user'],
        verb: 'create',
        action: 'addPasskeyAction',
        prepare: async (session, ops) => {
          const prepared = await base(session, ops);
          const holder = holderOf(prepared);
          const authenticator = new SoftAuthenticator(session.world.origin);
          const options = dataOf<{ challenge: string; rp: { id?: string } }>(await session.act(holder.context, 'startPasskeyRegistrationAction', '/account', {}), 'start a passkey');
          return { ...prepared, authenticator, answer: authenticator.register(options) };
        },
        request: async (_w, prepared) => ({ page: '/account', fields: { name: 'Work laptop', answer: prepared.answer as string } }),
        expect: { outcome: 'ok', audit: 'second_factor.passkey_added' },
        probes: (w) => [demoFactorsProbe(w)],
        verify: async (_w, prepared, answer) => {
          const holder = holderOf(prepared);
          holder.authenticator = prepared.authenticator as SoftAuthenticator;
          const { recoveryCodes } = dataOf<{ recoveryCodes: string[] | null }>(answer, 'passkey added');
          expect(recoveryCodes).toHaveLength(10);
          expect(await factorsOf(holder.account.userId)).toMatchObject({ passkeys: 1, recoveryCodes: 10 });
        },
      },
      {
        title: `startPasskeyConfirmationAction by ${actor} (a fresh account with a passkey): a challenge only that account's passkey may answer, no audit row`,
        actor,
        resources: ['user'],
        verb: 'read',
        action: 'startPasskeyConfirmationAction',
        prepare: async (session, ops) => {
          const prepared = await base(session, ops);
          await ensurePasskey(session, holderOf(prepared));
          return prepared;
        },
        request: async () => ({ page: '/account', fields: {} }),
        expect: { outcome: 'ok', audit: null },
        probes: (w) => [demoFactorsProbe(w)],
        verify: async (_w, prepared, answer) => {
          const holder = holderOf(prepared);
          const options = dataOf<{ challenge: string; allowCredentials: Array<{ id: string }> }>(answer, 'confirmation options');
          expect(options.allowCredentials.map((credential) => credential.id)).toEqual([holder.authenticator?.id]);
          const stored = await rows<{ userId: string }>(`SELECT "userId" FROM "AuthChallenge" WHERE "challenge" = $1 AND "purpose"::text = 'PASSKEY_CONFIRM'`, [options.challenge]);
          expect(stored).toEqual([{ userId: holder.account.userId }]);
        },
      },
      {
        title: `makeRecoveryCodesAction by ${actor} (a fresh account with a passkey, the password typed again): ten new codes, the old ones gone`,
        actor,
        resources: ['user'],
        verb: 'create',
        action: 'makeRecoveryCodesAction',
        prepare: async (session, ops) => {
          const prepared = await base(session, ops);
          await ensurePasskey(session, holderOf(prepared));
          const before = await rows<{ codeHash: string }>('SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = $1', [holderOf(prepared).account.userId]);
          return { ...prepared, before: before.map((code) => code.codeHash) };
        },
        request: async (_w, prepared) => ({ page: '/account', fields: { password: holderOf(prepared).account.password } }),
        expect: { outcome: 'ok', audit: 'second_factor.recovery_codes_made' },
        probes: (w) => [demoFactorsProbe(w)],
        verify: async (_w, prepared, answer) => {
          expect(dataOf<{ recoveryCodes: string[] }>(answer, 'new codes').recoveryCodes).toHaveLength(10);
          const after = await rows<{ codeHash: string }>('SELECT "codeHash" FROM "RecoveryCode" WHERE "userId" = $1', [holderOf(prepared).account.userId]);
          expect(after).toHaveLength(10);
          for (const old of prepared.before as string[]) expect(after.map((code) => code.codeHash)).not.toContain(old);
        },
      },
      {
        title: `confirmAuthenticatorAppAction by ${actor} (a fresh account): the code the app shows confirms it`,
        actor,
        resources: ['user'],
        verb: 'update',
        action: 'confirmAuthenticatorAppAction',
        prepare: async (session, ops) => {
          const prepared = await base(session, ops);
          const holder = holderOf(prepared);
          if ((await factorsOf(holder.account.userId)).app !== 'waiting') dataOf(await session.act(holder.context, 'startAuthenticatorAppAction', '/account', {}), 'start an app');
          return { ...prepared, key: await pendingAppKey(holder) };
        },
        request: async (_w, prepared) => ({ page: '/account', fields: { code: await generate({ secret: prepared.key as string }) } }),
        expect: { outcome: 'ok', audit: 'second_factor.authenticator_added' },
        probes: (w) => [demoFactorsProbe(w)],
        verify: async (_w, prepared) => {
          expect((await factorsOf(holderOf(prepared).account.userId)).app).toBe('set up');
        },
      },
      {
        title: `removeAuthenticatorAppAction by ${actor} (a fresh account, its passkey answering in place of the password)`,
        actor,
        resources: ['user'],
        verb: 'update',
        action: 'removeAuthenticatorAppAction',
        prepare: async (session, ops) => {
          const prepared = await base(session, ops);
          const holder = holderOf(prepared);
          if ((await factorsOf(holder.account.userId)).app === null) dataOf(await session.act(holder.context, 'startAuthenticatorAppAction', '/account', {}), 'start an app');
          return { ...prepared, passkeyAnswer: await passkeyAnswer(session, holder) };
        },
        request: async (_w, prepared) => ({ page: '/account', fields: { password: '', passkeyAnswer: prepared.passkeyAnswer as string } }),
        expect: { outcome: 'ok', audit: 'second_factor.authenticator_removed' },
        probes: (w) => [demoFactorsProbe(w)],
        verify: async (_w, prepared) => {
          expect((await factorsOf(holderOf(prepared).account.userId)).app).toBeNull();
          const used = await rows<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "actorId" = $1 AND "action" = 'auth.passkey_used'`, [holderOf(prepared).account.userId]);
          expect(used.length, 'the passkey answered in place of the password').toBeGreaterThan(0);
        },
      },
      {
        title: `removePasskeyAction by ${actor} (a fresh account, its own passkey, the password typed again)`,
        actor,
        resources: ['user'],
        verb: 'update',
        action: 'removePasskeyAction',
        prepare: async (session, ops) => {
          const prepared = await base(session, ops);
          const holder = holderOf(prepared);
          await ensurePasskey(session, holder);
          const passkey = await one<{ id: string }>('SELECT "id" FROM "Passkey" WHERE "userId" = $1 ORDER BY "createdAt" LIMIT 1', [holder.account.userId]);
          return { ...prepared, passkeyId: passkey.id };
        },
        request: async (_w, prepared) => ({ page: '/account', fields: { passkeyId: prepared.passkeyId as string, password: holderOf(prepared).account.password } }),
        expect: { outcome: 'ok', audit: 'second_factor.passkey_removed' },
        probes: (w) => [demoFactorsProbe(w), suitePasskeyProbe()],
        verify: async (_w, prepared) => {
          const holder = holderOf(prepared);
          holder.authenticator = null;
          expect((await factorsOf(holder.account.userId)).passkeys).toBe(0);
        },
      },
    );
  }
  return cells;
}

/** A clinic of the suite's own, with an admin signed in: the only clinic whose staff are ever required a factor here. */
async function ownClinicAdmin(session: Session): Promise<{ clinicId: string; userId: string; context: APIRequestContext }> {
  const tag = randomBytes(5).toString('hex');
  const clinicId = `c${randomBytes(12).toString('hex')}`;
  const userId = `c${randomBytes(12).toString('hex')}`;
  const email = `authz-sf-admin-${tag}@example.test`;
  await rows(`INSERT INTO "Clinic" ("id", "name", "createdAt") VALUES ($1, $2, now())`, [clinicId, `Authz Second Factor Clinic ${tag}`]);
  await rows(
    `INSERT INTO "User" ("id", "clinicId", "email", "name", "role", "passwordHash", "isActive", "sessionVersion", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, 'ADMIN'::"Role", (SELECT "passwordHash" FROM "User" WHERE "email" = 'therapist@harbor.test'), true, 0, now(), now())`,
    [userId, clinicId, email, `Authz admin ${tag}`],
  );
  return { clinicId, userId, context: await session.signIn(email, DEMO_PASSWORD) };
}

function requirementCells(): AllowedCell[] {
  const requiredOf = async (clinicId: string) => (await one<{ required: boolean }>('SELECT "requireStaffSecondFactor" AS "required" FROM "Clinic" WHERE "id" = $1', [clinicId])).required;
  const cells: AllowedCell[] = ADMINS.map((admin) => ({
    // The demo clinics' staff sign in all through the run: their own clinic's setting is saved as it stands (no).
    title: `setStaffSecondFactorAction by ${admin}: their own clinic's setting saved as it stands is accepted and changes nothing (no audit row)`,
    actor: admin,
    resources: ['clinic'],
    verb: 'update',
    action: 'setStaffSecondFactorAction',
    prepare: async (session) => {
      const clinicId = session.world.clinicId[admin === 'harborAdmin' ? 'harbor' : 'summit'];
      expect(await requiredOf(clinicId), 'the demo clinics never require a factor').toBe(false);
      return { clinicId };
    },
    request: async () => ({ page: '/admin/clinic', fields: { required: 'no' } }),
    expect: { outcome: 'ok', audit: null },
    probes: (w) => [demoClinicsRequirementProbe(w)],
  }));
  cells.push({
    title: "setStaffSecondFactorAction by an admin of a clinic of the suite's own: required, audited with before and after; the demo clinics untouched",
    actor: 'harborAdmin',
    resources: ['clinic'],
    verb: 'update',
    action: 'setStaffSecondFactorAction',
    prepare: async (session) => {
      const admin = await ownClinicAdmin(session);
      return { ...admin, actAs: admin.context };
    },
    request: async () => ({ page: '/admin/clinic', fields: { required: 'yes' } }),
    expect: { outcome: 'ok', audit: 'clinic.second_factor' },
    probes: (w) => [demoClinicsRequirementProbe(w)],
    verify: async (_w, prepared) => {
      expect(await requiredOf(prepared.clinicId as string)).toBe(true);
      const [audit] = await rows<{ entityId: string; before: unknown; after: unknown }>(
        `SELECT "entityId", "before", "after" FROM "AuditEvent" WHERE "action" = 'clinic.second_factor' AND "actorId" = $1 ORDER BY "id" DESC LIMIT 1`,
        [prepared.userId as string],
      );
      expect(audit).toEqual({ entityId: prepared.clinicId, before: { required: false }, after: { required: true } });
    },
  });
  return cells;
}

/** An allowed actor pointed at another account's factor: not found, and nothing of it changes. */
function crossAccountCells(): AllowedCell[] {
  return [
    {
      title: "removePasskeyAction by harborTherapist (a fresh account) naming another fresh account's passkey, with its own right password",
      actor: 'harborTherapist',
      resources: ['user'],
      verb: 'update',
      action: 'removePasskeyAction',
      prepare: async (session, ops) => {
        const owner = await holderFor(session, ops, 'harborSurgeon', 'passkey owner');
        await ensurePasskey(session, owner);
        const intruder = await holderFor(session, ops, 'harborTherapist', 'intruder');
        const passkey = await one<{ id: string }>('SELECT "id" FROM "Passkey" WHERE "userId" = $1 LIMIT 1', [owner.account.userId]);
        return { holder: intruder, owner, passkeyId: passkey.id, actAs: intruder.context, actAsViewer: intruder.viewer };
      },
      request: async (_w, prepared) => ({ page: '/account', fields: { passkeyId: prepared.passkeyId as string, password: holderOf(prepared).account.password } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (_w, prepared) => [{ label: "the other account's passkeys", sql: 'SELECT "id", "name", "counter" FROM "Passkey" WHERE "userId" = $1 ORDER BY "id"', params: [(prepared.owner as Holder).account.userId] }],
    },
  ];
}

export const SECOND_FACTOR_CELLS: AllowedCell[] = [...perActorCells(), ...lifecycleCells(), ...requirementCells(), ...crossAccountCells()];

export const SECOND_FACTOR_EXISTENCE: ExistenceCase[] = [
  {
    action: 'removePasskeyAction',
    page: () => '/account',
    fields: async (_w, id) => ({ passkeyId: id, password: DEMO_PASSWORD }),
    realId: () => suitePasskeyId(),
    actors: ['harborAdmin', 'harborTherapist', 'summitAdmin', 'harborPatient'],
  },
];
