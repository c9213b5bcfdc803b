import { expect, type APIRequest, type APIRequestContext } from '@playwright/test';
import {
  ACTOR_KEYS,
  ACTORS,
  DEMO_PASSWORD,
  TARGET_USERS,
  ensureFixtureUsers,
  newAnonymousContext,
  nextIp,
  signInOverHttp,
  userIdOf,
  type ActorKey,
  type Clinic,
  type SignedInKey,
} from './actors';
import { one, rows, withLock } from './database';
import { describeAnswer, loadActions, postAction, type ActionAnswer, type ActionName, type ActionRef, type Fields } from './server-actions';
import { postMedia, uploadBody } from './media';
import { noteSnippet, type Viewer } from './payload';

import { isoDaysAgo } from '../../support/clinic-day';
import { DECOMPRESSION_PROTOCOL } from '../../../../prisma/data/catalog';

export { isoDaysAgo };

let stampCounter = 0;
/** A short token unique to this process and call, for names and emails of records the suite creates. */
export function uniqueStamp(): string {
  stampCounter += 1;
  return `${Date.now().toString(36)}${process.pid.toString(36)}${stampCounter.toString(36)}`;
}

/**
 * The email of an account the suite makes: short on purpose. The clinic's user list (/admin) shows each email
 * unbroken, and at phone width a long one pushes the page sideways (a known bug, pinned in
 * tests/e2e/pages/long-email.spec.ts): the suite's accounts must not trip other specs' layout checks.
 */
export function suiteEmail(local: string): string {
  return `${local}@e.test`;
}

/** Only letters: last names are matched as whole words in the leak checks. */
export function uniqueLastName(prefix: string): string {
  const letters = uniqueStamp().replace(/[0-9]/g, (digit) => 'abcdefghij'[Number(digit)] ?? 'x');
  return `${prefix}${letters}`;
}

export type PatientRef = { patientId: string; userId: string | null; lastName: string; clinic: Clinic };

/** The exercises of the decompression protocol's first phase, in order: a new patient's first draft. */
export const FIRST_PHASE: readonly string[] = DECOMPRESSION_PROTOCOL.phases[0]?.exercises.map((entry) => entry.name) ?? [];

/** What the suite's photo of a demo exercise says of itself (found again on the next run). */
export const SUITE_PHOTO = 'Authorization suite photo';

/**
 * A Harbor patient of the second care team (Taylor Brook and Dr. Zoe Park) who used the portal: more than a
 * page of logged sessions, alerts open and acknowledged. Made by the suite, then only read or refused.
 */
export type AlertedPatient = PatientRef & {
  /** Open: a pain alert (high back pain) and a warning-sign alert (a fall). */
  painAlertId: string;
  signAlertId: string;
  /** Acknowledged: a pain alert (by the therapist) and a warning-sign alert (calf pain, by the surgeon), with their notes. */
  closedPainAlertId: string;
  closedSignAlertId: string;
  painAckNote: string;
  signAckNote: string;
  /** The oldest logged session (on page 2 of the sessions) and its note; the newest one's note (page 1 only). */
  oldestSessionId: string;
  pageTwoNote: string;
  pageOneNote: string;
};

export type World = {
  baseURL: string;
  origin: string;
  clinicId: Record<Clinic, string>;
  userId: Record<SignedInKey, string>;
  targetUserId: Record<Clinic, string>;
  /** The demo surgeon of each clinic, and Harbor's second surgeon (a fixture). */
  surgeonId: { harbor: string; summit: string; harborOther: string };
  sam: PatientRef;
  /** Morgan Ellis, 45 days after a fusion: Jordan's and Dr. Shah's, with Dr. Shah's signed orders (prisma/seed.ts). */
  morgan: PatientRef;
  robin: PatientRef;
  /** Harbor patients of the second therapist and surgeon, made through the product in setup: nobody else's care team. */
  offTeamApproved: PatientRef;
  offTeamDraft: PatientRef;
  alerted: AlertedPatient;
  protocol: Record<Clinic, { id: string; phaseIds: string[] }>;
  exercise: Record<Clinic, Record<string, string>>;
  /** A stretch of each clinic's Bridging therapist notes: clinician-only text. */
  bridgingNotes: Record<Clinic, string>;
  /**
   * The suite's photo of Harbor's Side-lying clam, never shown first: cleared for Sam (signed off in phase 2),
   * on Morgan's draft only. Who may read it: Harbor's staff and Sam; everyone else is told it does not exist.
   */
  photo: { mediaId: string; exerciseId: string };
  /** Each clinic's own exercise made by the suite, with a photo: the media actions' refused rows and existence cases. */
  mediaExercise: Record<Clinic, { exerciseId: string; mediaId: string }>;
  /** Each clinic's exercise made by the suite for the media cells' own photos (one, so the catalog other specs read stays short). */
  cellExercise: Record<Clinic, string>;
};

