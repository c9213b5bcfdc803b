import { expect, type APIRequest, type APIRequestContext } from '@playwright/test';
import { one, rows } from './database';

export const DEMO_PASSWORD = 'demo-password';

export type Clinic = 'harbor' | 'summit';
export type Role = 'ADMIN' | 'THERAPIST' | 'SURGEON' | 'PATIENT';

export const CLINIC_NAMES: Record<Clinic, string> = { harbor: 'Harbor Spine & Rehab', summit: 'Summit Physio' };

/**
 * Everyone the suite acts as. The demo data has one therapist and one surgeon per clinic and no Summit
 * admin, so the suite adds three users (fixtures, written straight to the database with the demo password):
 * a second Harbor therapist and surgeon who are on nobody's care team but their own patients' (care-team
 * scoping inside one clinic), and a Summit admin (clinic scoping for the widest role).
 */
export const ACTORS = {
  signedOut: { label: 'signed out', email: null, clinic: null, role: null },
  harborAdmin: { label: 'Harbor admin', email: 'admin@harbor.test', clinic: 'harbor', role: 'ADMIN' },
  harborTherapist: { label: "Harbor therapist (Sam's care team)", email: 'therapist@harbor.test', clinic: 'harbor', role: 'THERAPIST' },
  harborSurgeon: { label: "Harbor surgeon (Sam's surgeon)", email: 'surgeon@harbor.test', clinic: 'harbor', role: 'SURGEON' },
  harborPatient: { label: 'Harbor patient (Sam)', email: 'patient@harbor.test', clinic: 'harbor', role: 'PATIENT' },
  harborFusionPatient: { label: 'Harbor patient after a fusion (Morgan)', email: 'fusion.patient@harbor.test', clinic: 'harbor', role: 'PATIENT' },
  harborOtherTherapist: { label: 'Harbor therapist, other care team', email: 'therapist-b.authz@harbor.test', clinic: 'harbor', role: 'THERAPIST', fixtureName: 'Taylor Brook' },
  harborOtherSurgeon: { label: 'Harbor surgeon, other care team', email: 'surgeon-b.authz@harbor.test', clinic: 'harbor', role: 'SURGEON', fixtureName: 'Dr. Zoe Park' },
  summitAdmin: { label: 'Summit admin', email: 'admin.authz@summit.test', clinic: 'summit', role: 'ADMIN', fixtureName: 'Rene Summit' },
  summitTherapist: { label: 'Summit therapist', email: 'therapist@summit.test', clinic: 'summit', role: 'THERAPIST' },
  summitSurgeon: { label: 'Summit surgeon', email: 'surgeon@summit.test', clinic: 'summit', role: 'SURGEON' },
  summitPatient: { label: 'Summit patient (Robin)', email: 'patient@summit.test', clinic: 'summit', role: 'PATIENT' },
} as const satisfies Record<string, { label: string; email: string | null; clinic: Clinic | null; role: Role | null; fixtureName?: string }>;

export type ActorKey = keyof typeof ACTORS;
export type SignedInKey = Exclude<ActorKey, 'signedOut'>;
export const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

/** Users only setUserActive touches, so deactivating one can never lock out anyone the suite signs in as. */
export const TARGET_USERS: Record<Clinic, { email: string; name: string }> = {
  harbor: { email: 'target.authz@harbor.test', name: 'Morgan Target' },
  summit: { email: 'target.authz@summit.test', name: 'Sasha Target' },
};

function newCuidLike(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'c';
  for (let index = 0; index < 24; index += 1) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

async function ensureUser(clinic: Clinic, email: string, name: string, role: Role, { reactivate }: { reactivate: boolean }): Promise<void> {
  // Same password hash as the demo therapist: the demo password, hashed once by the seed.
  await rows(
    `INSERT INTO "User" ("id", "clinicId", "email", "name", "role", "passwordHash", "isActive", "sessionVersion", "createdAt", "updatedAt")
     SELECT $1, c."id", $2, $3, $4::"Role", (SELECT "passwordHash" FROM "User" WHERE "email" = 'therapist@harbor.test'), true, 0, now(), now()
     FROM "Clinic" c WHERE c."name" = $5
     ON CONFLICT ("email") DO NOTHING`,
    [newCuidLike(), email, name, role, CLINIC_NAMES[clinic]],
  );
  // A run that stopped half-way may have left an actor deactivated or with another password. Targets are
  // left alone: the other spec file may be deactivating one right now (its cell reactivates it first).
  if (!reactivate) return;
  await rows(
    `UPDATE "User" SET "isActive" = true, "passwordHash" = (SELECT "passwordHash" FROM "User" WHERE "email" = 'therapist@harbor.test')
     WHERE "email" = $1 AND (NOT "isActive" OR "passwordHash" IS DISTINCT FROM (SELECT "passwordHash" FROM "User" WHERE "email" = 'therapist@harbor.test'))`,
    [email],
  );
}

export async function ensureFixtureUsers(): Promise<void> {
  for (const actor of Object.values(ACTORS)) {
    if ('fixtureName' in actor) await ensureUser(actor.clinic, actor.email, actor.fixtureName, actor.role, { reactivate: true });
  }
  await ensureUser('harbor', TARGET_USERS.harbor.email, TARGET_USERS.harbor.name, 'THERAPIST', { reactivate: false });
  await ensureUser('summit', TARGET_USERS.summit.email, TARGET_USERS.summit.name, 'THERAPIST', { reactivate: false });
}

let ipCounter = 0;

/**
 * A fresh client address for one request. The app records X-Forwarded-For as the audit row's IP, so a
 * unique address per request tells exactly which audit rows that request wrote, even while other specs act
 * as the same demo users at the same time. The process id keeps two workers' addresses apart.
 */
export function nextIp(): string {
  ipCounter += 1;
  return `fd00::${process.pid.toString(16)}:${ipCounter.toString(16)}`;
}

export function newAnonymousContext(request: APIRequest, baseURL: string): Promise<APIRequestContext> {
  // One connection per request: a kept-alive socket that the server closes after its 5 s idle timeout,
  // just as the next request reuses it, fails that request with ECONNRESET.
  return request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': nextIp(), connection: 'close' } });
}

/**
 * Signs in the way next-auth v4's credentials form does, over plain HTTP: the CSRF token (and its cookie)
 * from /api/auth/csrf, then a form POST to the credentials callback. The context keeps the session cookie.
 */
export async function signInOverHttp(request: APIRequest, baseURL: string, email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const context = await newAnonymousContext(request, baseURL);
  expect(await trySignIn(context, email, password), `sign-in of ${email}`).toBe(true);
  return context;
}

/** Tries the credentials form in `context` (which keeps the cookie): whether it opened a session for `email`. */
export async function trySignIn(context: APIRequestContext, email: string, password: string): Promise<boolean> {
  const csrf = await context.get('/api/auth/csrf');
  expect(csrf.ok(), 'GET /api/auth/csrf').toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await context.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
  const session = (await (await context.get('/api/auth/session')).json()) as { user?: { email?: string } };
  return session.user?.email === email;
}

export async function userIdOf(email: string): Promise<string> {
  return (await one<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = $1', [email])).id;
}