export type Session = {
  world: World;
  actions: Record<ActionName, ActionRef>;
  context: (actor: ActorKey) => APIRequestContext;
  viewer: (actor: ActorKey) => Viewer;
  /** Posts a server action as an actor (or with a context of its own), from a fresh client address. */
  act: (as: ActorKey | APIRequestContext, action: ActionName, page: string, fields: Fields, options?: { origin?: string; ip?: string }) => Promise<ActionAnswer>;
  /** Extra signed-in contexts made during the run (fresh patients), disposed with the session. */
  signIn: (email: string, password: string) => Promise<APIRequestContext>;
  anonymous: () => Promise<APIRequestContext>;
  dispose: () => Promise<void>;
};

async function patientByEmail(email: string, clinic: Clinic): Promise<PatientRef> {
  const row = await one<{ id: string; userId: string | null; lastName: string }>('SELECT "id", "userId", "lastName" FROM "Patient" WHERE "email" = $1', [email]);
  return { patientId: row.id, userId: row.userId, lastName: row.lastName, clinic };
}

/** The clinic's decompression protocol (prisma/data/catalog.ts): the suite registers its own patients on it. */
async function loadProtocol(clinicId: string) {
  const phases = await rows<{ protocolId: string; phaseId: string }>(
    `SELECT r."id" AS "protocolId", ph."id" AS "phaseId" FROM "Protocol" r JOIN "ProtocolPhase" ph ON ph."protocolId" = r."id"
     WHERE r."clinicId" = $1 AND r."name" = $2 ORDER BY ph."position"`,
    [clinicId, DECOMPRESSION_PROTOCOL.name],
  );
  const [first] = phases;
  if (!first) throw new Error(`${DECOMPRESSION_PROTOCOL.name} protocol missing`);
  return { id: first.protocolId, phaseIds: phases.map((phase) => phase.phaseId) };
}

async function loadExercises(clinicId: string): Promise<Record<string, string>> {
  const found = await rows<{ id: string; name: string }>('SELECT "id", "name" FROM "Exercise" WHERE "clinicId" = $1', [clinicId]);
  return Object.fromEntries(found.map((exercise) => [exercise.name, exercise.id]));
}

async function bridgingNotes(clinicId: string): Promise<string> {
  const row = await one<{ therapistNotes: string }>(`SELECT "therapistNotes" FROM "Exercise" WHERE "clinicId" = $1 AND "name" = 'Bridging'`, [clinicId]);
  const snippet = noteSnippet(row.therapistNotes);
  if (!snippet) throw new Error('Bridging has no therapist notes to look for');
  return snippet;
}

// ---------------------------------------------------------------------------------------------------------
// Product operations used to prepare records. Each goes through the same server action a person would use,
// and stops the test with a clear message if the product refuses it.

export function expectRedirect(answer: ActionAnswer, what: string): string {
  expect(answer.kind, `${what}: ${describeAnswer(answer)}`).toBe('redirect');
  return answer.kind === 'redirect' ? answer.location : '';
}

export function expectOk(answer: ActionAnswer, what: string): unknown {
  expect(answer.kind === 'result' && answer.result.ok, `${what}: ${describeAnswer(answer)}`).toBe(true);
  return answer.kind === 'result' ? answer.result.data : undefined;
}

/** A draft's items as its page shows them once saved: what the approve form sends as `shownItems`. */
export async function shownItemsOf(versionId: string): Promise<string> {
  const items = await rows<Record<string, string>>(
    `SELECT "id" AS "itemId", "mode"::text AS "mode", "patientNotes", COALESCE("sets"::text, '') AS "sets", COALESCE("reps"::text, '') AS "reps",
            COALESCE("holdSeconds"::text, '') AS "holdSeconds", COALESCE("timesPerDay"::text, '') AS "timesPerDay", COALESCE("daysPerWeek"::text, '') AS "daysPerWeek",
            COALESCE("minutes"::text, '') AS "minutes", "side"::text AS "side"
     FROM "PlanItem" WHERE "versionId" = $1 ORDER BY "position"`,
    [versionId],
  );
  return JSON.stringify(items);
}

export async function draftOf(patientId: string) {
  const version = await one<{ id: string; lockVersion: number; number: number }>(
    `SELECT v."id", v."lockVersion", v."number" FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId" JOIN "Episode" e ON e."id" = pl."episodeId"
     WHERE e."patientId" = $1 AND v."status" = 'DRAFT'`,
    [patientId],
  );
  const items = await rows<{ id: string; exerciseId: string; exerciseName: string; mode: string }>(
    'SELECT "id", "exerciseId", "exerciseName", "mode" FROM "PlanItem" WHERE "versionId" = $1 ORDER BY "position"',
    [version.id],
  );
  return { ...version, items };
}

export async function pendingSignOffs(patientId: string) {
  return rows<{ id: string; contentHash: string; exerciseName: string; surgeonId: string }>(
    `SELECT s."id", s."contentHash", i."exerciseName", s."surgeonId" FROM "SignOff" s JOIN "PlanItem" i ON i."id" = s."itemId"
     WHERE s."patientId" = $1 AND s."status" = 'PENDING' ORDER BY i."position"`,
    [patientId],
  );
}

export function therapistClinic(actor: SignedInKey): Clinic {
  const clinic = ACTORS[actor].clinic;
  if (!clinic) throw new Error(`${actor} has no clinic`);
  return clinic;
}

export type Ops = ReturnType<typeof productOps>;

/** The surgeon each therapist's patients are registered with: together they are the care team. */
export const CARE_TEAM_SURGEON: Record<'harborTherapist' | 'harborOtherTherapist' | 'summitTherapist', SignedInKey> = {
  harborTherapist: 'harborSurgeon',
  harborOtherTherapist: 'harborOtherSurgeon',
  summitTherapist: 'summitSurgeon',
};

/** Every alert of a patient, oldest first. */
export async function alertsOf(patientId: string) {
  return rows<{ id: string; kind: string; cause: string; isOpen: boolean; acknowledgedById: string | null; acknowledgementNote: string | null }>(
    `SELECT "id", "kind"::text AS "kind", "cause", "acknowledgedAt" IS NULL AS "isOpen", "acknowledgedById", "acknowledgementNote"
     FROM "Alert" WHERE "patientId" = $1 ORDER BY "raisedAt", "id"`,
    [patientId],
  );
}

/** The one open alert of a patient for a cause ('PAIN', 'SIGN:FALL'). */
export async function openAlertId(patientId: string, cause: string): Promise<string> {
  return (await one<{ id: string }>('SELECT "id" FROM "Alert" WHERE "patientId" = $1 AND "cause" = $2 AND "acknowledgedAt" IS NULL', [patientId, cause])).id;
}

export type FreshAccount = { email: string; password: string; userId: string; clinic: Clinic; role: 'ADMIN' | 'THERAPIST' | 'SURGEON' | 'PATIENT'; patient: PatientRef | null };

export function productOps(session: Pick<Session, 'act' | 'world' | 'signIn' | 'anonymous' | 'context'>) {
  const { act, world } = session;
  return {
    /** Registers a patient as a therapist; the patient's first draft comes from the protocol's first phase. */
    async createPatient(therapist: SignedInKey, { surgeonId, prefix = 'Zzauthzown' }: { surgeonId?: string; prefix?: string } = {}): Promise<PatientRef> {
      const clinic = therapistClinic(therapist);
      const lastName = uniqueLastName(prefix);
      const email = suiteEmail(lastName.toLowerCase());
      const answer = await act(therapist, 'createPatientAction', '/patients/new', {
        firstName: 'Avery',
        lastName,
        dateOfBirth: '1970-05-06',
        phone: '',
        email,
        procedure: 'Lumbar microdiscectomy (L5-S1)',
        surgeryDate: isoDaysAgo(10),
        surgeonId: surgeonId ?? (therapist === 'harborOtherTherapist' ? world.surgeonId.harborOther : world.surgeonId[clinic]),
        protocolId: world.protocol[clinic].id,
      });
      const location = expectRedirect(answer, `${therapist} registers a patient`);
      const patientId = /^\/patients\/([a-z0-9]+)\/draft$/.exec(location)?.[1];
      if (!patientId) throw new Error(`unexpected redirect ${location}`);
      const user = await one<{ userId: string | null }>('SELECT "userId" FROM "Patient" WHERE "id" = $1', [patientId]);
      return { patientId, userId: user.userId, lastName, clinic };
    },
    async approve(therapist: SignedInKey, patient: PatientRef) {
      const draft = await draftOf(patient.patientId);
      const answer = await act(therapist, 'approveVersionAction', `/patients/${patient.patientId}/draft`, {
        patientId: patient.patientId,
        versionId: draft.id,
        lockVersion: String(draft.lockVersion),
        password: DEMO_PASSWORD,
        shownItems: await shownItemsOf(draft.id),
      });
      expectRedirect(answer, `${therapist} approves version ${draft.number}`);
    },
    async discard(therapist: SignedInKey, patient: PatientRef) {
      const draft = await draftOf(patient.patientId);
      const answer = await act(therapist, 'discardDraftAction', `/patients/${patient.patientId}/draft`, {
        patientId: patient.patientId,
        versionId: draft.id,
        lockVersion: String(draft.lockVersion),
      });
      expectRedirect(answer, `${therapist} discards version ${draft.number}`);
    },
    async signAll(surgeon: SignedInKey, patient: PatientRef) {
      for (const signOff of await pendingSignOffs(patient.patientId)) {
        const answer = await act(surgeon, 'decideSignOffAction', '/sign-offs', {
          signOffId: signOff.id,
          contentHash: signOff.contentHash,
          decision: 'SIGN',
          reason: '',
          password: DEMO_PASSWORD,
        });
        expectOk(answer, `${surgeon} signs off ${signOff.exerciseName}`);
      }
    },
    async invite(therapist: SignedInKey, patient: PatientRef): Promise<string> {
      const answer = await act(therapist, 'createInvitationAction', `/patients/${patient.patientId}`, { patientId: patient.patientId });
      const data = expectOk(answer, `${therapist} creates an invitation`) as { path?: string };
      const token = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(data.path ?? '')?.[1];
      if (!token) throw new Error(`unexpected invitation path ${String(data.path)}`);
      return token;
    },
    async setPassword(token: string, password: string) {
      const anonymous = await session.anonymous();
      const answer = await act(anonymous, 'setPasswordAction', `/invite/${token}`, { token, password, repeatPassword: password });
      expectOk(answer, 'the patient sets a password from the invitation');
    },
    /** A patient of the clinic with a portal account, Walking approved and signed off, signed in (care team: `therapist` and their surgeon). */
    async portalPatient(
      clinic: Clinic,
      { therapist = clinic === 'harbor' ? 'harborTherapist' : 'summitTherapist', prefix }: { therapist?: keyof typeof CARE_TEAM_SURGEON; prefix?: string } = {},
    ): Promise<{ patient: PatientRef; context: APIRequestContext }> {
      const surgeon = CARE_TEAM_SURGEON[therapist];
      const patient = await this.createPatient(therapist, { prefix });
      await this.approve(therapist, patient);
      await this.signAll(surgeon, patient);
      const token = await this.invite(therapist, patient);
      const password = `authz portal ${uniqueStamp()}`;
      await this.setPassword(token, password);
      const email = (await one<{ email: string }>('SELECT "email" FROM "User" WHERE "id" = $1', [patient.userId])).email;
      return { patient, context: await session.signIn(email, password) };
    },
    /** The signed-in patient in `context` logs a session of Walking (their clinic's); returns the action's answer data. */
    async logWalking(context: APIRequestContext, clinic: Clinic, { performedOn = isoDaysAgo(0), backPain = 2, legPain = 1, note = '' }: { performedOn?: string; backPain?: number; legPain?: number; note?: string } = {}) {
      const answer = await act(context, 'logSessionAction', '/portal', {
        exerciseId: world.exercise[clinic].Walking ?? '',
        performedOn,
        completed: 'yes',
        setsCompleted: '',
        backPain: String(backPain),
        legPain: String(legPain),
        note,
      });
      return expectOk(answer, `a ${clinic} patient logs Walking (back pain ${backPain})`) as { sessionId: string; alertRaised: boolean };
    },
    /** The signed-in patient in `context` reports warning signs, as the portal's form does. */
    async reportSigns(context: APIRequestContext, signs: string[]) {
      const answer = await act(context, 'reportWarningSignsAction', '/portal', { signs, submissionKey: `authz-${uniqueStamp()}` });
      return expectOk(answer, `a patient reports ${signs.join(', ')}`);
    },
    /** A clinician of the care team closes an alert with a note (therapists from the caseload, surgeons from the sign-off queue). */
    async acknowledge(clinician: SignedInKey, alertId: string, note: string) {
      const page = ACTORS[clinician].role === 'SURGEON' ? '/sign-offs' : '/caseload';
      expectOk(await act(clinician, 'acknowledgeAlertAction', page, { alertId, note }), `${clinician} acknowledges an alert`);
    },
    /** A staff member added by the clinic's admin, with a password set from the invitation link. */
    async staffMember(clinic: Clinic, role: 'ADMIN' | 'THERAPIST' | 'SURGEON'): Promise<FreshAccount> {
      const admin = clinic === 'harbor' ? 'harborAdmin' : 'summitAdmin';
      const stamp = uniqueStamp();
      const email = suiteEmail(`authz.staff.${stamp}`);
      const answer = await act(admin, 'createStaffUserAction', '/admin', { name: `Zz Authz Staff ${stamp}`, email, role });
      const data = expectOk(answer, `${admin} adds a ${role.toLowerCase()}`) as { path?: string };
      const token = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(data.path ?? '')?.[1];
      if (!token) throw new Error(`unexpected invitation path ${String(data.path)}`);
      const password = `authz staff ${uniqueStamp()}`;
      await this.setPassword(token, password);
      const { id } = await one<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = $1', [email]);
      return { email, password, userId: id, clinic, role, patient: null };
    },
    /** A new account with the same clinic and role as `like`, so the demo users' passwords and sessions stay. */
    async freshAccount(like: SignedInKey): Promise<FreshAccount> {
      const clinic = therapistClinic(like);
      const role = ACTORS[like].role;
      if (role !== 'PATIENT') return this.staffMember(clinic, role);
      const therapist = clinic === 'harbor' ? 'harborTherapist' : 'summitTherapist';
      const patient = await this.createPatient(therapist);
      const token = await this.invite(therapist, patient);
      const password = `authz patient ${uniqueStamp()}`;
      await this.setPassword(token, password);
      const { email } = await one<{ email: string }>('SELECT "email" FROM "User" WHERE "id" = $1', [patient.userId]);
      return { email, password, userId: patient.userId ?? '', clinic, role, patient };
    },
    async createProtocol(actor: SignedInKey): Promise<string> {
      const answer = await act(actor, 'createProtocolAction', '/protocols', { name: `Zz Authz protocol ${uniqueStamp()}`, description: 'Made by the authorization suite.' });
      const location = expectRedirect(answer, `${actor} creates a protocol`);
      const protocolId = /^\/protocols\/([a-z0-9]+)$/.exec(location)?.[1];
      if (!protocolId) throw new Error(`unexpected redirect ${location}`);
      return protocolId;
    },
    async addPhase(actor: SignedInKey, protocolId: string): Promise<string> {
      const { lockVersion } = await protocolLock(protocolId);
      const answer = await act(actor, 'addProtocolPhaseAction', `/protocols/${protocolId}`, {
        protocolId,
        lockVersion: String(lockVersion),
        name: 'First weeks',
        earliestDay: '0',
        criteria: '',
        precautions: '',
      });
      expectOk(answer, `${actor} adds a phase`);
      return (await one<{ id: string }>('SELECT "id" FROM "ProtocolPhase" WHERE "protocolId" = $1 ORDER BY "position" DESC LIMIT 1', [protocolId])).id;
    },
    async setPhaseExercise(actor: SignedInKey, protocolId: string, phaseId: string, exerciseId: string) {
      const { lockVersion } = await protocolLock(protocolId);
      const answer = await act(actor, 'setPhaseExerciseAction', `/protocols/${protocolId}`, {
        phaseId,
        lockVersion: String(lockVersion),
        exerciseId,
        mode: 'SELF_DIRECTED',
        ...dosage({ minutes: '10', timesPerDay: '2' }),
      });
      expectOk(answer, `${actor} adds an exercise to a phase`);
    },
    async createExercise(admin: SignedInKey, name = `Zz Authz exercise ${uniqueStamp()}`): Promise<string> {
      const answer = await act(admin, 'createExerciseAction', '/catalog/new', exerciseFields(name));
      const location = expectRedirect(answer, `${admin} creates an exercise`);
      const exerciseId = /^\/catalog\/([a-z0-9]+)$/.exec(location)?.[1];
      if (!exerciseId) throw new Error(`unexpected redirect ${location}`);
      return exerciseId;
    },
    /** Uploads the suite's small JPEG to an exercise through the upload route, as `actor`; returns the new photo's id. */
    async uploadPhoto(actor: SignedInKey | APIRequestContext, exerciseId: string, description = SUITE_PHOTO): Promise<string> {
      const context = typeof actor === 'string' ? session.context(actor) : actor;
      const answer = await postMedia(context, exerciseId, await uploadBody({ description }));
      const text = await answer.text();
      expect(answer.status(), `${typeof actor === 'string' ? actor : 'a user'} uploads a photo: ${text.slice(0, 200)}`).toBe(201);
      return (JSON.parse(text) as { media: { id: string } }).media.id;
    },
    /** Shows a photo to patients first (or the drawing, with mediaId ''), through the catalog's form. */
    async featureMedia(actor: SignedInKey, exerciseId: string, mediaId: string) {
      expectOk(await act(actor, 'setFeaturedMediaAction', `/catalog/${exerciseId}`, { exerciseId, mediaId }), `${actor} shows a photo first`);
    },
    /** Records a patient's orders as their surgeon, through the patient page's form: 4 kg, no bending, no driving. */
    async recordOrder(surgeon: SignedInKey, patient: PatientRef, fields: Fields = {}) {
      const answer = await act(surgeon, 'recordSurgeonOrderAction', `/patients/${patient.patientId}`, orderFields(patient, { basedOnVersion: String(await latestOrderVersion(patient.patientId)), ...fields }));
      return expectOk(answer, `${surgeon} signs orders for ${patient.lastName}`) as { version: number; patientId: string };
    },
  };
}

/** The newest version of a patient's orders (0 when there is none): what the order form sends as basedOnVersion. */
export async function latestOrderVersion(patientId: string): Promise<number> {
  const [latest] = await rows<{ version: number }>(
    `SELECT o."version" FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" WHERE e."patientId" = $1 ORDER BY o."version" DESC LIMIT 1`,
    [patientId],
  );
  return latest?.version ?? 0;
}

/** The order form (app/(clinic)/patients/[patientId]/_components/surgeon-order-form.tsx) as a surgeon fills it in. */
export function orderFields(patient: PatientRef, change: Fields = {}): Fields {
  const until = { UntilDate: '', UntilPhaseId: '' };
  const ends = (kind: string) => Object.fromEntries(Object.entries(until).map(([key, value]) => [`${kind}${key}`, value]));
  return {
    patientId: patient.patientId,
    basedOnVersion: '0',
    liftingRule: 'LIMIT',
    liftingLimit: '4',
    liftingUnit: 'KG',
    ...ends('lifting'),
    bendingRule: 'AVOID',
    ...ends('bending'),
    twistingRule: 'ALLOWED',
    ...ends('twisting'),
    sittingRule: 'ALLOWED',
    sittingMinutes: '',
    ...ends('sitting'),
    drivingRule: 'AVOID',
    ...ends('driving'),
    note: '',
    password: DEMO_PASSWORD,
    ...change,
  };
}

export async function protocolLock(protocolId: string) {
  return one<{ lockVersion: number }>('SELECT "lockVersion" FROM "Protocol" WHERE "id" = $1', [protocolId]);
}

export function dosage(values: Partial<Record<'sets' | 'reps' | 'holdSeconds' | 'timesPerDay' | 'daysPerWeek' | 'minutes' | 'side', string>>): Fields {
  return { sets: '', reps: '', holdSeconds: '', timesPerDay: '', daysPerWeek: '', minutes: '', side: 'NONE', ...values };
}

export function exerciseFields(name: string, instructions = 'Stand tall near a counter.\nMarch gently in place for the time given.'): Fields {
  return {
    name,
    instructions,
    therapistNotes: 'Authorization suite record: clinician-only note.',
    category: 'MOBILITY',
    bodyRegion: 'Legs',
    position: 'Standing',
    equipment: '',
    ...dosage({ minutes: '5', timesPerDay: '1' }),
  };
}

/** Finds or makes the two off-care-team Harbor patients (both are only read or refused afterwards). */
async function ensureOffTeamPatients(ops: Ops): Promise<{ approved: PatientRef; draft: PatientRef }> {
  const existing = await rows<{ id: string; userId: string | null; lastName: string; hasDraft: boolean; pending: number }>(
    `SELECT p."id", p."userId", p."lastName",
       EXISTS (SELECT 1 FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId" JOIN "Episode" e ON e."id" = pl."episodeId" WHERE e."patientId" = p."id" AND v."status" = 'DRAFT') AS "hasDraft",
       (SELECT count(*)::int FROM "SignOff" s WHERE s."patientId" = p."id" AND s."status" = 'PENDING') AS "pending"
     FROM "Patient" p WHERE p."lastName" LIKE 'Zzauthzoffteam%' ORDER BY p."createdAt"`,
  );
  const approvedRow = existing.find((row) => !row.hasDraft && row.pending > 0);
  const draftRow = existing.find((row) => row.hasDraft);
  const approved = approvedRow
    ? { patientId: approvedRow.id, userId: approvedRow.userId, lastName: approvedRow.lastName, clinic: 'harbor' as const }
    : await (async () => {
        const created = await ops.createPatient('harborOtherTherapist', { prefix: 'Zzauthzoffteam' });
        await ops.approve('harborOtherTherapist', created);
        return created;
      })();
  const draft = draftRow
    ? { patientId: draftRow.id, userId: draftRow.userId, lastName: draftRow.lastName, clinic: 'harbor' as const }
    : await ops.createPatient('harborOtherTherapist', { prefix: 'Zzauthzoffteam' });
  return { approved, draft };
}

const ALERTED_SQL = `
  SELECT p."id", p."userId", p."lastName",
    (SELECT count(*)::int FROM "SessionLog" l WHERE l."patientId" = p."id") AS "logs",
    (SELECT a."id" FROM "Alert" a WHERE a."patientId" = p."id" AND a."cause" = 'PAIN' AND a."acknowledgedAt" IS NULL) AS "painAlertId",
    (SELECT a."id" FROM "Alert" a WHERE a."patientId" = p."id" AND a."cause" = 'SIGN:FALL' AND a."acknowledgedAt" IS NULL) AS "signAlertId",
    (SELECT a."id" FROM "Alert" a WHERE a."patientId" = p."id" AND a."cause" = 'PAIN' AND a."acknowledgedAt" IS NOT NULL ORDER BY a."raisedAt" LIMIT 1) AS "closedPainAlertId",
    (SELECT a."acknowledgementNote" FROM "Alert" a WHERE a."patientId" = p."id" AND a."cause" = 'PAIN' AND a."acknowledgedAt" IS NOT NULL ORDER BY a."raisedAt" LIMIT 1) AS "painAckNote",
    (SELECT a."id" FROM "Alert" a WHERE a."patientId" = p."id" AND a."cause" = 'SIGN:CALF' AND a."acknowledgedAt" IS NOT NULL ORDER BY a."raisedAt" LIMIT 1) AS "closedSignAlertId",
    (SELECT a."acknowledgementNote" FROM "Alert" a WHERE a."patientId" = p."id" AND a."cause" = 'SIGN:CALF' AND a."acknowledgedAt" IS NOT NULL ORDER BY a."raisedAt" LIMIT 1) AS "signAckNote",
    (SELECT l."id" FROM "SessionLog" l WHERE l."patientId" = p."id" ORDER BY l."performedOn", l."createdAt", l."id" LIMIT 1) AS "oldestSessionId",
    (SELECT l."note" FROM "SessionLog" l WHERE l."patientId" = p."id" ORDER BY l."performedOn", l."createdAt", l."id" LIMIT 1) AS "pageTwoNote",
    (SELECT l."note" FROM "SessionLog" l WHERE l."patientId" = p."id" ORDER BY l."performedOn" DESC, l."createdAt" DESC, l."id" DESC LIMIT 1) AS "pageOneNote"
  FROM "Patient" p WHERE p."lastName" LIKE 'Zzauthzalerted%' ORDER BY p."createdAt"`;

type AlertedRow = Record<Exclude<keyof AlertedPatient, 'patientId' | 'clinic'>, string | null> & { id: string; logs: number };

/** The patient page shows this many sessions a page (lib/server/patients/get-sessions-and-pain.ts). */
const SESSIONS_PAGE_SIZE = 20;

function completeAlerted(row: AlertedRow): AlertedPatient | null {
  const { id, logs, userId, ...found } = row;
  if (logs <= SESSIONS_PAGE_SIZE || Object.values(found).some((value) => !value)) return null;
  return { ...(found as Record<keyof typeof found, string>), patientId: id, userId, clinic: 'harbor' };
}

/**
 * Finds or makes the alerted patient, through the product: the second Harbor therapist registers them, Dr.
 * Park signs Walking off, the patient sets a password and logs more than a page of sessions (the oldest with
 * a note), logs high pain twice (the therapist acknowledges the first alert), and reports calf pain (the
 * surgeon acknowledges it) and a fall. A run that stopped half-way leaves an incomplete one, which is skipped.
 */
async function ensureAlertedPatient(ops: Ops): Promise<AlertedPatient> {
  for (const row of await rows<AlertedRow>(ALERTED_SQL)) {
    const complete = completeAlerted(row);
    if (complete) return complete;
  }
  const { patient, context } = await ops.portalPatient('harbor', { therapist: 'harborOtherTherapist', prefix: 'Zzauthzalerted' });
  const stamp = uniqueStamp();
  await ops.logWalking(context, 'harbor', { performedOn: isoDaysAgo(5), note: `Page two note ${stamp}: knees ached after the walk` });
  for (let day = 4; day >= 0; day -= 1) {
    for (let walk = 0; walk < 4; walk += 1) await ops.logWalking(context, 'harbor', { performedOn: isoDaysAgo(day) });
  }
  expect((await ops.logWalking(context, 'harbor', { backPain: 9, note: `High pain note ${stamp}` })).alertRaised, 'high pain raises an alert').toBe(true);
  await ops.acknowledge('harborOtherTherapist', await openAlertId(patient.patientId, 'PAIN'), `Pain acknowledged ${stamp}: rest and ice today`);
  expect((await ops.logWalking(context, 'harbor', { backPain: 8, note: `Page one note ${stamp}: the pain came back` })).alertRaised, 'high pain again raises a new alert').toBe(true);
  await ops.reportSigns(context, ['CALF']);
  await ops.acknowledge('harborOtherSurgeon', await openAlertId(patient.patientId, 'SIGN:CALF'), `Calf acknowledged ${stamp}: scan booked for tomorrow`);
  await ops.reportSigns(context, ['FALL']);
  const made = completeAlerted(await one<AlertedRow>(`SELECT * FROM (${ALERTED_SQL}) found WHERE found."id" = $1`, [patient.patientId]));
  if (!made) throw new Error(`the alerted patient ${patient.lastName} is incomplete`);
  return made;
}

/** The suite's photo of an exercise, found by its description, or uploaded by `uploader`. */
async function ensurePhoto(ops: Ops, uploader: SignedInKey, exerciseId: string): Promise<string> {
  const [found] = await rows<{ id: string }>(
    'SELECT "id" FROM "ExerciseMedia" WHERE "exerciseId" = $1 AND "description" = $2 AND "removedAt" IS NULL ORDER BY "createdAt" LIMIT 1',
    [exerciseId, SUITE_PHOTO],
  );
  return found?.id ?? ops.uploadPhoto(uploader, exerciseId);
}

/** An exercise of the clinic the suite made (its admin adds it), found again by the start of its name. */
async function ensureSuiteExercise(ops: Ops, clinic: Clinic, clinicId: string, name: string): Promise<string> {
  const [found] = await rows<{ id: string }>(`SELECT "id" FROM "Exercise" WHERE "clinicId" = $1 AND "name" LIKE $2 AND "retiredAt" IS NULL ORDER BY "createdAt" LIMIT 1`, [clinicId, `${name}%`]);
  return found?.id ?? ops.createExercise(clinic === 'harbor' ? 'harborAdmin' : 'summitAdmin', `${name} ${uniqueStamp()}`);
}

/** The clinic's exercise the suite made for the media actions' refused rows, with a photo its therapist uploaded. */
async function ensureMediaExercise(ops: Ops, clinic: Clinic, clinicId: string): Promise<{ exerciseId: string; mediaId: string }> {
  const exerciseId = await ensureSuiteExercise(ops, clinic, clinicId, 'Zz Authz media exercise');
  return { exerciseId, mediaId: await ensurePhoto(ops, clinic === 'harbor' ? 'harborTherapist' : 'summitTherapist', exerciseId) };
}

/**
 * Signs everyone in (once per worker) and finds the records the matrix names. Nothing of the demo data is
 * changed: the fixture users are new, and the off-care-team patients are the suite's own.
 */
export async function openSession(request: APIRequest, baseURL: string, projectRoot: string): Promise<Session> {
  await ensureFixtureUsers();
  const actions = loadActions(projectRoot);
  const contexts = new Map<ActorKey, APIRequestContext>();
  const extra: APIRequestContext[] = [];
  contexts.set('signedOut', await newAnonymousContext(request, baseURL));
  for (const key of ACTOR_KEYS) {
    const { email } = ACTORS[key];
    if (email) contexts.set(key, await signInOverHttp(request, baseURL, email));
  }
  const context = (actor: ActorKey) => {
    const found = contexts.get(actor);
    if (!found) throw new Error(`no context for ${actor}`);
    return found;
  };
  const origin = new URL(baseURL).origin;
  const act: Session['act'] = (as, action, page, fields, options = {}) =>
    postAction(typeof as === 'string' ? context(as) : as, actions[action], page, fields, { ip: options.ip ?? nextIp(), origin: options.origin ?? origin });

  const clinicRows = await rows<{ id: string; name: string }>('SELECT "id", "name" FROM "Clinic"');
  const clinicId = {
    harbor: clinicRows.find((clinic) => clinic.name === 'Harbor Spine & Rehab')?.id ?? '',
    summit: clinicRows.find((clinic) => clinic.name === 'Summit Physio')?.id ?? '',
  };
  const userId = {} as Record<SignedInKey, string>;
  for (const key of ACTOR_KEYS) {
    const { email } = ACTORS[key];
    if (key !== 'signedOut' && email) userId[key] = await userIdOf(email);
  }
  const partial = {
    baseURL,
    origin,
    clinicId,
    userId,
    targetUserId: { harbor: await userIdOf(TARGET_USERS.harbor.email), summit: await userIdOf(TARGET_USERS.summit.email) },
    surgeonId: { harbor: userId.harborSurgeon, summit: userId.summitSurgeon, harborOther: userId.harborOtherSurgeon },
    sam: await patientByEmail('patient@harbor.test', 'harbor'),
    morgan: await patientByEmail('fusion.patient@harbor.test', 'harbor'),
    robin: await patientByEmail('patient@summit.test', 'summit'),
    protocol: { harbor: await loadProtocol(clinicId.harbor), summit: await loadProtocol(clinicId.summit) },
    exercise: { harbor: await loadExercises(clinicId.harbor), summit: await loadExercises(clinicId.summit) },
    bridgingNotes: { harbor: await bridgingNotes(clinicId.harbor), summit: await bridgingNotes(clinicId.summit) },
  };
  const signIn = async (email: string, password: string) => {
    const signedIn = await signInOverHttp(request, baseURL, email, password);
    extra.push(signedIn);
    return signedIn;
  };
  const anonymous = async () => {
    const fresh = await newAnonymousContext(request, baseURL);
    extra.push(fresh);
    return fresh;
  };
  // The off-team patients are made through the product, as the second Harbor therapist.
  const bootstrap = { act, signIn, anonymous, context, world: { ...partial, offTeamApproved: partial.sam, offTeamDraft: partial.sam } as unknown as World };
  const ops = productOps(bootstrap);
  const sideLyingClam = partial.exercise.harbor['Side-lying clam'] ?? '';
  const suiteRecords = await withLock('authorization suite records', async () => ({
    offTeam: await ensureOffTeamPatients(ops),
    alerted: await ensureAlertedPatient(ops),
    photo: { exerciseId: sideLyingClam, mediaId: await ensurePhoto(ops, 'harborTherapist', sideLyingClam) },
    mediaExercise: { harbor: await ensureMediaExercise(ops, 'harbor', clinicId.harbor), summit: await ensureMediaExercise(ops, 'summit', clinicId.summit) },
    cellExercise: { harbor: await ensureSuiteExercise(ops, 'harbor', clinicId.harbor, 'Zz Authz media cells'), summit: await ensureSuiteExercise(ops, 'summit', clinicId.summit, 'Zz Authz media cells') },
  }));
  const { offTeam, alerted, photo, mediaExercise, cellExercise } = suiteRecords;
  const world: World = { ...partial, offTeamApproved: offTeam.approved, offTeamDraft: offTeam.draft, alerted, photo, mediaExercise, cellExercise };

  const viewer = (actor: ActorKey): Viewer => {
    const spec = ACTORS[actor];
    if (actor === 'signedOut') return { clinic: null, role: null, userId: null, patientId: null };
    const patientId = actor === 'harborPatient' ? world.sam.patientId : actor === 'harborFusionPatient' ? world.morgan.patientId : actor === 'summitPatient' ? world.robin.patientId : null;
    return { clinic: spec.clinic, role: spec.role, userId: userId[actor], patientId };
  };
  return {
    world,
    actions,
    context,
    viewer,
    act,
    signIn,
    anonymous,
    dispose: async () => {
      for (const open of [...contexts.values(), ...extra]) await open.dispose();
    },
  };
}
