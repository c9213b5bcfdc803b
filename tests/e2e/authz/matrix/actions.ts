import { expect, type APIRequestContext } from '@playwright/test';
import { ACTOR_KEYS, ACTORS, DEMO_PASSWORD, nextIp, trySignIn, type ActorKey, type SignedInKey } from '../support/actors';
import { one, rows, type Probe } from '../support/database';
import { describeAnswer, type ActionAnswer, type ActionName, type Fields } from '../support/server-actions';
import {
  CARE_TEAM_SURGEON,
  FIRST_PHASE,
  alertsOf,
  dosage,
  draftOf,
  exerciseFields,
  expectOk,
  isoDaysAgo,
  latestOrderVersion,
  openAlertId,
  orderFields,
  pendingSignOffs,
  productOps,
  protocolLock,
  shownItemsOf,
  suiteEmail,
  therapistClinic,
  uniqueLastName,
  uniqueStamp,
  type AlertedPatient,
  type FreshAccount,
  type Ops,
  type PatientRef,
  type Session,
  type World,
} from '../support/world';
import type { Viewer } from '../support/payload';
import type { Resource, Verb } from './pages';
import { SECOND_FACTOR_CELLS, SECOND_FACTOR_EXISTENCE, SECOND_FACTOR_ROWS } from './second-factor';

// The server-action half of the authorization matrix. Every action is posted directly (not through a form),
// by every actor, against a record of the demo data or of the suite's own setup. A refused request answers
// with the action's result code and changes nothing: the probes read the same before and after, and the
// audit trail has no SUCCESS row from that request. An allowed request is proven on records the actor owns
// (ALLOWED_CELLS), so Sam's demo plan, which other specs rely on, is never approved, signed or discarded.

export type Code = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID_INPUT' | 'CONFLICT';

export type ActionExpect =
  | { kind: 'refused'; code: Code }
  /** Allowed: proven by the named allowed cell on the actor's own records, not on this row's target. */
  | { kind: 'allowed'; provenBy: string };

export type ActionRow = {
  title: string;
  resources: Resource[];
  verb: Verb;
  action: ActionName;
  /** The page whose form posts this action: where the browser sends it. */
  page: (world: World) => string;
  fields: (world: World) => Promise<Fields>;
  /** Queries a refused request must leave unchanged. */
  probes: (world: World, fields: Fields) => Probe[];
  expect: Record<ActorKey, ActionExpect>;
};

const U: ActionExpect = { kind: 'refused', code: 'UNAUTHENTICATED' };
const NF: ActionExpect = { kind: 'refused', code: 'NOT_FOUND' };
const F: ActionExpect = { kind: 'refused', code: 'FORBIDDEN' };
const II: ActionExpect = { kind: 'refused', code: 'INVALID_INPUT' };
const C: ActionExpect = { kind: 'refused', code: 'CONFLICT' };
const A = (provenBy: string): ActionExpect => ({ kind: 'allowed', provenBy });

/** Signed out is always UNAUTHENTICATED; everyone not listed gets `others`. */
function refusedExcept(listed: Partial<Record<ActorKey, ActionExpect>>, others: ActionExpect): Record<ActorKey, ActionExpect> {
  return Object.fromEntries(ACTOR_KEYS.map((key) => [key, key === 'signedOut' ? U : (listed[key] ?? others)])) as Record<ActorKey, ActionExpect>;
}

const field = (fields: Fields, name: string): string => {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
};

function versionsProbe(patient: PatientRef): Probe {
  return {
    label: `plan versions of ${patient.lastName}`,
    sql: `SELECT v."id", v."number", v."status", v."lockVersion", v."approvedById", v."phaseId",
            (SELECT json_agg(json_build_object('id', i."id", 'exercise', i."exerciseName", 'mode', i."mode", 'hash', i."contentHash") ORDER BY i."position")
             FROM "PlanItem" i WHERE i."versionId" = v."id") AS "items"
          FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId" JOIN "Episode" e ON e."id" = pl."episodeId"
          WHERE e."patientId" = $1 ORDER BY v."number"`,
    params: [patient.patientId],
  };
}

function invitationsProbe(patient: PatientRef): Probe {
  return { label: `invitations of ${patient.lastName}`, sql: 'SELECT "id", "usedAt" FROM "Invitation" WHERE "userId" = $1 ORDER BY "id"', params: [patient.userId] };
}

/** What Regimen emailed a patient: a refused request queues nothing. */
function mailProbe(patient: PatientRef): Probe {
  return { label: `emails to ${patient.lastName}`, sql: 'SELECT "id", "kind", "status" FROM "MailMessage" WHERE "patientId" = $1 ORDER BY "id"', params: [patient.patientId] };
}

/** Sam's, Morgan's and Robin's reminder choices and calendar links, which the demo keeps as seeded. */
function remindersProbe(w: World): Probe {
  return {
    label: "Sam's, Morgan's and Robin's reminders and calendar links",
    sql: `SELECT p."id", (SELECT row_to_json(r) FROM "ReminderPreference" r WHERE r."patientId" = p."id") AS "preference",
            (SELECT json_agg(json_build_object('id', f."id", 'revokedAt', f."revokedAt") ORDER BY f."id") FROM "CalendarFeed" f WHERE f."patientId" = p."id") AS "feeds"
          FROM "Patient" p WHERE p."id" = ANY($1) ORDER BY p."id"`,
    params: [[w.sam.patientId, w.morgan.patientId, w.robin.patientId]],
  };
}

function portalAccountProbe(patient: PatientRef): Probe {
  return { label: `portal account of ${patient.lastName}`, sql: 'SELECT "passwordHash", "sessionVersion", "updatedAt" FROM "User" WHERE "id" = $1', params: [patient.userId] };
}

function protocolProbe(protocolId: string): Probe {
  return {
    label: 'protocol, phases and phase exercises',
    sql: `SELECT r."lockVersion", r."name", r."updatedAt",
            (SELECT json_agg(json_build_object('id', ph."id", 'name', ph."name", 'day', ph."earliestDay", 'criteria', ph."criteria",
               'exercises', (SELECT json_agg(json_build_object('exercise', x."exerciseId", 'mode', x."mode", 'minutes', x."minutes") ORDER BY x."position")
                             FROM "ProtocolPhaseExercise" x WHERE x."phaseId" = ph."id")) ORDER BY ph."position")
             FROM "ProtocolPhase" ph WHERE ph."protocolId" = r."id") AS "phases"
          FROM "Protocol" r WHERE r."id" = $1`,
    params: [protocolId],
  };
}

function exerciseProbe(exerciseId: string): Probe {
  return { label: 'catalog entry', sql: 'SELECT "name", "instructions", "therapistNotes", "retiredAt", "updatedAt" FROM "Exercise" WHERE "id" = $1', params: [exerciseId] };
}

/** A user's links, password and sessions: what a link or a reset would change. */
function accountProbes(userId: string): Probe[] {
  return [
    { label: 'invitations of the user', sql: 'SELECT "id", "usedAt" FROM "Invitation" WHERE "userId" = $1 ORDER BY "id"', params: [userId] },
    { label: 'password and sessions of the user', sql: 'SELECT "passwordHash", "sessionVersion", "updatedAt" FROM "User" WHERE "id" = $1', params: [userId] },
  ];
}

function userProbe(userId: string): Probe {
  return { label: 'user', sql: 'SELECT "isActive", "sessionVersion", "updatedAt" FROM "User" WHERE "id" = $1', params: [userId] };
}

/** Every alert of a patient as it stands: acknowledging one must close that one only. */
function alertsProbe(patient: PatientRef): Probe {
  return {
    label: `alerts of ${patient.lastName}`,
    sql: 'SELECT "id", "cause", "acknowledgedAt", "acknowledgedById", "acknowledgementNote" FROM "Alert" WHERE "patientId" = $1 ORDER BY "id"',
    params: [patient.patientId],
  };
}

function alertProbe(alertId: string, label = 'the alert'): Probe {
  return { label, sql: 'SELECT "acknowledgedAt", "acknowledgedById", "acknowledgementNote" FROM "Alert" WHERE "id" = $1', params: [alertId] };
}

/** A refused report keeps nothing: no report row with the request's one-time key (alerts are raised in the same transaction). */
function reportsWithKeyProbe(fields: Fields): Probe {
  return { label: 'no report with this submission key', sql: 'SELECT count(*)::int AS "n" FROM "WarningSignReport" WHERE "submissionKey" = $1', params: [field(fields, 'submissionKey')] };
}

/** A patient's signed orders, every version: a refused order signs nothing. */
function ordersProbe(patient: PatientRef): Probe {
  return {
    label: `orders of ${patient.lastName}`,
    sql: `SELECT o."version", o."surgeonId", o."contentHash", (SELECT count(*)::int FROM "SurgeonOrderRestriction" r WHERE r."orderId" = o."id") AS "restrictions"
          FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" WHERE e."patientId" = $1 ORDER BY o."version"`,
    params: [patient.patientId],
  };
}

/** Which photo or video an exercise shows patients first. */
function featuredProbe(exerciseId: string): Probe {
  return { label: 'what the exercise shows first', sql: 'SELECT "featuredMediaId", "updatedAt" FROM "Exercise" WHERE "id" = $1', params: [exerciseId] };
}

/** A photo or video as stored: removed or not, and its bytes. */
function mediaProbe(mediaId: string): Probe {
  return {
    label: 'the photo and its stored bytes',
    sql: `SELECT m."removedAt", m."exerciseId", (SELECT count(*)::int FROM "MediaChunk" c WHERE c."storageKey" = m."storageKey") AS "chunks" FROM "ExerciseMedia" m WHERE m."id" = $1`,
    params: [mediaId],
  };
}

function clinicsProbe(): Probe {
  return { label: "the clinics' settings", sql: 'SELECT "name", "phone", "emergencyNumber", "timeZone" FROM "Clinic" ORDER BY "name", "id"' };
}

function sessionsProbe(patient: PatientRef): Probe {
  return { label: `sessions of ${patient.lastName}`, sql: 'SELECT "id", "correctsId" FROM "SessionLog" WHERE "patientId" = $1 ORDER BY "id"', params: [patient.patientId] };
}

const noSessionWithNote = (fields: Fields): Probe => ({ label: 'no session with this note', sql: 'SELECT count(*)::int AS "n" FROM "SessionLog" WHERE "note" = $1', params: [field(fields, 'note')] });

async function kneeFlexionSignOff(world: World) {
  // Waiting for the surgeon until tests/e2e/patient/portal.spec.ts signs it; either way only Dr. Shah may decide it.
  return one<{ id: string; contentHash: string }>(
    `SELECT s."id", s."contentHash" FROM "SignOff" s JOIN "PlanItem" i ON i."id" = s."itemId" WHERE s."patientId" = $1 AND i."exerciseName" = 'Knee flexion' ORDER BY s."requestedAt" LIMIT 1`,
    [world.sam.patientId],
  );
}

function patientFields(world: World, { surgeonId, protocolId }: { surgeonId: string; protocolId: string }): Fields {
  const lastName = uniqueLastName('Zzauthzrefused');
  return {
    firstName: 'Riley',
    lastName,
    dateOfBirth: '1980-01-02',
    phone: '',
    email: suiteEmail(lastName.toLowerCase()),
    procedure: 'Lumbar microdiscectomy (L4-L5)',
    surgeryDate: isoDaysAgo(10),
    surgeonId,
    protocolId,
  };
}

function noPatientProbes(fields: Fields): Probe[] {
  return [
    { label: 'no account with that email', sql: 'SELECT count(*)::int AS "n" FROM "User" WHERE "email" = $1', params: [field(fields, 'email')] },
    { label: 'no patient with that name', sql: 'SELECT count(*)::int AS "n" FROM "Patient" WHERE "lastName" = $1', params: [field(fields, 'lastName')] },
  ];
}

/** Rows for the five draft-editing actions, against one patient's open draft. */
function draftRows(target: (w: World) => PatientRef, who: string, allowed: Partial<Record<ActorKey, ActionExpect>>): ActionRow[] {
  const draftPage = (w: World) => `/patients/${target(w).patientId}/draft`;
  const probes = (w: World) => [versionsProbe(target(w))];
  const itemOf = async (w: World, preferred: string) => {
    const draft = await draftOf(target(w).patientId);
    const item = draft.items.find((candidate) => candidate.exerciseName === preferred) ?? draft.items[0];
    if (!item) throw new Error(`the draft of ${who} has no items`);
    return { draft, item };
  };
  return [
    {
      title: `add an exercise to ${who}'s draft`,
      resources: ['planItem'],
      verb: 'create',
      action: 'addDraftItemAction',
      page: draftPage,
      fields: async (w) => {
        const draft = await draftOf(target(w).patientId);
        const clinic = target(w).clinic;
        return { patientId: target(w).patientId, versionId: draft.id, lockVersion: String(draft.lockVersion), exerciseId: w.exercise[clinic]['Side-lying clam'] ?? '' };
      },
      probes,
      expect: refusedExcept(allowed, NF),
    },
    {
      title: `change an item of ${who}'s draft`,
      resources: ['planItem'],
      verb: 'update',
      action: 'updateDraftItemAction',
      page: draftPage,
      fields: async (w) => {
        const { draft, item } = await itemOf(w, 'Bridging');
        return { patientId: target(w).patientId, itemId: item.id, lockVersion: String(draft.lockVersion), mode: 'SUPERVISED', patientNotes: 'Authorization probe', ...dosage({ reps: '5' }) };
      },
      probes,
      expect: refusedExcept(allowed, NF),
    },
    {
      title: `remove an item from ${who}'s draft`,
      resources: ['planItem'],
      verb: 'delete',
      action: 'removeDraftItemAction',
      page: draftPage,
      fields: async (w) => {
        const { draft, item } = await itemOf(w, 'Bridging');
        return { patientId: target(w).patientId, itemId: item.id, lockVersion: String(draft.lockVersion) };
      },
      probes,
      expect: refusedExcept(allowed, NF),
    },
    {
      title: `discard ${who}'s draft`,
      resources: ['planVersion'],
      verb: 'delete',
      action: 'discardDraftAction',
      page: draftPage,
      fields: async (w) => {
        const draft = await draftOf(target(w).patientId);
        return { patientId: target(w).patientId, versionId: draft.id, lockVersion: String(draft.lockVersion) };
      },
      probes,
      expect: refusedExcept(allowed, NF),
    },
    {
      title: `approve ${who}'s draft (with the right password)`,
      resources: ['planVersion', 'plan'],
      verb: 'approve',
      action: 'approveVersionAction',
      page: draftPage,
      fields: async (w) => {
        const draft = await draftOf(target(w).patientId);
        return { patientId: target(w).patientId, versionId: draft.id, lockVersion: String(draft.lockVersion), password: DEMO_PASSWORD, shownItems: await shownItemsOf(draft.id) };
      },
      probes,
      expect: refusedExcept(allowed, NF),
    },
  ];
}

/**
 * Rows for the actions that act on a whole patient: open a draft, advance, invite, reset the portal password.
 * `portal` overrides the two portal rows: a link is refused (CONFLICT) for an account that has a password.
 */
function patientRows(
  target: (w: World) => PatientRef,
  who: string,
  allowed: Partial<Record<ActorKey, ActionExpect>>,
  portal: { invite: Partial<Record<ActorKey, ActionExpect>>; reset: Partial<Record<ActorKey, ActionExpect>> } = { invite: allowed, reset: allowed },
): ActionRow[] {
  const patientPage = (w: World) => `/patients/${target(w).patientId}`;
  return [
    {
      title: `open a draft of ${who}'s plan`,
      resources: ['planVersion', 'plan'],
      verb: 'create',
      action: 'startDraftAction',
      page: patientPage,
      fields: async (w) => ({ patientId: target(w).patientId }),
      probes: (w) => [versionsProbe(target(w))],
      expect: refusedExcept(allowed, NF),
    },
    {
      title: `advance ${who} to the next phase`,
      resources: ['planVersion', 'episode'],
      verb: 'create',
      action: 'advancePhaseAction',
      page: patientPage,
      fields: async (w) => ({ patientId: target(w).patientId, criteriaMet: [], reason: 'Authorization probe: advancing on purpose.' }),
      probes: (w) => [versionsProbe(target(w))],
      expect: refusedExcept(allowed, NF),
    },
    {
      title: `create a portal invitation for ${who}`,
      resources: ['invitation', 'user'],
      verb: 'create',
      action: 'createInvitationAction',
      page: patientPage,
      fields: async (w) => ({ patientId: target(w).patientId }),
      probes: (w) => [invitationsProbe(target(w)), portalAccountProbe(target(w))],
      expect: refusedExcept(portal.invite, NF),
    },
    {
      title: `reset the portal password of ${who} (with the actor's own right password)`,
      resources: ['user', 'invitation'],
      verb: 'update',
      action: 'resetPatientPasswordAction',
      page: patientPage,
      fields: async (w) => ({ patientId: target(w).patientId, password: DEMO_PASSWORD }),
      probes: (w) => [invitationsProbe(target(w)), portalAccountProbe(target(w))],
      expect: refusedExcept(portal.reset, NF),
    },
  ];
}

const sam = (w: World) => w.sam;
const offTeamApproved = (w: World) => w.offTeamApproved;
const offTeamDraft = (w: World) => w.offTeamDraft;

const PROTOCOL_WRITERS = (provenBy: string) => ({ harborAdmin: A(provenBy), harborTherapist: A(provenBy), harborOtherTherapist: A(provenBy) });
/** Harbor's staff with media.upload, each proven by a cell of their own on a photo they uploaded. */
const MEDIA_MANAGERS = (action: ActionName) => ({ harborAdmin: A(`${action} by harborAdmin`), harborTherapist: A(`${action} by harborTherapist`), harborOtherTherapist: A(`${action} by harborOtherTherapist`) });

export const ACTION_ROWS: ActionRow[] = [
  {
    title: 'register a patient at Harbor (Harbor surgeon and protocol)',
    resources: ['patient', 'episode', 'plan', 'user'],
    verb: 'create',
    action: 'createPatientAction',
    page: () => '/patients/new',
    fields: async (w) => patientFields(w, { surgeonId: w.surgeonId.harbor, protocolId: w.protocol.harbor.id }),
    probes: (_w, fields) => noPatientProbes(fields),
    // Summit's therapist may register patients, but not with Harbor's surgeon and protocol.
    expect: refusedExcept(
      { harborTherapist: A('createPatientAction by harborTherapist'), harborOtherTherapist: A('createPatientAction by harborOtherTherapist'), summitTherapist: II },
      F,
    ),
  },
  // Sam has set his password: his own therapist gets no link for him (a link would let them choose his
  // password and use his account), only the deliberate reset, proven on patients of their own.
  ...patientRows(
    sam,
    'Sam',
    { harborTherapist: A('care-team therapist, own patient') },
    { invite: { harborTherapist: C }, reset: { harborTherapist: A('resetPatientPasswordAction by harborTherapist') } },
  ),
  // Never invited: no password yet, so a link is what their own therapist may make.
  ...patientRows(
    offTeamApproved,
    'a patient outside the care team',
    { harborOtherTherapist: A('care-team therapist, own patient') },
    {
      invite: { harborOtherTherapist: A('care-team therapist, own patient') },
      reset: { harborOtherTherapist: A('resetPatientPasswordAction by harborOtherTherapist') },
    },
  ),
  ...draftRows(sam, 'Sam', { harborTherapist: A('care-team therapist, own patient') }),
  ...draftRows(offTeamDraft, 'a patient outside the care team', { harborOtherTherapist: A('care-team therapist, own patient') }),
  {
    title: "decline Sam's Knee flexion (only his surgeon decides it)",
    resources: ['signOff'],
    verb: 'sign',
    action: 'decideSignOffAction',
    page: () => '/sign-offs',
    fields: async (w) => {
      const signOff = await kneeFlexionSignOff(w);
      return { signOffId: signOff.id, contentHash: signOff.contentHash, decision: 'DECLINE', reason: `Authorization probe ${uniqueStamp()}`, password: DEMO_PASSWORD };
    },
    // The status itself may change meanwhile (the portal spec signs it); a refused decline must leave no trace.
    probes: (_w, fields) => [{ label: 'no decision with this reason', sql: 'SELECT count(*)::int AS "n" FROM "SignOff" WHERE "reason" = $1', params: [field(fields, 'reason')] }],
    expect: refusedExcept({ harborSurgeon: A('decideSignOffAction by harborSurgeon') }, NF),
  },
  {
    title: "sign off another surgeon's request (a patient outside the care team)",
    resources: ['signOff'],
    verb: 'sign',
    action: 'decideSignOffAction',
    page: () => '/sign-offs',
    fields: async (w) => {
      const [signOff] = await pendingSignOffs(w.offTeamApproved.patientId);
      if (!signOff) throw new Error('the off-team patient has no pending sign-off');
      return { signOffId: signOff.id, contentHash: signOff.contentHash, decision: 'SIGN', reason: '', password: DEMO_PASSWORD };
    },
    probes: (_w, fields) => [{ label: 'the sign-off', sql: 'SELECT "status", "decidedAt", "signatureHash" FROM "SignOff" WHERE "id" = $1', params: [field(fields, 'signOffId')] }],
    expect: refusedExcept({ harborOtherSurgeon: A('decideSignOffAction by harborOtherSurgeon') }, NF),
  },
  {
    title: "log a session of Harbor's Walking (cleared for Sam)",
    resources: ['sessionLog'],
    verb: 'create',
    action: 'logSessionAction',
    page: () => '/portal',
    fields: async (w) => ({ exerciseId: w.exercise.harbor.Walking ?? '', performedOn: isoDaysAgo(0), completed: 'yes', setsCompleted: '', backPain: '2', legPain: '1', note: `Authorization probe ${uniqueStamp()}` }),
    probes: (_w, fields) => [{ label: 'no session with this note', sql: 'SELECT count(*)::int AS "n" FROM "SessionLog" WHERE "note" = $1', params: [field(fields, 'note')] }],
    // A session is always the signed-in patient's own; Robin cannot log an exercise of Harbor's plan. Walking is
    // cleared for Morgan too (proven, like Sam's, by a fresh patient of the clinic).
    expect: refusedExcept({ harborPatient: A('logSessionAction by harborPatient'), harborFusionPatient: A('logSessionAction by harborFusionPatient'), summitPatient: II }, NF),
  },
  {
    title: "log a session of Bridging, which is only on Sam's draft",
    resources: ['sessionLog'],
    verb: 'create',
    action: 'logSessionAction',
    page: () => '/portal',
    fields: async (w) => ({ exerciseId: w.exercise.harbor.Bridging ?? '', performedOn: isoDaysAgo(0), completed: 'yes', setsCompleted: '1', backPain: '1', legPain: '1', note: `Authorization probe ${uniqueStamp()}` }),
    probes: (_w, fields) => [{ label: 'no session with this note', sql: 'SELECT count(*)::int AS "n" FROM "SessionLog" WHERE "note" = $1', params: [field(fields, 'note')] }],
    // Bridging is on Morgan's phase 2 draft too, not cleared.
    expect: refusedExcept({ harborPatient: II, harborFusionPatient: II, summitPatient: II }, NF),
  },
  {
    title: 'log a session of Lying march, which Sam does only with his therapist (supervised: never logged at home)',
    resources: ['sessionLog'],
    verb: 'create',
    action: 'logSessionAction',
    page: () => '/portal',
    fields: async (w) => ({ exerciseId: w.exercise.harbor['Lying march'] ?? '', performedOn: isoDaysAgo(0), completed: 'yes', setsCompleted: '1', backPain: '1', legPain: '1', note: `Authorization probe ${uniqueStamp()}` }),
    probes: (_w, fields) => [noSessionWithNote(fields)],
    // Morgan has Lying march only on her draft.
    expect: refusedExcept({ harborPatient: II, harborFusionPatient: II, summitPatient: II }, NF),
  },
  {
    // A correction names the log it replaces: only one's own. Robin is stopped earlier (Harbor's Walking is not hers).
    title: "correct another patient's logged session (Sam names the oldest log of the alerted patient)",
    resources: ['sessionLog'],
    verb: 'create',
    action: 'logSessionAction',
    page: () => '/portal',
    fields: async (w) => ({
      exerciseId: w.exercise.harbor.Walking ?? '',
      performedOn: isoDaysAgo(0),
      completed: '',
      setsCompleted: '',
      backPain: '1',
      legPain: '1',
      note: `Authorization probe ${uniqueStamp()}`,
      correctsId: w.alerted.oldestSessionId,
    }),
    probes: (w, fields) => [noSessionWithNote(fields), sessionsProbe(w.alerted)],
    expect: refusedExcept({ harborPatient: NF, summitPatient: II }, NF),
  },
  {
    title: 'report warning signs (patients only, and always about themselves: the form names no patient)',
    resources: ['warningSign', 'alert'],
    verb: 'create',
    action: 'reportWarningSignsAction',
    page: () => '/portal',
    fields: async () => ({ signs: ['FALL', 'CALF'], submissionKey: `authz-${uniqueStamp()}` }),
    probes: (_w, fields) => [reportsWithKeyProbe(fields)],
    expect: refusedExcept(
      {
        harborPatient: A('reportWarningSignsAction by harborPatient'),
        harborFusionPatient: A('reportWarningSignsAction by harborFusionPatient'),
        summitPatient: A('reportWarningSignsAction by summitPatient'),
      },
      NF,
    ),
  },
  {
    title: 'report a warning sign that is not on the list',
    resources: ['warningSign'],
    verb: 'create',
    action: 'reportWarningSignsAction',
    page: () => '/portal',
    fields: async () => ({ signs: ['FALL', 'NOT_A_SIGN'], submissionKey: `authz-${uniqueStamp()}` }),
    probes: (_w, fields) => [reportsWithKeyProbe(fields)],
    expect: refusedExcept({ harborPatient: II, harborFusionPatient: II, summitPatient: II }, NF),
  },
  {
    title: "report a warning sign for another patient (a patientId field: the form takes none, so it is refused)",
    resources: ['warningSign', 'alert'],
    verb: 'create',
    action: 'reportWarningSignsAction',
    page: () => '/portal',
    fields: async (w) => ({ signs: ['FALL'], submissionKey: `authz-${uniqueStamp()}`, patientId: w.alerted.patientId }),
    probes: (w, fields) => [reportsWithKeyProbe(fields), alertsProbe(w.alerted)],
    expect: refusedExcept({ harborPatient: II, harborFusionPatient: II, summitPatient: II }, NF),
  },
  // Alerts of the alerted patient, on the second care team (Taylor Brook, Dr. Zoe Park): Jordan and Dr. Shah
  // are outsiders of the same clinic; the admin reads alerts but closes none; a surgeon follows warning signs only.
  {
    title: "acknowledge the open pain alert of the second care team's patient (their therapist only: the surgeon does not follow pain alerts)",
    resources: ['alert'],
    verb: 'update',
    action: 'acknowledgeAlertAction',
    page: (w) => `/patients/${w.alerted.patientId}`,
    fields: async (w) => ({ alertId: w.alerted.painAlertId, note: `Authorization probe ${uniqueStamp()}` }),
    probes: (w) => [alertsProbe(w.alerted)],
    expect: refusedExcept({ harborOtherTherapist: A('acknowledgeAlertAction by harborOtherTherapist') }, NF),
  },
  {
    title: "acknowledge the open warning-sign alert (a fall) of the second care team's patient (their therapist and surgeon)",
    resources: ['alert'],
    verb: 'update',
    action: 'acknowledgeAlertAction',
    page: (w) => `/patients/${w.alerted.patientId}`,
    fields: async (w) => ({ alertId: w.alerted.signAlertId, note: `Authorization probe ${uniqueStamp()}` }),
    probes: (w) => [alertsProbe(w.alerted)],
    expect: refusedExcept({ harborOtherTherapist: A('acknowledgeAlertAction by harborOtherTherapist'), harborOtherSurgeon: A('acknowledgeAlertAction by harborOtherSurgeon') }, NF),
  },
  {
    title: 'acknowledge a warning-sign alert the surgeon already closed (CONFLICT for the care team, who see it; not found for anyone else)',
    resources: ['alert'],
    verb: 'update',
    action: 'acknowledgeAlertAction',
    page: (w) => `/patients/${w.alerted.patientId}`,
    fields: async (w) => ({ alertId: w.alerted.closedSignAlertId, note: `Authorization probe ${uniqueStamp()}` }),
    probes: (w) => [alertsProbe(w.alerted)],
    expect: refusedExcept({ harborOtherTherapist: C, harborOtherSurgeon: C }, NF),
  },
  {
    title: 'acknowledge a pain alert the therapist already closed (CONFLICT for the therapist; the surgeon, who does not see pain alerts, gets not found)',
    resources: ['alert'],
    verb: 'update',
    action: 'acknowledgeAlertAction',
    page: (w) => `/patients/${w.alerted.patientId}`,
    fields: async (w) => ({ alertId: w.alerted.closedPainAlertId, note: `Authorization probe ${uniqueStamp()}` }),
    probes: (w) => [alertsProbe(w.alerted)],
    expect: refusedExcept({ harborOtherTherapist: C }, NF),
  },
  {
    // The form is checked before the alert is looked up, so this answer is the same for any alert id: it confirms nothing.
    title: 'acknowledge with a two-letter note (INVALID_INPUT for every role that may acknowledge, whoever the alert belongs to)',
    resources: ['alert'],
    verb: 'update',
    action: 'acknowledgeAlertAction',
    page: (w) => `/patients/${w.alerted.patientId}`,
    fields: async (w) => ({ alertId: w.alerted.signAlertId, note: 'ok' }),
    probes: (w) => [alertsProbe(w.alerted)],
    expect: refusedExcept({ harborTherapist: II, harborSurgeon: II, harborOtherTherapist: II, harborOtherSurgeon: II, summitTherapist: II, summitSurgeon: II }, NF),
  },
  // The surgeon's orders (the patient page's form, app/(clinic)/patients/[patientId]/order-actions.ts): only the
  // surgeon who operated signs a patient's orders; everyone else, whatever their role, is told there is no such
  // patient. A refused order signs nothing. Allowed cells sign orders for patients of the surgeon's own.
  {
    title: "sign orders for Sam (the right password, the version his page shows): only Dr. Shah, who operated",
    resources: ['surgeonOrder'],
    verb: 'sign',
    action: 'recordSurgeonOrderAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (w) => orderFields(w.sam, { basedOnVersion: String(await latestOrderVersion(w.sam.patientId)) }),
    probes: (w) => [ordersProbe(w.sam)],
    expect: refusedExcept({ harborSurgeon: A('recordSurgeonOrderAction by harborSurgeon') }, NF),
  },
  {
    title: "sign orders for Morgan (a fusion, with Dr. Shah's orders already in force)",
    resources: ['surgeonOrder'],
    verb: 'sign',
    action: 'recordSurgeonOrderAction',
    page: (w) => `/patients/${w.morgan.patientId}`,
    fields: async (w) => orderFields(w.morgan, { basedOnVersion: String(await latestOrderVersion(w.morgan.patientId)) }),
    probes: (w) => [ordersProbe(w.morgan)],
    expect: refusedExcept({ harborSurgeon: A('recordSurgeonOrderAction by harborSurgeon') }, NF),
  },
  {
    title: 'sign orders for a Harbor patient Dr. Park operated on (outside Dr. Shah’s care team)',
    resources: ['surgeonOrder'],
    verb: 'sign',
    action: 'recordSurgeonOrderAction',
    page: (w) => `/patients/${w.offTeamApproved.patientId}`,
    fields: async (w) => orderFields(w.offTeamApproved, { basedOnVersion: String(await latestOrderVersion(w.offTeamApproved.patientId)) }),
    probes: (w) => [ordersProbe(w.offTeamApproved)],
    expect: refusedExcept({ harborOtherSurgeon: A('recordSurgeonOrderAction by harborOtherSurgeon') }, NF),
  },
  {
    // The form is checked before the patient is looked up, so every surgeon gets this answer for any patient: it confirms nothing.
    title: "sign Sam's orders with a 60 kg lifting limit (INVALID_INPUT for every surgeon; not found for every other role)",
    resources: ['surgeonOrder'],
    verb: 'sign',
    action: 'recordSurgeonOrderAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (w) => orderFields(w.sam, { basedOnVersion: String(await latestOrderVersion(w.sam.patientId)), liftingLimit: '60' }),
    probes: (w) => [ordersProbe(w.sam)],
    expect: refusedExcept({ harborSurgeon: II, harborOtherSurgeon: II, summitSurgeon: II }, NF),
  },
  {
    title: "sign Sam's orders with a wrong password (nothing signed; the refusal is on the audit trail)",
    resources: ['surgeonOrder'],
    verb: 'sign',
    action: 'recordSurgeonOrderAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (w) => orderFields(w.sam, { basedOnVersion: String(await latestOrderVersion(w.sam.patientId)), password: 'not the password' }),
    probes: (w) => [ordersProbe(w.sam)],
    expect: refusedExcept({ harborSurgeon: II }, NF),
  },
  {
    title: "sign Sam's orders from a page showing a version that is not the newest (CONFLICT for his surgeon, who sees them)",
    resources: ['surgeonOrder'],
    verb: 'sign',
    action: 'recordSurgeonOrderAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (w) => orderFields(w.sam, { basedOnVersion: String((await latestOrderVersion(w.sam.patientId)) + 5) }),
    probes: (w) => [ordersProbe(w.sam)],
    expect: refusedExcept({ harborSurgeon: C }, NF),
  },
  // The clinic's photos (the catalog page's forms): its therapists and admin (media.upload) choose which one
  // patients see first and remove them; other roles are refused outright (FORBIDDEN), another clinic's staff
  // are told there is no such exercise or file. Refused rows aim at the suite's own Harbor exercise and photo.
  {
    title: "show the suite's Harbor photo to patients first (Harbor's therapists and admin)",
    resources: ['media', 'exercise'],
    verb: 'update',
    action: 'setFeaturedMediaAction',
    page: (w) => `/catalog/${w.mediaExercise.harbor.exerciseId}`,
    fields: async (w) => ({ exerciseId: w.mediaExercise.harbor.exerciseId, mediaId: w.mediaExercise.harbor.mediaId }),
    probes: (w) => [featuredProbe(w.mediaExercise.harbor.exerciseId)],
    expect: refusedExcept({ ...MEDIA_MANAGERS('setFeaturedMediaAction'), summitAdmin: NF, summitTherapist: NF }, F),
  },
  {
    title: "remove the suite's Harbor photo (Harbor's therapists and admin)",
    resources: ['media'],
    verb: 'delete',
    action: 'removeExerciseMediaAction',
    page: (w) => `/catalog/${w.mediaExercise.harbor.exerciseId}`,
    fields: async (w) => ({ mediaId: w.mediaExercise.harbor.mediaId }),
    probes: (w) => [mediaProbe(w.mediaExercise.harbor.mediaId), featuredProbe(w.mediaExercise.harbor.exerciseId)],
    expect: refusedExcept({ ...MEDIA_MANAGERS('removeExerciseMediaAction'), summitAdmin: NF, summitTherapist: NF }, F),
  },
  {
    title: "remove the photo of Harbor's Side-lying clam that Sam may see (the same rule on a demo exercise)",
    resources: ['media'],
    verb: 'delete',
    action: 'removeExerciseMediaAction',
    page: (w) => `/catalog/${w.photo.exerciseId}`,
    fields: async (w) => ({ mediaId: w.photo.mediaId }),
    probes: (w) => [mediaProbe(w.photo.mediaId)],
    expect: refusedExcept({ ...MEDIA_MANAGERS('removeExerciseMediaAction'), summitAdmin: NF, summitTherapist: NF }, F),
  },
  {
    title: 'add an exercise to the catalog',
    resources: ['exercise'],
    verb: 'create',
    action: 'createExerciseAction',
    page: () => '/catalog/new',
    fields: async () => exerciseFields(`Zz Authz refused ${uniqueStamp()}`),
    probes: (_w, fields) => [{ label: 'no exercise with that name', sql: 'SELECT count(*)::int AS "n" FROM "Exercise" WHERE "name" = $1', params: [field(fields, 'name')] }],
    expect: refusedExcept({ harborAdmin: A('createExerciseAction by harborAdmin'), summitAdmin: A('createExerciseAction by summitAdmin') }, F),
  },
  {
    title: "edit Harbor's Bridging",
    resources: ['exercise'],
    verb: 'update',
    action: 'updateExerciseAction',
    page: (w) => `/catalog/${w.exercise.harbor.Bridging}/edit`,
    fields: async (w) => ({ exerciseId: w.exercise.harbor.Bridging ?? '', ...exerciseFields('Bridging', 'Authorization probe: these are not the real steps.') }),
    probes: (w) => [exerciseProbe(w.exercise.harbor.Bridging ?? '')],
    // Catalog writes answer FORBIDDEN to a role without catalog.write (before any lookup, so nothing is
    // confirmed), and NOT_FOUND to another clinic's admin.
    expect: refusedExcept({ harborAdmin: A('updateExerciseAction by harborAdmin'), summitAdmin: NF }, F),
  },
  {
    title: "retire Harbor's Bridging",
    resources: ['exercise'],
    verb: 'delete',
    action: 'setExerciseRetiredAction',
    page: (w) => `/catalog/${w.exercise.harbor.Bridging}`,
    fields: async (w) => ({ exerciseId: w.exercise.harbor.Bridging ?? '', retire: 'true' }),
    probes: (w) => [exerciseProbe(w.exercise.harbor.Bridging ?? '')],
    expect: refusedExcept({ harborAdmin: A('setExerciseRetiredAction by harborAdmin'), summitAdmin: NF }, F),
  },
  {
    title: 'create a protocol',
    resources: ['protocol'],
    verb: 'create',
    action: 'createProtocolAction',
    page: () => '/protocols',
    fields: async () => ({ name: `Zz Authz refused ${uniqueStamp()}`, description: '' }),
    probes: (_w, fields) => [{ label: 'no protocol with that name', sql: 'SELECT count(*)::int AS "n" FROM "Protocol" WHERE "name" = $1', params: [field(fields, 'name')] }],
    expect: refusedExcept(
      {
        harborAdmin: A('createProtocolAction by harborAdmin'),
        harborTherapist: A('createProtocolAction by harborTherapist'),
        harborOtherTherapist: A('createProtocolAction by harborOtherTherapist'),
        summitAdmin: A('createProtocolAction by summitAdmin'),
        summitTherapist: A('createProtocolAction by summitTherapist'),
      },
      NF,
    ),
  },
  {
    title: "add a phase to Harbor's Lumbar post-op",
    resources: ['protocol'],
    verb: 'update',
    action: 'addProtocolPhaseAction',
    page: (w) => `/protocols/${w.protocol.harbor.id}`,
    fields: async (w) => ({
      protocolId: w.protocol.harbor.id,
      lockVersion: String((await protocolLock(w.protocol.harbor.id)).lockVersion),
      name: 'Authorization probe phase',
      earliestDay: '90',
      criteria: '',
      precautions: '',
    }),
    probes: (w) => [protocolProbe(w.protocol.harbor.id)],
    expect: refusedExcept(PROTOCOL_WRITERS('protocol writer, own protocol'), NF),
  },
  {
    title: "change phase 1 of Harbor's Lumbar post-op",
    resources: ['protocol'],
    verb: 'update',
    action: 'updateProtocolPhaseAction',
    page: (w) => `/protocols/${w.protocol.harbor.id}`,
    fields: async (w) => ({
      phaseId: w.protocol.harbor.phaseIds[0] ?? '',
      lockVersion: String((await protocolLock(w.protocol.harbor.id)).lockVersion),
      name: 'Authorization probe rename',
      earliestDay: '0',
      criteria: '',
      precautions: '',
    }),
    probes: (w) => [protocolProbe(w.protocol.harbor.id)],
    expect: refusedExcept(PROTOCOL_WRITERS('protocol writer, own protocol'), NF),
  },
  {
    title: "remove the last phase of Harbor's Lumbar post-op",
    resources: ['protocol'],
    verb: 'delete',
    action: 'removeProtocolPhaseAction',
    page: (w) => `/protocols/${w.protocol.harbor.id}`,
    fields: async (w) => ({
      phaseId: w.protocol.harbor.phaseIds[w.protocol.harbor.phaseIds.length - 1] ?? '',
      lockVersion: String((await protocolLock(w.protocol.harbor.id)).lockVersion),
    }),
    probes: (w) => [protocolProbe(w.protocol.harbor.id)],
    expect: refusedExcept(PROTOCOL_WRITERS('protocol writer, own protocol'), NF),
  },
  {
    title: "change Walking's dosage in phase 1 of Harbor's Lumbar post-op",
    resources: ['protocol', 'exercise'],
    verb: 'update',
    action: 'setPhaseExerciseAction',
    page: (w) => `/protocols/${w.protocol.harbor.id}`,
    fields: async (w) => ({
      phaseId: w.protocol.harbor.phaseIds[0] ?? '',
      lockVersion: String((await protocolLock(w.protocol.harbor.id)).lockVersion),
      exerciseId: w.exercise.harbor.Walking ?? '',
      mode: 'SUPERVISED',
      ...dosage({ minutes: '99' }),
    }),
    probes: (w) => [protocolProbe(w.protocol.harbor.id)],
    expect: refusedExcept(PROTOCOL_WRITERS('protocol writer, own protocol'), NF),
  },
  {
    title: "remove Walking from phase 1 of Harbor's Lumbar post-op",
    resources: ['protocol', 'exercise'],
    verb: 'delete',
    action: 'removePhaseExerciseAction',
    page: (w) => `/protocols/${w.protocol.harbor.id}`,
    fields: async (w) => ({
      phaseId: w.protocol.harbor.phaseIds[0] ?? '',
      exerciseId: w.exercise.harbor.Walking ?? '',
      lockVersion: String((await protocolLock(w.protocol.harbor.id)).lockVersion),
    }),
    probes: (w) => [protocolProbe(w.protocol.harbor.id)],
    expect: refusedExcept(PROTOCOL_WRITERS('protocol writer, own protocol'), NF),
  },
  {
    title: 'deactivate a Harbor user',
    resources: ['user'],
    verb: 'update',
    action: 'setUserActiveAction',
    page: () => '/admin',
    fields: async (w) => ({ userId: w.targetUserId.harbor, isActive: 'false' }),
    probes: (w) => [userProbe(w.targetUserId.harbor)],
    expect: refusedExcept({ harborAdmin: A('setUserActiveAction by harborAdmin'), summitAdmin: NF }, F),
  },
  {
    title: 'add a staff member to the clinic',
    resources: ['user', 'invitation'],
    verb: 'create',
    action: 'createStaffUserAction',
    page: () => '/admin',
    fields: async () => ({ name: 'Authorization Probe', email: suiteEmail(`authz.refused.${uniqueStamp()}`), role: 'THERAPIST' }),
    probes: (_w, fields) => [{ label: 'no account with that email', sql: 'SELECT count(*)::int AS "n" FROM "User" WHERE "email" = $1', params: [field(fields, 'email')] }],
    expect: refusedExcept({ harborAdmin: A('createStaffUserAction by harborAdmin'), summitAdmin: A('createStaffUserAction by summitAdmin') }, F),
  },
  {
    // Dr. Park has a password: a link for her would let whoever holds it (the admin who asked for it) choose
    // a new one and sign off exercises as her. Her own admin is refused too: a link is only for an account
    // that has no password yet. (Not the target users: the user cells deactivate and reactivate those.)
    title: 'make a new invitation link for a Harbor surgeon who has a password',
    resources: ['user', 'invitation'],
    verb: 'update',
    action: 'inviteStaffUserAction',
    page: () => '/admin',
    fields: async (w) => ({ userId: w.userId.harborOtherSurgeon }),
    probes: (w) => accountProbes(w.userId.harborOtherSurgeon),
    expect: refusedExcept({ harborAdmin: C, summitAdmin: NF }, F),
  },
  {
    title: "reset a Harbor surgeon's password (with the actor's own right password)",
    resources: ['user', 'invitation'],
    verb: 'update',
    action: 'resetStaffPasswordAction',
    page: () => '/admin',
    fields: async (w) => ({ userId: w.userId.harborOtherSurgeon, password: DEMO_PASSWORD }),
    probes: (w) => accountProbes(w.userId.harborOtherSurgeon),
    expect: refusedExcept({ harborAdmin: A('resetStaffPasswordAction by harborAdmin'), summitAdmin: NF }, F),
  },
  {
    title: "change the clinic's phone, emergency number and time zone (admins only, each their own clinic's: the form names no clinic)",
    resources: ['clinic'],
    verb: 'update',
    action: 'updateClinicSettingsAction',
    page: () => '/admin/clinic',
    fields: async () => ({ phone: '555 000 1111', emergencyNumber: '112', timeZone: 'Europe/Berlin' }),
    probes: () => [clinicsProbe()],
    // Not "not found": the settings are the clinic's, which every signed-in user knows exists.
    expect: refusedExcept({ harborAdmin: A('updateClinicSettingsAction by harborAdmin'), summitAdmin: A('updateClinicSettingsAction by summitAdmin') }, F),
  },
  {
    title: 'set an emergency number that is not a short run of digits',
    resources: ['clinic'],
    verb: 'update',
    action: 'updateClinicSettingsAction',
    page: () => '/admin/clinic',
    fields: async () => ({ phone: '(555) 010-2000', emergencyNumber: '9-1-1', timeZone: 'America/New_York' }),
    probes: () => [clinicsProbe()],
    expect: refusedExcept({ harborAdmin: II, summitAdmin: II }, F),
  },
  {
    title: 'change your own password (there is no way to name another account)',
    resources: ['user'],
    verb: 'update',
    action: 'changePasswordAction',
    page: () => '/account',
    fields: async () => ({ currentPassword: DEMO_PASSWORD, newPassword: 'authorization probe passphrase', repeatPassword: 'authorization probe passphrase' }),
    probes: (w) => [{ label: 'passwords of the demo users', sql: 'SELECT "email", "passwordHash", "sessionVersion" FROM "User" WHERE "id" = ANY($1) ORDER BY "email"', params: [Object.values(w.userId)] }],
    // Signed in, it is always allowed and always your own account: proven on fresh accounts of each role.
    expect: refusedExcept(Object.fromEntries(ACTOR_KEYS.map((key) => [key, A(`changePasswordAction by ${key}`)])), U),
  },
  {
    title: 'sign out everywhere (your own sessions only)',
    resources: ['user'],
    verb: 'update',
    action: 'signOutEverywhereAction',
    page: () => '/account',
    fields: async () => ({}),
    probes: (w) => [{ label: 'sessions of the demo users', sql: 'SELECT "email", "sessionVersion" FROM "User" WHERE "id" = ANY($1) ORDER BY "email"', params: [Object.values(w.userId)] }],
    expect: refusedExcept(Object.fromEntries(ACTOR_KEYS.map((key) => [key, A(`signOutEverywhereAction by ${key}`)])), U),
  },
  {
    title: "email a portal invitation to a patient outside Jordan's care team (no SMTP_URL in this run: their own therapist is told mail is not set up)",
    resources: ['mail', 'invitation'],
    verb: 'create',
    action: 'emailInvitationAction',
    page: (w) => `/patients/${w.offTeamApproved.patientId}`,
    fields: async (w) => ({ patientId: w.offTeamApproved.patientId }),
    probes: (w) => [invitationsProbe(w.offTeamApproved), mailProbe(w.offTeamApproved)],
    expect: refusedExcept({ harborOtherTherapist: II }, NF),
  },
  {
    title: "email Sam a portal invitation (his own therapist is told mail is not set up; nobody else may)",
    resources: ['mail', 'invitation'],
    verb: 'create',
    action: 'emailInvitationAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (w) => ({ patientId: w.sam.patientId }),
    probes: (w) => [invitationsProbe(w.sam), portalAccountProbe(w.sam), mailProbe(w.sam)],
    expect: refusedExcept({ harborTherapist: II }, NF),
  },
  {
    title: 'save reminder choices (patients only, always their own: the form names no patient)',
    resources: ['reminder'],
    verb: 'update',
    action: 'saveRemindersAction',
    page: () => '/portal',
    fields: async () => ({ time: '07:45', showNames: 'on', emailReminders: 'on' }),
    probes: (w) => [remindersProbe(w)],
    expect: refusedExcept(
      { harborPatient: A('saveRemindersAction by harborPatient'), harborFusionPatient: A('saveRemindersAction by harborFusionPatient'), summitPatient: A('saveRemindersAction by summitPatient') },
      NF,
    ),
  },
  {
    title: 'save a reminder time that is not a time of day, or for another patient (a patientId field)',
    resources: ['reminder'],
    verb: 'update',
    action: 'saveRemindersAction',
    page: () => '/portal',
    fields: async (w) => ({ time: '25:00', patientId: w.robin.patientId }),
    probes: (w) => [remindersProbe(w)],
    expect: refusedExcept({ harborPatient: II, harborFusionPatient: II, summitPatient: II }, NF),
  },
  {
    title: 'make a private calendar link (patients only, their own)',
    resources: ['reminder'],
    verb: 'create',
    action: 'makeCalendarLinkAction',
    page: () => '/portal',
    fields: async () => ({}),
    probes: (w) => [remindersProbe(w)],
    expect: refusedExcept(
      { harborPatient: A('makeCalendarLinkAction by harborPatient'), harborFusionPatient: A('makeCalendarLinkAction by harborFusionPatient'), summitPatient: A('makeCalendarLinkAction by summitPatient') },
      NF,
    ),
  },
  {
    title: 'stop the private calendar link (patients only, their own)',
    resources: ['reminder'],
    verb: 'delete',
    action: 'stopCalendarLinkAction',
    page: () => '/portal',
    fields: async () => ({}),
    probes: (w) => [remindersProbe(w)],
    expect: refusedExcept(
      { harborPatient: A('stopCalendarLinkAction by harborPatient'), harborFusionPatient: A('stopCalendarLinkAction by harborFusionPatient'), summitPatient: A('stopCalendarLinkAction by summitPatient') },
      NF,
    ),
  },
  {
    title: 'set a password with an invitation token that was never issued',
    resources: ['invitation', 'user'],
    verb: 'update',
    action: 'setPasswordAction',
    page: () => `/invite/${'A'.repeat(43)}`,
    fields: async () => ({ token: 'A'.repeat(43), password: 'authorization probe password', repeatPassword: 'authorization probe password' }),
    probes: () => [{ label: 'no invitation used in the last minute', sql: `SELECT count(*)::int AS "n" FROM "Invitation" WHERE "usedAt" > now() - interval '1 minute' AND "tokenHash" = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, params: ['A'.repeat(43)] }],
    // Public on purpose: the token is the credential, so everyone, signed in or not, gets the same answer.
    expect: Object.fromEntries(ACTOR_KEYS.map((key) => [key, II])) as Record<ActorKey, ActionExpect>,
  },
  ...SECOND_FACTOR_ROWS,
];

// -------------------------------------------------------------------------------------------------------
// Allowed cells: each actor whose role allows an action does it on records of its own, made through the
// product first. A cell may also expect a refusal when it points an allowed actor at another clinic's record.

export type AllowedExpect =
  | { outcome: 'redirect'; to: (prepared: Prepared) => RegExp; audit: string }
  /** audit null: the answer is proven to write no audit row (nothing happened worth one). */
  | { outcome: 'ok'; audit: string | null }
  | { outcome: 'refused'; code: Code }
  | { outcome: 'error' };

export type Prepared = Record<string, unknown> & {
  patient?: PatientRef;
  protocolId?: string;
  phaseId?: string;
  exerciseId?: string;
  /** Post the action from this context instead of the actor's (a fresh account of the actor's clinic and role). */
  actAs?: APIRequestContext;
  /** Who `actAs` is, for the leak rules. */
  actAsViewer?: Viewer;
  /** A session of the user the action targets, to see what the action did to it. */
  targetSession?: APIRequestContext;
};

export type AllowedCell = {
  title: string;
  actor: ActorKey;
  resources: Resource[];
  verb: Verb;
  action: ActionName;
  prepare: (session: Session, ops: Ops) => Promise<Prepared>;
  request: (world: World, prepared: Prepared) => Promise<{ page: string; fields: Fields; origin?: string }>;
  expect: AllowedExpect;
  /** What this answer is meant to send that the viewer's leak rules would otherwise flag. */
  sends?: (prepared: Prepared) => string[];
  /** For refusals: what must not change. */
  probes?: (world: World, prepared: Prepared, fields: Fields) => Probe[];
  verify?: (world: World, prepared: Prepared, answer: ActionAnswer, session: Session) => Promise<void>;
};

const THERAPISTS: SignedInKey[] = ['harborTherapist', 'harborOtherTherapist', 'summitTherapist'];
const PROTOCOL_WRITER_ACTORS: SignedInKey[] = ['harborAdmin', 'harborTherapist', 'harborOtherTherapist', 'summitAdmin', 'summitTherapist'];
const ADMINS: SignedInKey[] = ['harborAdmin', 'summitAdmin'];

const SURGEON_OF: Record<string, SignedInKey> = { harborTherapist: 'harborSurgeon', harborOtherTherapist: 'harborOtherSurgeon', summitTherapist: 'summitSurgeon' };
const THERAPIST_OF: Record<string, SignedInKey> = { harborSurgeon: 'harborTherapist', harborOtherSurgeon: 'harborOtherTherapist', summitSurgeon: 'summitTherapist' };

function patientOf(prepared: Prepared): PatientRef {
  if (!prepared.patient) throw new Error('no patient prepared');
  return prepared.patient;
}

async function versions(patientId: string) {
  return rows<{ number: number; status: string; phase: number }>(
    `SELECT v."number", v."status", ph."position" AS "phase" FROM "PlanVersion" v JOIN "ProtocolPhase" ph ON ph."id" = v."phaseId"
     JOIN "Plan" pl ON pl."id" = v."planId" JOIN "Episode" e ON e."id" = pl."episodeId" WHERE e."patientId" = $1 ORDER BY v."number"`,
    [patientId],
  );
}

function therapistCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const therapist of THERAPISTS) {
    const clinic = therapistClinic(therapist);
    cells.push(
      {
        title: `createPatientAction by ${therapist}`,
        actor: therapist,
        resources: ['patient', 'episode', 'plan', 'user'],
        verb: 'create',
        action: 'createPatientAction',
        prepare: async () => ({}),
        request: async (w, prepared) => {
          const surgeonId = therapist === 'harborOtherTherapist' ? w.surgeonId.harborOther : w.surgeonId[clinic];
          const fields = patientFields(w, { surgeonId, protocolId: w.protocol[clinic].id });
          prepared.lastName = field(fields, 'lastName');
          return { page: '/patients/new', fields };
        },
        expect: { outcome: 'redirect', to: () => /^\/patients\/[a-z0-9]+\/draft$/, audit: 'patient.create' },
        verify: async (w, prepared) => {
          const patient = await one<{ id: string; clinicId: string; team: string[]; role: string; hasPassword: boolean; drafts: number }>(
            `SELECT p."id", p."clinicId", array_agg(c."userId" ORDER BY c."userId") AS "team", u."role", u."passwordHash" IS NOT NULL AS "hasPassword",
               (SELECT count(*)::int FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId" JOIN "Episode" e ON e."id" = pl."episodeId" WHERE e."patientId" = p."id" AND v."status" = 'DRAFT') AS "drafts"
             FROM "Patient" p JOIN "CareTeamMember" c ON c."patientId" = p."id" JOIN "User" u ON u."id" = p."userId"
             WHERE p."lastName" = $1 GROUP BY p."id", u."role", u."passwordHash"`,
            [prepared.lastName],
          );
          const surgeon = SURGEON_OF[therapist] ?? 'harborSurgeon';
          expect(patient.clinicId, 'registered in the therapist’s clinic').toBe(w.clinicId[clinic]);
          expect(patient.team, 'care team: the therapist and the surgeon').toEqual([w.userId[therapist], w.userId[surgeon]].sort());
          expect(patient.role).toBe('PATIENT');
          expect(patient.hasPassword, 'no password until the invitation is used').toBe(false);
          expect(patient.drafts, 'a first draft').toBe(1);
        },
      },
      {
        title: `startDraftAction by ${therapist}`,
        actor: therapist,
        resources: ['planVersion', 'plan'],
        verb: 'create',
        action: 'startDraftAction',
        prepare: async (_s, ops) => {
          const patient = await ops.createPatient(therapist);
          await ops.approve(therapist, patient);
          // Signed at once: the suite leaves no request waiting on a demo surgeon's queue (other specs page through it).
          await ops.signAll(SURGEON_OF[therapist] ?? 'harborSurgeon', patient);
          return { patient };
        },
        request: async (_w, prepared) => ({ page: `/patients/${patientOf(prepared).patientId}`, fields: { patientId: patientOf(prepared).patientId } }),
        expect: { outcome: 'redirect', to: (prepared) => new RegExp(`^/patients/${patientOf(prepared).patientId}/draft$`), audit: 'plan.start_draft' },
        verify: async (_w, prepared) => {
          expect(await versions(patientOf(prepared).patientId)).toEqual([
            { number: 1, status: 'APPROVED', phase: 1 },
            { number: 2, status: 'DRAFT', phase: 1 },
          ]);
        },
      },
      {
        title: `advancePhaseAction by ${therapist}`,
        actor: therapist,
        resources: ['planVersion', 'episode'],
        verb: 'create',
        action: 'advancePhaseAction',
        prepare: async (_s, ops) => {
          const patient = await ops.createPatient(therapist);
          await ops.approve(therapist, patient);
          // Signed at once: the suite leaves no request waiting on a demo surgeon's queue (other specs page through it).
          await ops.signAll(SURGEON_OF[therapist] ?? 'harborSurgeon', patient);
          return { patient };
        },
        request: async (_w, prepared) => ({ page: `/patients/${patientOf(prepared).patientId}`, fields: { patientId: patientOf(prepared).patientId, reason: '' } }),
        expect: { outcome: 'redirect', to: (prepared) => new RegExp(`^/patients/${patientOf(prepared).patientId}/draft$`), audit: 'plan.advance' },
        verify: async (_w, prepared) => {
          expect(await versions(patientOf(prepared).patientId)).toEqual([
            { number: 1, status: 'APPROVED', phase: 1 },
            { number: 2, status: 'DRAFT', phase: 2 },
          ]);
        },
      },
      {
        title: `addDraftItemAction by ${therapist}`,
        actor: therapist,
        resources: ['planItem'],
        verb: 'create',
        action: 'addDraftItemAction',
        prepare: async (_s, ops) => ({ patient: await ops.createPatient(therapist) }),
        request: async (w, prepared) => {
          const draft = await draftOf(patientOf(prepared).patientId);
          return {
            page: `/patients/${patientOf(prepared).patientId}/draft`,
            fields: { patientId: patientOf(prepared).patientId, versionId: draft.id, lockVersion: String(draft.lockVersion), exerciseId: w.exercise[clinic]['Side-lying clam'] ?? '' },
          };
        },
        expect: { outcome: 'ok', audit: 'plan.item_add' },
        verify: async (_w, prepared) => {
          expect((await draftOf(patientOf(prepared).patientId)).items.map((item) => item.exerciseName)).toEqual([...FIRST_PHASE, 'Side-lying clam']);
        },
      },
      {
        title: `updateDraftItemAction by ${therapist}`,
        actor: therapist,
        resources: ['planItem'],
        verb: 'update',
        action: 'updateDraftItemAction',
        prepare: async (_s, ops) => ({ patient: await ops.createPatient(therapist) }),
        request: async (_w, prepared) => {
          const draft = await draftOf(patientOf(prepared).patientId);
          return {
            page: `/patients/${patientOf(prepared).patientId}/draft`,
            fields: { patientId: patientOf(prepared).patientId, itemId: draft.items[0]?.id ?? '', lockVersion: String(draft.lockVersion), mode: 'SUPERVISED', patientNotes: '', ...dosage({ minutes: '15', timesPerDay: '2' }) },
          };
        },
        expect: { outcome: 'ok', audit: 'plan.item_update' },
        verify: async (_w, prepared) => {
          // The first item (Walking) only.
          expect((await draftOf(patientOf(prepared).patientId)).items.map((item) => item.mode)).toEqual(FIRST_PHASE.map((_name, index) => (index === 0 ? 'SUPERVISED' : 'SELF_DIRECTED')));
        },
      },
      {
        title: `removeDraftItemAction by ${therapist}`,
        actor: therapist,
        resources: ['planItem'],
        verb: 'delete',
        action: 'removeDraftItemAction',
        prepare: async (_s, ops) => ({ patient: await ops.createPatient(therapist) }),
        request: async (_w, prepared) => {
          const draft = await draftOf(patientOf(prepared).patientId);
          return { page: `/patients/${patientOf(prepared).patientId}/draft`, fields: { patientId: patientOf(prepared).patientId, itemId: draft.items[0]?.id ?? '', lockVersion: String(draft.lockVersion) } };
        },
        expect: { outcome: 'ok', audit: 'plan.item_remove' },
        verify: async (_w, prepared) => {
          expect((await draftOf(patientOf(prepared).patientId)).items.map((item) => item.exerciseName)).toEqual(FIRST_PHASE.slice(1));
        },
      },
      {
        title: `discardDraftAction by ${therapist}`,
        actor: therapist,
        resources: ['planVersion'],
        verb: 'delete',
        action: 'discardDraftAction',
        prepare: async (_s, ops) => ({ patient: await ops.createPatient(therapist) }),
        request: async (_w, prepared) => {
          const draft = await draftOf(patientOf(prepared).patientId);
          return { page: `/patients/${patientOf(prepared).patientId}/draft`, fields: { patientId: patientOf(prepared).patientId, versionId: draft.id, lockVersion: String(draft.lockVersion) } };
        },
        expect: { outcome: 'redirect', to: (prepared) => new RegExp(`^/patients/${patientOf(prepared).patientId}$`), audit: 'plan.discard_draft' },
        verify: async (_w, prepared) => {
          expect(await versions(patientOf(prepared).patientId)).toEqual([]);
        },
      },
      {
        title: `approveVersionAction by ${therapist}`,
        actor: therapist,
        resources: ['planVersion', 'plan'],
        verb: 'approve',
        action: 'approveVersionAction',
        prepare: async (_s, ops) => ({ patient: await ops.createPatient(therapist) }),
        request: async (_w, prepared) => {
          const draft = await draftOf(patientOf(prepared).patientId);
          return {
            page: `/patients/${patientOf(prepared).patientId}/draft`,
            fields: { patientId: patientOf(prepared).patientId, versionId: draft.id, lockVersion: String(draft.lockVersion), password: DEMO_PASSWORD, shownItems: await shownItemsOf(draft.id) },
          };
        },
        expect: { outcome: 'redirect', to: (prepared) => new RegExp(`^/patients/${patientOf(prepared).patientId}$`), audit: 'plan.approve' },
        verify: async (w, prepared, _answer, session) => {
          expect(await versions(patientOf(prepared).patientId)).toEqual([{ number: 1, status: 'APPROVED', phase: 1 }]);
          const surgeon = SURGEON_OF[therapist] ?? 'harborSurgeon';
          const pending = await pendingSignOffs(patientOf(prepared).patientId);
          expect(pending.map((signOff) => [signOff.exerciseName, signOff.surgeonId]), 'every home exercise goes to the patient’s surgeon').toEqual(FIRST_PHASE.map((name) => [name, w.userId[surgeon]]));
          // Then signed: the suite leaves no request waiting on a demo surgeon's queue (other specs page through it).
          await productOps(session).signAll(surgeon, patientOf(prepared));
        },
      },
      {
        title: `createInvitationAction by ${therapist}`,
        actor: therapist,
        resources: ['invitation', 'user'],
        verb: 'create',
        action: 'createInvitationAction',
        prepare: async (_s, ops) => ({ patient: await ops.createPatient(therapist) }),
        request: async (_w, prepared) => ({ page: `/patients/${patientOf(prepared).patientId}`, fields: { patientId: patientOf(prepared).patientId } }),
        expect: { outcome: 'ok', audit: 'invitation.create' },
        verify: async (_w, prepared, answer) => {
          const data = answer.kind === 'result' ? (answer.result.data as { path?: string }) : {};
          expect(data.path ?? '').toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
          const invitations = await rows('SELECT "id" FROM "Invitation" WHERE "userId" = $1 AND "usedAt" IS NULL', [patientOf(prepared).userId]);
          expect(invitations).toHaveLength(1);
        },
      },
      {
        title: `resetPatientPasswordAction by ${therapist}: the patient's old password stops working, every session ends, and the new link works`,
        actor: therapist,
        resources: ['user', 'invitation'],
        verb: 'update',
        action: 'resetPatientPasswordAction',
        prepare: async (session, ops) => {
          const patient = await ops.createPatient(therapist);
          const password = `authz patient ${uniqueStamp()}`;
          await ops.setPassword(await ops.invite(therapist, patient), password);
          const { email } = await one<{ email: string }>('SELECT "email" FROM "User" WHERE "id" = $1', [patient.userId]);
          const account: FreshAccount = { email, password, userId: patient.userId ?? '', clinic, role: 'PATIENT', patient };
          return { patient, account, targetSession: await session.signIn(email, password) };
        },
        request: async (_w, prepared) => ({ page: `/patients/${patientOf(prepared).patientId}`, fields: { patientId: patientOf(prepared).patientId, password: DEMO_PASSWORD } }),
        expect: { outcome: 'ok', audit: 'user.reset_password' },
        verify: async (_w, prepared, answer, session) => {
          await expectPasswordReset(session, prepared, answer);
        },
      },
    );
  }
  return cells;
}

function surgeonCells(): AllowedCell[] {
  return (['harborSurgeon', 'harborOtherSurgeon', 'summitSurgeon'] as const).map((surgeon) => ({
    title: `decideSignOffAction by ${surgeon}`,
    actor: surgeon,
    resources: ['signOff'],
    verb: 'sign',
    action: 'decideSignOffAction',
    prepare: async (_s, ops) => {
      const therapist = THERAPIST_OF[surgeon] ?? 'harborTherapist';
      const patient = await ops.createPatient(therapist);
      await ops.approve(therapist, patient);
      return { patient };
    },
    request: async (_w, prepared) => {
      const [signOff] = await pendingSignOffs(patientOf(prepared).patientId);
      return { page: '/sign-offs', fields: { signOffId: signOff?.id ?? '', contentHash: signOff?.contentHash ?? '', decision: 'SIGN', reason: '', password: DEMO_PASSWORD } };
    },
    expect: { outcome: 'ok', audit: 'signoff.sign' },
    verify: async (_w, prepared, _answer, session) => {
      // The one decided; the patient's other home exercises still wait (and are then signed, so no demo surgeon's queue fills up).
      const decided = await rows<{ status: string }>('SELECT "status" FROM "SignOff" WHERE "patientId" = $1 ORDER BY "status"', [patientOf(prepared).patientId]);
      expect(decided.map((row) => row.status)).toEqual([...FIRST_PHASE.slice(1).map(() => 'PENDING'), 'SIGNED']);
      await productOps(session).signAll(surgeon, patientOf(prepared));
    },
  }));
}

function patientCells(): AllowedCell[] {
  const cells: AllowedCell[] = [
    {
      title: 'setPasswordAction with a valid invitation (signed out: the token is the credential)',
      actor: 'signedOut',
      resources: ['invitation', 'user'],
      verb: 'update',
      action: 'setPasswordAction',
      prepare: async (_s, ops) => {
        const patient = await ops.createPatient('harborTherapist');
        const { email } = await one<{ email: string }>('SELECT "email" FROM "User" WHERE "id" = $1', [patient.userId]);
        return { patient, email, token: await ops.invite('harborTherapist', patient) };
      },
      request: async (_w, prepared) => {
        const token = String(prepared.token);
        return { page: `/invite/${token}`, fields: { token, password: 'authorization suite password', repeatPassword: 'authorization suite password' } };
      },
      expect: { outcome: 'ok', audit: 'invitation.accept' },
      // The answer names the account to sign in with: whoever holds the link may know it.
      sends: (prepared) => [String(prepared.email)],
      verify: async (_w, prepared, answer) => {
        expect(answer.kind === 'result' ? answer.result.data : null).toEqual({ email: prepared.email });
        const user = await one<{ hasPassword: boolean }>('SELECT "passwordHash" IS NOT NULL AS "hasPassword" FROM "User" WHERE "id" = $1', [patientOf(prepared).userId]);
        expect(user.hasPassword).toBe(true);
      },
    },
  ];
  for (const [actor, clinic] of [
    ['harborPatient', 'harbor'],
    ['harborFusionPatient', 'harbor'],
    ['summitPatient', 'summit'],
  ] as const) {
    cells.push({
      // Sam's and Robin's own logs stay as the other specs expect: a fresh patient of the same clinic logs instead.
      title: `logSessionAction by ${actor}`,
      actor,
      resources: ['sessionLog'],
      verb: 'create',
      action: 'logSessionAction',
      prepare: async (_s, ops) => {
        const { patient, context } = await ops.portalPatient(clinic);
        return { patient, actAs: context };
      },
      request: async (w) => ({
        page: '/portal',
        fields: { exerciseId: w.exercise[clinic].Walking ?? '', performedOn: isoDaysAgo(1), completed: 'yes', setsCompleted: '', backPain: '1', legPain: '0', note: 'Authorization suite' },
      }),
      expect: { outcome: 'ok', audit: 'session.log' },
      verify: async (_w, prepared) => {
        const logged = await rows<{ exerciseName: string; backPain: number; legPain: number }>('SELECT "exerciseName", "backPain", "legPain" FROM "SessionLog" WHERE "patientId" = $1', [patientOf(prepared).patientId]);
        expect(logged).toEqual([{ exerciseName: 'Walking', backPain: 1, legPain: 0 }]);
      },
    });
    for (const [kind, audit] of [
      ['saveRemindersAction', 'reminders.update'],
      ['makeCalendarLinkAction', 'calendar.create'],
      ['stopCalendarLinkAction', 'calendar.revoke'],
    ] as const) {
      cells.push({
        // A fresh patient of the same clinic: Sam's and Robin's reminders stay as seeded.
        title: `${kind} by ${actor}${kind === 'makeCalendarLinkAction' ? ': the link opens the calendar with no session, says only "Your exercises", and a new link stops the old one' : kind === 'stopCalendarLinkAction' ? ': the link then answers 404' : ''}`,
        actor,
        resources: ['reminder'],
        verb: kind === 'saveRemindersAction' ? 'update' : kind === 'makeCalendarLinkAction' ? 'create' : 'delete',
        action: kind,
        prepare: async (session, ops) => {
          const { patient, context } = await ops.portalPatient(clinic);
          const prepared: Prepared = { patient, actAs: context };
          if (kind === 'stopCalendarLinkAction') {
            const made = expectOk(await session.act(context, 'makeCalendarLinkAction', '/portal', {}), 'the patient makes a calendar link first') as { url: string };
            prepared.calendarPath = new URL(made.url).pathname;
          }
          return prepared;
        },
        request: async () => ({ page: '/portal', fields: (kind === 'saveRemindersAction' ? { time: '18:30', showNames: 'on' } : {}) as Fields }),
        expect: { outcome: 'ok', audit },
        verify: async (_w, prepared, answer, session) => {
          const patientId = patientOf(prepared).patientId;
          if (kind === 'saveRemindersAction') {
            expect(await rows('SELECT "time", "showNames", "emailReminders" FROM "ReminderPreference" WHERE "patientId" = $1', [patientId])).toEqual([{ time: '18:30', showNames: true, emailReminders: false }]);
            return;
          }
          const anonymous = await session.anonymous();
          if (kind === 'stopCalendarLinkAction') {
            const gone = await anonymous.get(String(prepared.calendarPath));
            expect(gone.status(), 'a stopped link answers 404').toBe(404);
            expect(await gone.text()).toBe('Not found');
            return;
          }
          const url = answer.kind === 'result' ? (answer.result.data as { url?: string; webcalUrl?: string }).url ?? '' : '';
          expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}$/);
          const feed = await anonymous.get(new URL(url).pathname);
          expect(feed.status()).toBe(200);
          expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
          expect(feed.headers()['cache-control']).toContain('no-store');
          const ics = await feed.text();
          expect(ics).toContain('SUMMARY:Your exercises');
          expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(28);
          expect(ics).not.toContain(patientOf(prepared).lastName);
          const again = expectOk(await session.act(prepared.actAs ?? actor, 'makeCalendarLinkAction', '/portal', {}), 'a new link') as { url: string };
          expect((await anonymous.get(new URL(url).pathname)).status(), 'the old link stops').toBe(404);
          expect((await anonymous.get(new URL(again.url).pathname)).status(), 'the new one works').toBe(200);
        },
      });
    }
  }
  return cells;
}

/** Closes what a cell left open on its own patient, so the care team's alert lists hold only what the specs look for. */
async function closeOpenAlerts(session: Session, clinician: SignedInKey, patientId: string): Promise<void> {
  for (const alert of await alertsOf(patientId)) {
    if (!alert.isOpen) continue;
    const page = ACTORS[clinician].role === 'SURGEON' ? '/sign-offs' : '/caseload';
    expectOk(await session.act(clinician, 'acknowledgeAlertAction', page, { alertId: alert.id, note: 'Closed by the authorization suite.' }), `${clinician} closes a leftover alert`);
  }
}

type PortalClinic = { actor: 'harborPatient' | 'harborFusionPatient' | 'summitPatient'; clinic: 'harbor' | 'summit'; therapist: 'harborTherapist' | 'summitTherapist'; emergencyNumber: string; phone: string };
const PORTAL_CLINICS: PortalClinic[] = [
  { actor: 'harborPatient', clinic: 'harbor', therapist: 'harborTherapist', emergencyNumber: '911', phone: '(555) 010-2000' },
  { actor: 'harborFusionPatient', clinic: 'harbor', therapist: 'harborTherapist', emergencyNumber: '911', phone: '(555) 010-2000' },
  { actor: 'summitPatient', clinic: 'summit', therapist: 'summitTherapist', emergencyNumber: '999', phone: '020 7946 0000' },
];

/**
 * The loop back from the patient: a fresh patient of each clinic (never Sam or Robin) logs high pain or
 * reports warning signs, and the clinicians of their care team acknowledge the alerts this raises.
 */
function clinicalLoopCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const { actor, clinic, therapist, emergencyNumber, phone } of PORTAL_CLINICS) {
    const surgeon = CARE_TEAM_SURGEON[therapist];
    cells.push(
      {
        title: `logSessionAction by ${actor} with high leg pain: logged as entered, one pain alert to the care team's therapist, none on the surgeon's queue`,
        actor,
        resources: ['sessionLog', 'alert'],
        verb: 'create',
        action: 'logSessionAction',
        prepare: async (_s, ops) => {
          const { patient, context } = await ops.portalPatient(clinic);
          return { patient, actAs: context, note: `Authorization suite: sharp leg pain ${uniqueStamp()}` };
        },
        request: async (w, prepared) => ({
          page: '/portal',
          fields: { exerciseId: w.exercise[clinic].Walking ?? '', performedOn: isoDaysAgo(1), completed: 'yes', setsCompleted: '', backPain: '3', legPain: '8', note: String(prepared.note) },
        }),
        expect: { outcome: 'ok', audit: 'session.log' },
        verify: async (w, prepared, answer, session) => {
          const patient = patientOf(prepared);
          const [logged] = await rows<{ id: string; backPain: number; legPain: number; note: string }>('SELECT "id", "backPain", "legPain", "note" FROM "SessionLog" WHERE "patientId" = $1', [patient.patientId]);
          expect(logged).toMatchObject({ backPain: 3, legPain: 8, note: prepared.note });
          expect(answer.kind === 'result' ? answer.result.data : null).toMatchObject({ sessionId: logged?.id, isHighPain: true, alertRaised: true });
          const [alert] = await rows<{ kind: string; cause: string; sessionLogId: string; clinicId: string; isOpen: boolean }>(
            'SELECT "kind"::text AS "kind", "cause", "sessionLogId", "clinicId", "acknowledgedAt" IS NULL AS "isOpen" FROM "Alert" WHERE "patientId" = $1',
            [patient.patientId],
          );
          expect(alert).toEqual({ kind: 'PAIN', cause: 'PAIN', sessionLogId: logged?.id, clinicId: w.clinicId[clinic], isOpen: true });
          const caseload = await (await session.context(therapist).get('/caseload', { headers: { 'x-forwarded-for': nextIp() } })).text();
          expect(caseload.includes(patient.lastName) && caseload.includes('Leg pain 8/10'), 'the therapist sees the alert on the caseload').toBe(true);
          const queue = await (await session.context(surgeon).get('/sign-offs', { headers: { 'x-forwarded-for': nextIp() } })).text();
          expect(queue.includes(patient.lastName), 'the surgeon does not follow pain alerts').toBe(false);
          await closeOpenAlerts(session, therapist, patient.patientId);
        },
      },
      {
        title: `reportWarningSignsAction by ${actor}: told at once whom to call (their own clinic's numbers), each sign kept once and alerted once, a double tap writes nothing more`,
        actor,
        resources: ['warningSign', 'alert'],
        verb: 'create',
        action: 'reportWarningSignsAction',
        prepare: async (_s, ops) => {
          const { patient, context } = await ops.portalPatient(clinic);
          return { patient, actAs: context, key: `authz-${uniqueStamp()}` };
        },
        request: async (_w, prepared) => ({ page: '/portal', fields: { signs: ['SADDLE_NUMBNESS', 'WOUND', 'WOUND'], submissionKey: String(prepared.key) } }),
        expect: { outcome: 'ok', audit: 'warning_sign.report' },
        verify: async (w, prepared, answer, session) => {
          const patient = patientOf(prepared);
          expect(answer.kind === 'result' ? answer.result.data : null).toMatchObject({ urgency: 'EMERGENCY', emergencyNumber, clinicPhone: phone });
          const stored = async () => ({
            reports: await rows<{ code: string; submissionKey: string }>('SELECT "code", "submissionKey" FROM "WarningSignReport" WHERE "patientId" = $1 ORDER BY "code"', [patient.patientId]),
            alerts: await rows<{ kind: string; cause: string; clinicId: string }>('SELECT "kind"::text AS "kind", "cause", "clinicId" FROM "Alert" WHERE "patientId" = $1 ORDER BY "cause"', [patient.patientId]),
          });
          const expected = {
            reports: [
              { code: 'SADDLE_NUMBNESS', submissionKey: prepared.key },
              { code: 'WOUND', submissionKey: prepared.key },
            ],
            alerts: [
              { kind: 'WARNING_SIGN', cause: 'SIGN:SADDLE_NUMBNESS', clinicId: w.clinicId[clinic] },
              { kind: 'WARNING_SIGN', cause: 'SIGN:WOUND', clinicId: w.clinicId[clinic] },
            ],
          };
          expect(await stored()).toEqual(expected);
          const again = await session.act(prepared.actAs ?? actor, 'reportWarningSignsAction', '/portal', { signs: ['SADDLE_NUMBNESS', 'WOUND'], submissionKey: String(prepared.key) });
          expect(again.kind === 'result' ? again.result.data : null, 'the same submit again still says whom to call').toMatchObject({ urgency: 'EMERGENCY', emergencyNumber });
          expect(await stored(), 'and keeps nothing more').toEqual(expected);
          const raised = await rows<{ action: string; n: number }>(
            `SELECT "action", count(*)::int AS "n" FROM "AuditEvent" WHERE "patientId" = $1 AND "action" IN ('warning_sign.report', 'alert.raise') GROUP BY "action" ORDER BY "action"`,
            [patient.patientId],
          );
          expect(raised).toEqual([
            { action: 'alert.raise', n: 2 },
            { action: 'warning_sign.report', n: 2 },
          ]);
          const queue = await (await session.context(surgeon).get('/sign-offs', { headers: { 'x-forwarded-for': nextIp() } })).text();
          expect(queue.includes(patient.lastName), "the warning signs are on the surgeon's queue").toBe(true);
          await closeOpenAlerts(session, surgeon, patient.patientId);
        },
      },
    );
  }
  for (const therapist of Object.keys(CARE_TEAM_SURGEON) as Array<keyof typeof CARE_TEAM_SURGEON>) {
    const clinic = therapistClinic(therapist);
    const surgeon = CARE_TEAM_SURGEON[therapist];
    // The surgeon closes the warning sign; the therapist the pain alert, which the surgeon does not see.
    for (const [clinician, cause, other] of [
      [therapist, 'PAIN', 'SIGN:FALL'],
      [surgeon, 'SIGN:FALL', 'PAIN'],
    ] as const) {
      cells.push({
        title: `acknowledgeAlertAction by ${clinician}: the ${cause === 'PAIN' ? 'pain' : 'warning-sign'} alert of their own patient closes with who and the note; the patient's other alert stays open`,
        actor: clinician,
        resources: ['alert'],
        verb: 'update',
        action: 'acknowledgeAlertAction',
        prepare: async (_s, ops) => {
          const { patient, context } = await ops.portalPatient(clinic, { therapist });
          await ops.logWalking(context, clinic, { backPain: 8 });
          await ops.reportSigns(context, ['FALL']);
          const note = `Called them: rest today, a shorter walk tomorrow (${uniqueStamp()}).`;
          return { patient, note, alertId: await openAlertId(patient.patientId, cause), otherAlertId: await openAlertId(patient.patientId, other) };
        },
        request: async (_w, prepared) => ({
          page: ACTORS[clinician].role === 'SURGEON' ? '/sign-offs' : `/patients/${patientOf(prepared).patientId}`,
          fields: { alertId: String(prepared.alertId), note: `  ${String(prepared.note)}  ` },
        }),
        expect: { outcome: 'ok', audit: 'alert.acknowledge' },
        probes: (_w, prepared) => [alertProbe(String(prepared.otherAlertId), "the patient's other open alert")],
        verify: async (w, prepared, answer, session) => {
          const patient = patientOf(prepared);
          expect(answer.kind === 'result' ? answer.result.data : null).toEqual({ alertId: prepared.alertId, patientId: patient.patientId });
          const byId = new Map((await alertsOf(patient.patientId)).map((alert) => [alert.id, alert]));
          expect(byId.get(String(prepared.alertId))).toMatchObject({ cause, isOpen: false, acknowledgedById: w.userId[clinician], acknowledgementNote: prepared.note });
          expect(byId.get(String(prepared.otherAlertId))).toMatchObject({ cause: other, isOpen: true, acknowledgedById: null, acknowledgementNote: null });
          const again = await session.act(clinician, 'acknowledgeAlertAction', '/caseload', { alertId: String(prepared.alertId), note: 'A second acknowledgement.' });
          expect(again.kind === 'result' ? again.result.code : describeAnswer(again), 'an alert is acknowledged once').toBe('CONFLICT');
          await closeOpenAlerts(session, therapist, patient.patientId);
        },
      });
    }
  }
  return cells;
}

function clinicSettingsCells(): AllowedCell[] {
  const settingsOf = (clinicId: string) =>
    one<{ phone: string; emergencyNumber: string; timeZone: string }>('SELECT "phone", "emergencyNumber", "timeZone" FROM "Clinic" WHERE "id" = $1', [clinicId]);
  const cells: AllowedCell[] = ADMINS.map((admin) => {
    const clinic = therapistClinic(admin);
    const otherClinic = clinic === 'harbor' ? 'summit' : 'harbor';
    return {
      // The portal and every date the other specs check read these settings at the same moment, so the admin
      // saves the clinic's own values, padded as a form may send them: the save is proven without changing
      // what patients are told. (Changing them is fuzzed on clinics of its own: tests/integration/fuzz.)
      title: `updateClinicSettingsAction by ${admin}: their own clinic's settings are saved trimmed and audited with before and after; the other clinic's are untouched`,
      actor: admin,
      resources: ['clinic'],
      verb: 'update',
      action: 'updateClinicSettingsAction',
      prepare: async (session) => ({ settings: await settingsOf(session.world.clinicId[clinic]) }),
      request: async (_w, prepared) => {
        const settings = prepared.settings as { phone: string; emergencyNumber: string; timeZone: string };
        return { page: '/admin/clinic', fields: { phone: ` ${settings.phone}\t`, emergencyNumber: ` ${settings.emergencyNumber} `, timeZone: `${settings.timeZone} ` } };
      },
      expect: { outcome: 'ok', audit: 'clinic.update_settings' },
      probes: (w) => [{ label: `the other clinic's settings`, sql: 'SELECT "phone", "emergencyNumber", "timeZone" FROM "Clinic" WHERE "id" = $1', params: [w.clinicId[otherClinic]] }],
      verify: async (w, prepared, answer) => {
        expect(await settingsOf(w.clinicId[clinic])).toEqual(prepared.settings);
        expect(answer.kind === 'result' ? answer.result.data : null).toEqual(prepared.settings);
        const [audit] = await rows<{ entityId: string; before: unknown; after: unknown }>(
          `SELECT "entityId", "before", "after" FROM "AuditEvent" WHERE "action" = 'clinic.update_settings' AND "actorId" = $1 ORDER BY "id" DESC LIMIT 1`,
          [w.userId[admin]],
        );
        expect(audit).toEqual({ entityId: w.clinicId[clinic], before: prepared.settings, after: prepared.settings });
      },
    };
  });
  cells.push({
    title: "harborAdmin changes Summit's settings by naming its clinic (a clinicId field: the form takes none, so it is refused)",
    actor: 'harborAdmin',
    resources: ['clinic'],
    verb: 'update',
    action: 'updateClinicSettingsAction',
    prepare: async () => ({}),
    request: async (w) => ({ page: '/admin/clinic', fields: { clinicId: w.clinicId.summit, phone: '555 000 1111', emergencyNumber: '112', timeZone: 'Europe/Berlin' } }),
    expect: { outcome: 'refused', code: 'INVALID_INPUT' },
    probes: () => [clinicsProbe()],
  });
  return cells;
}

/** The suite's fresh patient of a surgeon's care team, with the portal: the orders are proven on them, never on Sam or Morgan. */
function orderCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const surgeon of ['harborSurgeon', 'harborOtherSurgeon', 'summitSurgeon'] as const) {
    const therapist = (THERAPIST_OF[surgeon] ?? 'harborTherapist') as keyof typeof CARE_TEAM_SURGEON;
    const clinic = therapistClinic(surgeon);
    cells.push({
      title: `recordSurgeonOrderAction by ${surgeon}: version 1 of their own patient's orders, signed and audited; the patient reads the limits in place of the protocol's; a page showing no orders is then out of date (CONFLICT)`,
      actor: surgeon,
      resources: ['surgeonOrder'],
      verb: 'sign',
      action: 'recordSurgeonOrderAction',
      prepare: async (_s, ops) => {
        const { patient, context } = await ops.portalPatient(clinic, { therapist });
        return { patient, portal: context };
      },
      request: async (w, prepared) => ({
        page: `/patients/${patientOf(prepared).patientId}`,
        fields: orderFields(patientOf(prepared), { liftingUntilPhaseId: w.protocol[clinic].phaseIds[2] ?? '', drivingUntilDate: isoDaysAgo(-14), note: 'Authorization suite: protect the disc.' }),
      }),
      expect: { outcome: 'ok', audit: 'order.sign' },
      verify: async (w, prepared, answer, session) => {
        const patient = patientOf(prepared);
        expect(answer.kind === 'result' ? answer.result.data : null).toEqual({ version: 1, patientId: patient.patientId });
        const orders = await rows<{ version: number; surgeonId: string; note: string; restrictions: Array<{ kind: string; isAllowed: boolean; limit: number | null; unit: string | null; untilPhaseId: string | null; hasUntilDate: boolean }> }>(
          `SELECT o."version", o."surgeonId", o."note",
             (SELECT json_agg(json_build_object('kind', r."kind", 'isAllowed', r."isAllowed", 'limit', r."limit", 'unit', r."unit", 'untilPhaseId', r."untilPhaseId", 'hasUntilDate', r."untilDate" IS NOT NULL) ORDER BY r."kind"::text) FROM "SurgeonOrderRestriction" r WHERE r."orderId" = o."id") AS "restrictions"
           FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" WHERE e."patientId" = $1 ORDER BY o."version"`,
          [patient.patientId],
        );
        const phase3 = w.protocol[clinic].phaseIds[2] ?? '';
        expect(orders).toEqual([
          {
            version: 1,
            surgeonId: w.userId[surgeon],
            note: 'Authorization suite: protect the disc.',
            restrictions: [
              { kind: 'BENDING', isAllowed: false, limit: null, unit: null, untilPhaseId: null, hasUntilDate: false },
              { kind: 'DRIVING', isAllowed: false, limit: null, unit: null, untilPhaseId: null, hasUntilDate: true },
              { kind: 'LIFTING', isAllowed: false, limit: 4, unit: 'KG', untilPhaseId: phase3, hasUntilDate: false },
              { kind: 'SITTING', isAllowed: true, limit: null, unit: null, untilPhaseId: null, hasUntilDate: false },
              { kind: 'TWISTING', isAllowed: true, limit: null, unit: null, untilPhaseId: null, hasUntilDate: false },
            ],
          },
        ]);
        const portal = await (await (prepared.portal as APIRequestContext).get('/portal', { headers: { 'x-forwarded-for': nextIp() } })).text();
        for (const sentence of ['Your surgeon set these limits for you:', 'Do not lift more than 4 kg until you reach phase 3.', 'Do not bend forward at the waist.', 'Do not drive until']) {
          expect(portal.includes(sentence), `the patient reads "${sentence}"`).toBe(true);
        }
        expect(portal.includes('Authorization suite: protect the disc.'), 'the note is for the care team, not the patient').toBe(false);
        const stale = await session.act(surgeon, 'recordSurgeonOrderAction', `/patients/${patient.patientId}`, orderFields(patient, { basedOnVersion: '0', liftingLimit: '10' }));
        expect(stale.kind === 'result' ? stale.result.code : describeAnswer(stale), 'a page that showed no orders is out of date').toBe('CONFLICT');
        expect((await rows('SELECT o."id" FROM "SurgeonOrder" o JOIN "Episode" e ON e."id" = o."episodeId" WHERE e."patientId" = $1', [patient.patientId])).length).toBe(1);
      },
    });
  }
  // Orders need only the episode: no plan is approved, so nothing waits on Dr. Shah's queue.
  const ownPatient = async (_s: Session, ops: Ops) => ({ patient: await ops.createPatient('harborTherapist') });
  cells.push(
    {
      title: "harborSurgeon signs orders for their own patient lasting until a phase of another protocol (Harbor's fusion protocol): INVALID_INPUT, nothing signed",
      actor: 'harborSurgeon',
      resources: ['surgeonOrder'],
      verb: 'sign',
      action: 'recordSurgeonOrderAction',
      prepare: ownPatient,
      request: async (w, prepared) => {
        const fusion = await one<{ id: string }>(
          `SELECT ph."id" FROM "ProtocolPhase" ph JOIN "Protocol" r ON r."id" = ph."protocolId" WHERE r."clinicId" = $1 AND r."name" = 'Lumbar fusion' ORDER BY ph."position" DESC LIMIT 1`,
          [w.clinicId.harbor],
        );
        return { page: `/patients/${patientOf(prepared).patientId}`, fields: orderFields(patientOf(prepared), { liftingUntilPhaseId: fusion.id }) };
      },
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (_w, prepared) => [ordersProbe(patientOf(prepared))],
    },
    {
      title: 'harborSurgeon signs orders for their own patient lasting until a day before the surgery: INVALID_INPUT, nothing signed',
      actor: 'harborSurgeon',
      resources: ['surgeonOrder'],
      verb: 'sign',
      action: 'recordSurgeonOrderAction',
      prepare: ownPatient,
      request: async (_w, prepared) => ({ page: `/patients/${patientOf(prepared).patientId}`, fields: orderFields(patientOf(prepared), { drivingUntilDate: isoDaysAgo(30) }) }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (_w, prepared) => [ordersProbe(patientOf(prepared))],
    },
  );
  return cells;
}

/** The clinic's staff with media.upload, each on an exercise their admin adds and a photo they upload themselves. */
const MEDIA_ACTORS: SignedInKey[] = ['harborAdmin', 'harborTherapist', 'harborOtherTherapist', 'summitAdmin', 'summitTherapist'];

function mediaCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const actor of MEDIA_ACTORS) {
    const clinic = therapistClinic(actor);
    // A photo of their own on the clinic's exercise for these cells (they run one after another).
    const withPhoto = async (session: Session, ops: Ops): Promise<Prepared> => {
      const exerciseId = session.world.cellExercise[clinic];
      return { exerciseId, mediaId: await ops.uploadPhoto(actor, exerciseId) };
    };
    const featuredOf = async (exerciseId: unknown) => (await one<{ featuredMediaId: string | null }>('SELECT "featuredMediaId" FROM "Exercise" WHERE "id" = $1', [exerciseId])).featuredMediaId;
    cells.push(
      {
        title: `setFeaturedMediaAction by ${actor}: their photo is what patients see first, audited; and then the drawing again`,
        actor,
        resources: ['media', 'exercise'],
        verb: 'update',
        action: 'setFeaturedMediaAction',
        prepare: withPhoto,
        request: async (_w, prepared) => ({ page: `/catalog/${String(prepared.exerciseId)}`, fields: { exerciseId: String(prepared.exerciseId), mediaId: String(prepared.mediaId) } }),
        expect: { outcome: 'ok', audit: 'media.feature' },
        verify: async (_w, prepared, answer, session) => {
          expect(answer.kind === 'result' ? answer.result.data : null).toEqual({ exerciseId: prepared.exerciseId, featuredMediaId: prepared.mediaId });
          expect(await featuredOf(prepared.exerciseId)).toBe(prepared.mediaId);
          const drawing = await session.act(actor, 'setFeaturedMediaAction', `/catalog/${String(prepared.exerciseId)}`, { exerciseId: String(prepared.exerciseId), mediaId: '' });
          expectOk(drawing, `${actor} shows the drawing first again`);
          expect(await featuredOf(prepared.exerciseId)).toBeNull();
        },
      },
      {
        title: `removeExerciseMediaAction by ${actor}: the photo shown first is gone (bytes deleted, the row kept as removed, the drawing shown again), audited, and answers 404 from then on`,
        actor,
        resources: ['media'],
        verb: 'delete',
        action: 'removeExerciseMediaAction',
        prepare: async (session, ops) => {
          const prepared = await withPhoto(session, ops);
          await ops.featureMedia(actor, String(prepared.exerciseId), String(prepared.mediaId));
          return prepared;
        },
        request: async (_w, prepared) => ({ page: `/catalog/${String(prepared.exerciseId)}`, fields: { mediaId: String(prepared.mediaId) } }),
        expect: { outcome: 'ok', audit: 'media.remove' },
        verify: async (_w, prepared, answer, session) => {
          expect(answer.kind === 'result' ? answer.result.data : null).toEqual({ exerciseId: prepared.exerciseId });
          const stored = await one<{ isRemoved: boolean; chunks: number }>(
            `SELECT m."removedAt" IS NOT NULL AS "isRemoved", (SELECT count(*)::int FROM "MediaChunk" c WHERE c."storageKey" = m."storageKey") AS "chunks" FROM "ExerciseMedia" m WHERE m."id" = $1`,
            [prepared.mediaId],
          );
          expect(stored).toEqual({ isRemoved: true, chunks: 0 });
          expect(await featuredOf(prepared.exerciseId)).toBeNull();
          const read = await session.context(actor).get(`/api/media/${String(prepared.mediaId)}`, { headers: { 'x-forwarded-for': nextIp() } });
          expect(read.status(), 'a removed photo is not found').toBe(404);
        },
      },
    );
  }
  return cells;
}

function catalogCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const admin of ADMINS) {
    const clinic = therapistClinic(admin);
    cells.push(
      {
        title: `createExerciseAction by ${admin}`,
        actor: admin,
        resources: ['exercise'],
        verb: 'create',
        action: 'createExerciseAction',
        prepare: async () => ({ name: `Zz Authz exercise ${uniqueStamp()}` }),
        request: async (_w, prepared) => ({ page: '/catalog/new', fields: exerciseFields(String(prepared.name)) }),
        expect: { outcome: 'redirect', to: () => /^\/catalog\/[a-z0-9]+$/, audit: 'exercise.create' },
        verify: async (w, prepared) => {
          const created = await one<{ clinicId: string }>('SELECT "clinicId" FROM "Exercise" WHERE "name" = $1', [prepared.name]);
          expect(created.clinicId).toBe(w.clinicId[clinic]);
        },
      },
      {
        title: `updateExerciseAction by ${admin}`,
        actor: admin,
        resources: ['exercise'],
        verb: 'update',
        action: 'updateExerciseAction',
        prepare: async (_s, ops) => ({ exerciseId: await ops.createExercise(admin) }),
        request: async (_w, prepared) => {
          const current = await one<{ name: string }>('SELECT "name" FROM "Exercise" WHERE "id" = $1', [prepared.exerciseId]);
          return { page: `/catalog/${prepared.exerciseId}/edit`, fields: { exerciseId: String(prepared.exerciseId), ...exerciseFields(current.name, 'Sit tall on a firm chair.\nLift one knee, then the other.') } };
        },
        expect: { outcome: 'redirect', to: (prepared) => new RegExp(`^/catalog/${String(prepared.exerciseId)}$`), audit: 'exercise.update' },
        verify: async (_w, prepared) => {
          const updated = await one<{ instructions: string }>('SELECT "instructions" FROM "Exercise" WHERE "id" = $1', [prepared.exerciseId]);
          expect(updated.instructions).toContain('Lift one knee');
        },
      },
      {
        title: `setExerciseRetiredAction by ${admin}`,
        actor: admin,
        resources: ['exercise'],
        verb: 'delete',
        action: 'setExerciseRetiredAction',
        prepare: async (_s, ops) => ({ exerciseId: await ops.createExercise(admin) }),
        request: async (_w, prepared) => ({ page: `/catalog/${prepared.exerciseId}`, fields: { exerciseId: String(prepared.exerciseId), retire: 'true' } }),
        expect: { outcome: 'redirect', to: (prepared) => new RegExp(`^/catalog/${String(prepared.exerciseId)}$`), audit: 'exercise.retire' },
        verify: async (_w, prepared) => {
          const retired = await one<{ isRetired: boolean }>('SELECT "retiredAt" IS NOT NULL AS "isRetired" FROM "Exercise" WHERE "id" = $1', [prepared.exerciseId]);
          expect(retired.isRetired).toBe(true);
        },
      },
    );
  }
  return cells;
}

function protocolCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  const phasesOf = (protocolId: unknown) =>
    rows<{ name: string; exercises: number }>(
      'SELECT ph."name", (SELECT count(*)::int FROM "ProtocolPhaseExercise" x WHERE x."phaseId" = ph."id") AS "exercises" FROM "ProtocolPhase" ph WHERE ph."protocolId" = $1 ORDER BY ph."position"',
      [protocolId],
    );
  for (const writer of PROTOCOL_WRITER_ACTORS) {
    const clinic = therapistClinic(writer);
    const withPhase = async (_s: Session, ops: Ops) => {
      const protocolId = await ops.createProtocol(writer);
      return { protocolId, phaseId: await ops.addPhase(writer, protocolId) };
    };
    const lock = async (prepared: Prepared) => String((await protocolLock(String(prepared.protocolId))).lockVersion);
    cells.push(
      {
        title: `createProtocolAction by ${writer}`,
        actor: writer,
        resources: ['protocol'],
        verb: 'create',
        action: 'createProtocolAction',
        prepare: async () => ({ name: `Zz Authz protocol ${uniqueStamp()}` }),
        request: async (_w, prepared) => ({ page: '/protocols', fields: { name: String(prepared.name), description: '' } }),
        expect: { outcome: 'redirect', to: () => /^\/protocols\/[a-z0-9]+$/, audit: 'protocol.create' },
        verify: async (w, prepared) => {
          const created = await one<{ clinicId: string }>('SELECT "clinicId" FROM "Protocol" WHERE "name" = $1', [prepared.name]);
          expect(created.clinicId).toBe(w.clinicId[clinic]);
        },
      },
      {
        title: `addProtocolPhaseAction by ${writer}`,
        actor: writer,
        resources: ['protocol'],
        verb: 'update',
        action: 'addProtocolPhaseAction',
        prepare: async (_s, ops) => ({ protocolId: await ops.createProtocol(writer) }),
        request: async (_w, prepared) => ({
          page: `/protocols/${prepared.protocolId}`,
          fields: { protocolId: String(prepared.protocolId), lockVersion: await lock(prepared), name: 'Early days', earliestDay: '0', criteria: 'Walks to the door', precautions: '' },
        }),
        expect: { outcome: 'ok', audit: 'protocol.add_phase' },
        verify: async (_w, prepared) => {
          expect(await phasesOf(prepared.protocolId)).toEqual([{ name: 'Early days', exercises: 0 }]);
        },
      },
      {
        title: `updateProtocolPhaseAction by ${writer}`,
        actor: writer,
        resources: ['protocol'],
        verb: 'update',
        action: 'updateProtocolPhaseAction',
        prepare: withPhase,
        request: async (_w, prepared) => ({
          page: `/protocols/${prepared.protocolId}`,
          fields: { phaseId: String(prepared.phaseId), lockVersion: await lock(prepared), name: 'Renamed phase', earliestDay: '0', criteria: '', precautions: '' },
        }),
        expect: { outcome: 'ok', audit: 'protocol.update_phase' },
        verify: async (_w, prepared) => {
          expect(await phasesOf(prepared.protocolId)).toEqual([{ name: 'Renamed phase', exercises: 0 }]);
        },
      },
      {
        title: `setPhaseExerciseAction by ${writer}`,
        actor: writer,
        resources: ['protocol', 'exercise'],
        verb: 'update',
        action: 'setPhaseExerciseAction',
        prepare: withPhase,
        request: async (w, prepared) => ({
          page: `/protocols/${prepared.protocolId}`,
          fields: { phaseId: String(prepared.phaseId), lockVersion: await lock(prepared), exerciseId: w.exercise[clinic].Walking ?? '', mode: 'SELF_DIRECTED', ...dosage({ minutes: '10' }) },
        }),
        expect: { outcome: 'ok', audit: 'protocol.add_phase_exercise' },
        verify: async (_w, prepared) => {
          expect(await phasesOf(prepared.protocolId)).toEqual([{ name: 'First weeks', exercises: 1 }]);
        },
      },
      {
        title: `removePhaseExerciseAction by ${writer}`,
        actor: writer,
        resources: ['protocol', 'exercise'],
        verb: 'delete',
        action: 'removePhaseExerciseAction',
        prepare: async (session, ops) => {
          const prepared = await withPhase(session, ops);
          await ops.setPhaseExercise(writer, prepared.protocolId, prepared.phaseId, session.world.exercise[clinic].Walking ?? '');
          return prepared;
        },
        request: async (w, prepared) => ({
          page: `/protocols/${prepared.protocolId}`,
          fields: { phaseId: String(prepared.phaseId), exerciseId: w.exercise[clinic].Walking ?? '', lockVersion: await lock(prepared) },
        }),
        expect: { outcome: 'ok', audit: 'protocol.remove_phase_exercise' },
        verify: async (_w, prepared) => {
          expect(await phasesOf(prepared.protocolId)).toEqual([{ name: 'First weeks', exercises: 0 }]);
        },
      },
      {
        title: `removeProtocolPhaseAction by ${writer}`,
        actor: writer,
        resources: ['protocol'],
        verb: 'delete',
        action: 'removeProtocolPhaseAction',
        prepare: withPhase,
        request: async (_w, prepared) => ({ page: `/protocols/${prepared.protocolId}`, fields: { phaseId: String(prepared.phaseId), lockVersion: await lock(prepared) } }),
        expect: { outcome: 'ok', audit: 'protocol.remove_phase' },
        verify: async (_w, prepared) => {
          expect(await phasesOf(prepared.protocolId)).toEqual([]);
        },
      },
    );
  }
  return cells;
}

function userCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const admin of ADMINS) {
    const clinic = therapistClinic(admin);
    const targetEmail = clinic === 'harbor' ? 'target.authz@harbor.test' : 'target.authz@summit.test';
    cells.push(
      {
        title: `setUserActiveAction by ${admin}`,
        actor: admin,
        resources: ['user'],
        verb: 'update',
        action: 'setUserActiveAction',
        // The target is signed in first: deactivation must end that session on its very next request.
        prepare: async (session) => {
          const active = await session.act(admin, 'setUserActiveAction', '/admin', { userId: session.world.targetUserId[clinic], isActive: 'true' });
          expect(active.kind === 'result' && active.result.ok, 'the target is active to begin with').toBe(true);
          return { targetSession: await session.signIn(targetEmail, DEMO_PASSWORD) };
        },
        request: async (w) => ({ page: '/admin', fields: { userId: w.targetUserId[clinic], isActive: 'false' } }),
        expect: { outcome: 'ok', audit: 'user.deactivate' },
        verify: async (w, prepared) => {
          const user = await one<{ isActive: boolean }>('SELECT "isActive" FROM "User" WHERE "id" = $1', [w.targetUserId[clinic]]);
          expect(user.isActive).toBe(false);
          const after = await prepared.targetSession?.get('/caseload', { maxRedirects: 0 });
          expect(after?.status(), 'the deactivated user’s session ends at once').toBe(307);
          expect(after?.headers().location).toMatch(/\/login$/);
        },
      },
      {
        title: `setUserActiveAction (reactivate) by ${admin}`,
        actor: admin,
        resources: ['user'],
        verb: 'update',
        action: 'setUserActiveAction',
        prepare: async () => ({}),
        request: async (w) => ({ page: '/admin', fields: { userId: w.targetUserId[clinic], isActive: 'true' } }),
        expect: { outcome: 'ok', audit: 'user.activate' },
        verify: async (w) => {
          const user = await one<{ isActive: boolean }>('SELECT "isActive" FROM "User" WHERE "id" = $1', [w.targetUserId[clinic]]);
          expect(user.isActive).toBe(true);
        },
      },
    );
  }
  return cells;
}

function staffCells(): AllowedCell[] {
  const cells: AllowedCell[] = [];
  for (const admin of ADMINS) {
    const clinic = therapistClinic(admin);
    cells.push(
      {
        title: `createStaffUserAction by ${admin}`,
        actor: admin,
        resources: ['user', 'invitation'],
        verb: 'create',
        action: 'createStaffUserAction',
        prepare: async () => ({ email: suiteEmail(`authz.staff.${uniqueStamp()}`) }),
        request: async (_w, prepared) => ({ page: '/admin', fields: { name: `Zz Authz New Surgeon ${uniqueStamp()}`, email: String(prepared.email), role: 'SURGEON' } }),
        expect: { outcome: 'ok', audit: 'user.create' },
        verify: async (w, prepared, answer) => {
          const user = await one<{ clinicId: string; role: string; hasPassword: boolean }>(
            'SELECT "clinicId", "role", "passwordHash" IS NOT NULL AS "hasPassword" FROM "User" WHERE "email" = $1',
            [prepared.email],
          );
          expect(user).toEqual({ clinicId: w.clinicId[clinic], role: 'SURGEON', hasPassword: false });
          const data = answer.kind === 'result' ? (answer.result.data as { path?: string }) : {};
          expect(data.path ?? '').toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
        },
      },
      {
        title: `inviteStaffUserAction by ${admin}: a new link for someone who has not set a password yet replaces the lost one`,
        actor: admin,
        resources: ['user', 'invitation'],
        verb: 'update',
        action: 'inviteStaffUserAction',
        prepare: async (session) => {
          const email = suiteEmail(`authz.staff.${uniqueStamp()}`);
          const added = await session.act(admin, 'createStaffUserAction', '/admin', { name: `Zz Authz Waiting ${uniqueStamp()}`, email, role: 'SURGEON' });
          const lost = tokenOfPath((expectOk(added, `${admin} adds a surgeon`) as { path?: string }).path);
          const { id } = await one<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = $1', [email]);
          return { email, userId: id, lost };
        },
        request: async (_w, prepared) => ({ page: '/admin', fields: { userId: String(prepared.userId) } }),
        expect: { outcome: 'ok', audit: 'invitation.create' },
        verify: async (_w, prepared, answer, session) => {
          const token = tokenOfPath(answer.kind === 'result' ? (answer.result.data as { path?: string }).path : undefined);
          const lost = await one<{ isUsed: boolean }>(`SELECT "usedAt" IS NOT NULL AS "isUsed" FROM "Invitation" WHERE "tokenHash" = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [prepared.lost]);
          expect(lost.isUsed, 'the earlier link no longer works').toBe(true);
          const accepted = await session.act(await session.anonymous(), 'setPasswordAction', `/invite/${token}`, { token, password: 'chosen by the new surgeon', repeatPassword: 'chosen by the new surgeon' });
          expect(accepted.kind === 'result' && accepted.result.ok, 'the new link sets the first password').toBe(true);
          await session.signIn(String(prepared.email), 'chosen by the new surgeon');
        },
      },
      {
        // The takeover this refuses: the link goes to the admin, who could choose the person's password and act
        // as them. It is proven on a staff member of the suite's own who has set a password.
        title: `inviteStaffUserAction by ${admin} for a staff member who has a password: refused, and their password still works`,
        actor: admin,
        resources: ['user', 'invitation'],
        verb: 'update',
        action: 'inviteStaffUserAction',
        prepare: async (_s, ops) => ({ account: await ops.staffMember(clinic, 'SURGEON') }),
        request: async (_w, prepared) => ({ page: '/admin', fields: { userId: accountOf(prepared).userId } }),
        expect: { outcome: 'refused', code: 'CONFLICT' },
        probes: (_w, prepared) => accountProbes(accountOf(prepared).userId),
        verify: async (_w, prepared, _answer, session) => {
          await session.signIn(accountOf(prepared).email, accountOf(prepared).password);
        },
      },
      {
        title: `resetStaffPasswordAction by ${admin}: the old password stops working, every session ends, and the new link works`,
        actor: admin,
        resources: ['user', 'invitation'],
        verb: 'update',
        action: 'resetStaffPasswordAction',
        prepare: async (session, ops) => {
          const account = await ops.staffMember(clinic, 'SURGEON');
          return { account, targetSession: await session.signIn(account.email, account.password) };
        },
        request: async (_w, prepared) => ({ page: '/admin', fields: { userId: accountOf(prepared).userId, password: DEMO_PASSWORD } }),
        expect: { outcome: 'ok', audit: 'user.reset_password' },
        verify: async (_w, prepared, answer, session) => {
          await expectPasswordReset(session, prepared, answer);
        },
      },
    );
  }
  for (const actor of ACTOR_KEYS) {
    if (actor === 'signedOut') continue;
    const viewerOf = (account: FreshAccount): Viewer => ({ clinic: account.clinic, role: account.role, userId: account.userId, patientId: account.patient?.patientId ?? null });
    const prepareTwoSessions = async (session: Session, ops: Ops): Promise<Prepared> => {
      const account = await ops.freshAccount(actor);
      const first = await session.signIn(account.email, account.password);
      const second = await session.signIn(account.email, account.password);
      return { account, actAs: first, other: second, actAsViewer: viewerOf(account) };
    };
    const demoUser = (w: World) => w.userId[actor];
    cells.push(
      {
        title: `changePasswordAction by ${actor} (a fresh account of that clinic and role; it also names a demo user's id, which is ignored)`,
        actor,
        resources: ['user'],
        verb: 'update',
        action: 'changePasswordAction',
        prepare: prepareTwoSessions,
        request: async (w, prepared) => ({
          page: '/account',
          fields: { currentPassword: accountOf(prepared).password, newPassword: 'a brand new passphrase', repeatPassword: 'a brand new passphrase', userId: demoUser(w) },
        }),
        expect: { outcome: 'redirect', to: () => /^\/login$/, audit: 'user.change_password' },
        probes: (w) => [userProbe(demoUser(w))],
        verify: async (_w, prepared, _answer, session) => {
          const other = await (prepared.other as APIRequestContext).get('/account', { maxRedirects: 0 });
          expect(other.status(), 'every other session of that account ends').toBe(307);
          await session.signIn(accountOf(prepared).email, 'a brand new passphrase');
        },
      },
      {
        title: `signOutEverywhereAction by ${actor} (a fresh account of that clinic and role; the demo user's sessions stay)`,
        actor,
        resources: ['user'],
        verb: 'update',
        action: 'signOutEverywhereAction',
        prepare: prepareTwoSessions,
        request: async (w) => ({ page: '/account', fields: { userId: demoUser(w) } }),
        expect: { outcome: 'redirect', to: () => /^\/login$/, audit: 'auth.sign_out_everywhere' },
        probes: (w) => [userProbe(demoUser(w))],
        verify: async (_w, prepared, _answer, session) => {
          const other = await (prepared.other as APIRequestContext).get('/account', { maxRedirects: 0 });
          expect(other.status(), 'the account’s other session ends').toBe(307);
          const demo = await session.context(actor).get('/account', { maxRedirects: 0 });
          expect(demo.status(), 'the demo user of the same role is still signed in').toBe(200);
        },
      },
    );
  }
  return cells;
}

function tokenOfPath(path: string | undefined): string {
  const token = /^\/invite\/([A-Za-z0-9_-]{43})$/.exec(path ?? '')?.[1];
  if (!token) throw new Error(`not an invitation path: ${String(path)}`);
  return token;
}

/**
 * After a reset of `prepared.account`: its password is gone and no longer signs in, the session opened before
 * the reset has ended, and the link in the answer lets the person choose a new password and sign in.
 */
async function expectPasswordReset(session: Session, prepared: Prepared, answer: ActionAnswer): Promise<void> {
  const account = accountOf(prepared);
  const stored = await one<{ hasPassword: boolean }>('SELECT "passwordHash" IS NOT NULL AS "hasPassword" FROM "User" WHERE "id" = $1', [account.userId]);
  expect(stored.hasPassword, 'the password is taken away').toBe(false);
  const before = await prepared.targetSession?.get('/account', { maxRedirects: 0 });
  expect(before?.status(), 'the session opened before the reset has ended').toBe(307);
  expect(await trySignIn(await session.anonymous(), account.email, account.password), 'the old password no longer signs in').toBe(false);
  const token = tokenOfPath(answer.kind === 'result' ? (answer.result.data as { path?: string }).path : undefined);
  const chosen = 'chosen after the reset';
  const accepted = await session.act(await session.anonymous(), 'setPasswordAction', `/invite/${token}`, { token, password: chosen, repeatPassword: chosen });
  expect(accepted.kind === 'result' && accepted.result.ok, 'the new link sets a new password').toBe(true);
  await session.signIn(account.email, chosen);
}

function accountOf(prepared: Prepared): FreshAccount {
  const account = prepared.account as FreshAccount | undefined;
  if (!account) throw new Error('no account prepared');
  return account;
}

/** An actor allowed to use an action, pointed at another clinic's record (or past the app's guard rails). */
function crossReferenceCells(): AllowedCell[] {
  return [
    {
      title: "harborTherapist adds Summit's catalog exercise to their own patient's draft",
      actor: 'harborTherapist',
      resources: ['planItem', 'exercise'],
      verb: 'create',
      action: 'addDraftItemAction',
      prepare: async (_s, ops) => ({ patient: await ops.createPatient('harborTherapist') }),
      request: async (w, prepared) => {
        const draft = await draftOf(patientOf(prepared).patientId);
        return {
          page: `/patients/${patientOf(prepared).patientId}/draft`,
          fields: { patientId: patientOf(prepared).patientId, versionId: draft.id, lockVersion: String(draft.lockVersion), exerciseId: w.exercise.summit['Side-lying clam'] ?? '' },
        };
      },
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (_w, prepared) => [versionsProbe(patientOf(prepared))],
    },
    {
      title: "harborTherapist registers a patient with Summit's surgeon",
      actor: 'harborTherapist',
      resources: ['patient', 'episode'],
      verb: 'create',
      action: 'createPatientAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/patients/new', fields: patientFields(w, { surgeonId: w.surgeonId.summit, protocolId: w.protocol.harbor.id }) }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (_w, _prepared, fields) => noPatientProbes(fields),
    },
    {
      title: "harborTherapist registers a patient on Summit's protocol",
      actor: 'harborTherapist',
      resources: ['patient', 'episode', 'protocol'],
      verb: 'create',
      action: 'createPatientAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/patients/new', fields: patientFields(w, { surgeonId: w.surgeonId.harbor, protocolId: w.protocol.summit.id }) }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (_w, _prepared, fields) => noPatientProbes(fields),
    },
    {
      title: "harborAdmin puts Summit's Walking into their own protocol",
      actor: 'harborAdmin',
      resources: ['protocol', 'exercise'],
      verb: 'update',
      action: 'setPhaseExerciseAction',
      prepare: async (_s, ops) => {
        const protocolId = await ops.createProtocol('harborAdmin');
        return { protocolId, phaseId: await ops.addPhase('harborAdmin', protocolId) };
      },
      request: async (w, prepared) => ({
        page: `/protocols/${prepared.protocolId}`,
        fields: {
          phaseId: String(prepared.phaseId),
          lockVersion: String((await protocolLock(String(prepared.protocolId))).lockVersion),
          exerciseId: w.exercise.summit.Walking ?? '',
          mode: 'SELF_DIRECTED',
          ...dosage({ minutes: '10' }),
        },
      }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (_w, prepared) => [protocolProbe(String(prepared.protocolId))],
    },
    {
      title: 'harborAdmin deactivates a Summit user',
      actor: 'harborAdmin',
      resources: ['user'],
      verb: 'update',
      action: 'setUserActiveAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/admin', fields: { userId: w.targetUserId.summit, isActive: 'false' } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (w) => [userProbe(w.targetUserId.summit)],
    },
    {
      title: 'harborAdmin deactivates their own account',
      actor: 'harborAdmin',
      resources: ['user'],
      verb: 'update',
      action: 'setUserActiveAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/admin', fields: { userId: w.userId.harborAdmin, isActive: 'false' } }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (w) => [userProbe(w.userId.harborAdmin)],
    },
    {
      title: "harborAdmin makes an invitation link for a patient's account (patients are invited by their therapist)",
      actor: 'harborAdmin',
      resources: ['user', 'invitation'],
      verb: 'update',
      action: 'inviteStaffUserAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/admin', fields: { userId: w.sam.userId ?? '' } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (w) => [invitationsProbe(w.sam)],
    },
    {
      title: "harborAdmin resets a Summit user's password",
      actor: 'harborAdmin',
      resources: ['user', 'invitation'],
      verb: 'update',
      action: 'resetStaffPasswordAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/admin', fields: { userId: w.userId.summitSurgeon, password: DEMO_PASSWORD } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (w) => accountProbes(w.userId.summitSurgeon),
    },
    {
      title: "harborAdmin resets a patient's portal password (patients are reset by their therapist)",
      actor: 'harborAdmin',
      resources: ['user', 'invitation'],
      verb: 'update',
      action: 'resetStaffPasswordAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/admin', fields: { userId: w.sam.userId ?? '', password: DEMO_PASSWORD } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (w) => accountProbes(w.sam.userId ?? ''),
    },
    {
      title: 'harborAdmin resets their own password through the reset (it is changed on the account page)',
      actor: 'harborAdmin',
      resources: ['user'],
      verb: 'update',
      action: 'resetStaffPasswordAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: '/admin', fields: { userId: w.userId.harborAdmin, password: DEMO_PASSWORD } }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (w) => accountProbes(w.userId.harborAdmin),
    },
    {
      title: "harborAdmin resets a Harbor surgeon's password typing the surgeon's password, not their own",
      actor: 'harborAdmin',
      resources: ['user'],
      verb: 'update',
      action: 'resetStaffPasswordAction',
      prepare: async (_s, ops) => ({ account: await ops.staffMember('harbor', 'SURGEON') }),
      request: async (_w, prepared) => ({ page: '/admin', fields: { userId: accountOf(prepared).userId, password: accountOf(prepared).password } }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (_w, prepared) => accountProbes(accountOf(prepared).userId),
    },
    {
      title: "harborTherapist resets Sam's portal password with a wrong password of their own",
      actor: 'harborTherapist',
      resources: ['user'],
      verb: 'update',
      action: 'resetPatientPasswordAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: `/patients/${w.sam.patientId}`, fields: { patientId: w.sam.patientId, password: 'not the password' } }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (w) => [portalAccountProbe(w.sam), invitationsProbe(w.sam)],
    },
    {
      title: 'harborAdmin adds a "staff member" with the patient role',
      actor: 'harborAdmin',
      resources: ['user'],
      verb: 'create',
      action: 'createStaffUserAction',
      prepare: async () => ({ email: suiteEmail(`authz.patientrole.${uniqueStamp()}`) }),
      request: async (_w, prepared) => ({ page: '/admin', fields: { name: 'Zz Authz Not Staff', email: String(prepared.email), role: 'PATIENT' } }),
      expect: { outcome: 'refused', code: 'INVALID_INPUT' },
      probes: (_w, prepared) => [{ label: 'no account with that email', sql: 'SELECT count(*)::int AS "n" FROM "User" WHERE "email" = $1', params: [prepared.email] }],
    },
    {
      title: "harborAdmin adds a staff member with the email of a Summit user (emails are global: CONFLICT, and nothing of Summit's changes)",
      actor: 'harborAdmin',
      resources: ['user'],
      verb: 'create',
      action: 'createStaffUserAction',
      prepare: async () => ({}),
      request: async () => ({ page: '/admin', fields: { name: 'Zz Authz Clash', email: String(ACTORS.summitTherapist.email), role: 'THERAPIST' } }),
      expect: { outcome: 'refused', code: 'CONFLICT' },
      probes: (w) => [userProbe(w.userId.summitTherapist)],
    },
    {
      title: "harborTherapist shows Summit's photo first on the suite's Harbor exercise",
      actor: 'harborTherapist',
      resources: ['media', 'exercise'],
      verb: 'update',
      action: 'setFeaturedMediaAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: `/catalog/${w.mediaExercise.harbor.exerciseId}`, fields: { exerciseId: w.mediaExercise.harbor.exerciseId, mediaId: w.mediaExercise.summit.mediaId } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (w) => [featuredProbe(w.mediaExercise.harbor.exerciseId)],
    },
    {
      title: "harborTherapist shows the photo of Harbor's Side-lying clam first on another exercise (a photo is shown only on its own exercise)",
      actor: 'harborTherapist',
      resources: ['media', 'exercise'],
      verb: 'update',
      action: 'setFeaturedMediaAction',
      prepare: async () => ({}),
      request: async (w) => ({ page: `/catalog/${w.mediaExercise.harbor.exerciseId}`, fields: { exerciseId: w.mediaExercise.harbor.exerciseId, mediaId: w.photo.mediaId } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (w) => [featuredProbe(w.mediaExercise.harbor.exerciseId)],
    },
    {
      title: 'harborAdmin shows a removed photo first',
      actor: 'harborAdmin',
      resources: ['media', 'exercise'],
      verb: 'update',
      action: 'setFeaturedMediaAction',
      prepare: async (session, ops) => {
        const exerciseId = session.world.cellExercise.harbor;
        const mediaId = await ops.uploadPhoto('harborAdmin', exerciseId);
        expectOk(await session.act('harborAdmin', 'removeExerciseMediaAction', `/catalog/${exerciseId}`, { mediaId }), 'harborAdmin removes a photo');
        return { exerciseId, mediaId };
      },
      request: async (_w, prepared) => ({ page: `/catalog/${String(prepared.exerciseId)}`, fields: { exerciseId: String(prepared.exerciseId), mediaId: String(prepared.mediaId) } }),
      expect: { outcome: 'refused', code: 'NOT_FOUND' },
      probes: (_w, prepared) => [featuredProbe(String(prepared.exerciseId))],
    },
    {
      title: 'harborTherapist creates a protocol from another origin (cross-site request)',
      actor: 'harborTherapist',
      resources: ['protocol'],
      verb: 'create',
      action: 'createProtocolAction',
      prepare: async () => ({ name: `Zz Authz cross-site ${uniqueStamp()}` }),
      request: async (_w, prepared) => ({ page: '/protocols', fields: { name: String(prepared.name), description: '' }, origin: 'https://attacker.example' }),
      // Next.js refuses a server action whose Origin is not the host: it is never run.
      expect: { outcome: 'error' },
      probes: (_w, prepared) => [{ label: 'no protocol with that name', sql: 'SELECT count(*)::int AS "n" FROM "Protocol" WHERE "name" = $1', params: [prepared.name] }],
    },
  ];
}

export const ALLOWED_CELLS: AllowedCell[] = [
  ...therapistCells(),
  ...surgeonCells(),
  ...patientCells(),
  ...catalogCells(),
  ...protocolCells(),
  ...userCells(),
  ...staffCells(),
  ...clinicalLoopCells(),
  ...clinicSettingsCells(),
  ...orderCells(),
  ...mediaCells(),
  ...crossReferenceCells(),
  ...SECOND_FACTOR_CELLS,
];

// -------------------------------------------------------------------------------------------------------
// "Not found, never forbidden: its existence is not confirmed." For each action that names a record, the
// answer to someone who may not see that record must be exactly the answer for an id that does not exist.

export type ExistenceCase = {
  action: ActionName;
  /** Which record, when an action has more than one case. */
  record?: string;
  page: (world: World) => string;
  /** The request, naming the given record id. */
  fields: (world: World, id: string) => Promise<Fields>;
  realId: (world: World) => Promise<string>;
  actors: ActorKey[];
};

export const UNKNOWN_ID = 'cauthzunknown000000000000';
const OUTSIDERS: ActorKey[] = ['harborOtherTherapist', 'harborSurgeon', 'summitAdmin', 'summitTherapist'];
/** Clinicians (and the admin) outside the alerted patient's care team. */
const ALERT_OUTSIDERS: readonly ActorKey[] = ['harborTherapist', 'harborSurgeon', 'harborAdmin', 'summitTherapist', 'summitSurgeon'];
const samDraft = (w: World) => draftOf(w.sam.patientId);
const samBridging = async (w: World) => {
  const draft = await samDraft(w);
  const item = draft.items.find((candidate) => candidate.exerciseName === 'Bridging');
  if (!item) throw new Error("Sam's draft has no Bridging");
  return { draft, item };
};
export const EXISTENCE_CASES: ExistenceCase[] = [
  { action: 'startDraftAction', page: (w) => `/patients/${w.sam.patientId}`, fields: async (_w, id) => ({ patientId: id }), realId: async (w) => w.sam.patientId, actors: OUTSIDERS },
  {
    action: 'advancePhaseAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (_w, id) => ({ patientId: id, reason: 'Authorization probe: advancing on purpose.' }),
    realId: async (w) => w.sam.patientId,
    actors: OUTSIDERS,
  },
  { action: 'createInvitationAction', page: (w) => `/patients/${w.sam.patientId}`, fields: async (_w, id) => ({ patientId: id }), realId: async (w) => w.sam.patientId, actors: OUTSIDERS },
  { action: 'emailInvitationAction', page: (w) => `/patients/${w.sam.patientId}`, fields: async (_w, id) => ({ patientId: id }), realId: async (w) => w.sam.patientId, actors: OUTSIDERS },
  {
    action: 'addDraftItemAction',
    page: (w) => `/patients/${w.sam.patientId}/draft`,
    fields: async (w, id) => ({ versionId: id, lockVersion: String((await samDraft(w)).lockVersion), exerciseId: w.exercise.harbor['Side-lying clam'] ?? '' }),
    realId: async (w) => (await samDraft(w)).id,
    actors: OUTSIDERS,
  },
  {
    action: 'updateDraftItemAction',
    page: (w) => `/patients/${w.sam.patientId}/draft`,
    fields: async (w, id) => ({ itemId: id, lockVersion: String((await samDraft(w)).lockVersion), mode: 'SUPERVISED', patientNotes: '', ...dosage({ reps: '5' }) }),
    realId: async (w) => (await samBridging(w)).item.id,
    actors: OUTSIDERS,
  },
  {
    action: 'removeDraftItemAction',
    page: (w) => `/patients/${w.sam.patientId}/draft`,
    fields: async (w, id) => ({ itemId: id, lockVersion: String((await samDraft(w)).lockVersion) }),
    realId: async (w) => (await samBridging(w)).item.id,
    actors: OUTSIDERS,
  },
  {
    action: 'discardDraftAction',
    page: (w) => `/patients/${w.sam.patientId}/draft`,
    fields: async (w, id) => ({ versionId: id, lockVersion: String((await samDraft(w)).lockVersion) }),
    realId: async (w) => (await samDraft(w)).id,
    actors: OUTSIDERS,
  },
  {
    action: 'approveVersionAction',
    page: (w) => `/patients/${w.sam.patientId}/draft`,
    fields: async (w, id) => ({ versionId: id, lockVersion: String((await samDraft(w)).lockVersion), password: DEMO_PASSWORD, shownItems: await shownItemsOf((await samDraft(w)).id) }),
    realId: async (w) => (await samDraft(w)).id,
    actors: OUTSIDERS,
  },
  {
    action: 'decideSignOffAction',
    page: () => '/sign-offs',
    fields: async (w, id) => ({ signOffId: id, contentHash: (await kneeFlexionSignOff(w)).contentHash, decision: 'DECLINE', reason: `Authorization probe ${uniqueStamp()}`, password: DEMO_PASSWORD }),
    realId: async (w) => (await kneeFlexionSignOff(w)).id,
    actors: ['harborOtherSurgeon', 'summitSurgeon'],
  },
  {
    action: 'updateExerciseAction',
    page: (w) => `/catalog/${w.exercise.harbor.Bridging}/edit`,
    fields: async (_w, id) => ({ exerciseId: id, ...exerciseFields('Bridging', 'Authorization probe: these are not the real steps.') }),
    realId: async (w) => w.exercise.harbor.Bridging ?? '',
    actors: ['summitAdmin'],
  },
  {
    action: 'setExerciseRetiredAction',
    page: (w) => `/catalog/${w.exercise.harbor.Bridging}`,
    fields: async (_w, id) => ({ exerciseId: id, retire: 'true' }),
    realId: async (w) => w.exercise.harbor.Bridging ?? '',
    actors: ['summitAdmin'],
  },
  {
    action: 'addProtocolPhaseAction',
    page: (w) => `/protocols/${w.protocol.harbor.id}`,
    fields: async (w, id) => ({ protocolId: id, lockVersion: String((await protocolLock(w.protocol.harbor.id)).lockVersion), name: 'Authorization probe phase', earliestDay: '90', criteria: '', precautions: '' }),
    realId: async (w) => w.protocol.harbor.id,
    actors: ['summitAdmin', 'summitTherapist'],
  },
  {
    action: 'updateProtocolPhaseAction',
    page: (w) => `/protocols/${w.protocol.harbor.id}`,
    fields: async (w, id) => ({ phaseId: id, lockVersion: String((await protocolLock(w.protocol.harbor.id)).lockVersion), name: 'Authorization probe rename', earliestDay: '0', criteria: '', precautions: '' }),
    realId: async (w) => w.protocol.harbor.phaseIds[0] ?? '',
    actors: ['summitAdmin', 'summitTherapist'],
  },
  {
    action: 'setUserActiveAction',
    page: () => '/admin',
    fields: async (_w, id) => ({ userId: id, isActive: 'false' }),
    realId: async (w) => w.targetUserId.harbor,
    actors: ['summitAdmin'],
  },
  {
    action: 'inviteStaffUserAction',
    page: () => '/admin',
    fields: async (_w, id) => ({ userId: id }),
    realId: async (w) => w.targetUserId.harbor,
    actors: ['summitAdmin'],
  },
  {
    action: 'resetStaffPasswordAction',
    page: () => '/admin',
    fields: async (_w, id) => ({ userId: id, password: DEMO_PASSWORD }),
    realId: async (w) => w.userId.harborOtherSurgeon,
    actors: ['summitAdmin'],
  },
  {
    action: 'resetPatientPasswordAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (_w, id) => ({ patientId: id, password: DEMO_PASSWORD }),
    realId: async (w) => w.sam.patientId,
    actors: OUTSIDERS,
  },
  // An alert another care team follows, one of a kind the role does not follow, and one already closed (which
  // its own care team would be told is closed): to everyone else, exactly an unknown id.
  ...(
    [
      ['painAlertId', 'an open pain alert', [...ALERT_OUTSIDERS, 'harborOtherSurgeon']],
      ['signAlertId', 'an open warning-sign alert', ALERT_OUTSIDERS],
      ['closedSignAlertId', 'an acknowledged warning-sign alert', ALERT_OUTSIDERS],
      ['closedPainAlertId', 'an acknowledged pain alert', [...ALERT_OUTSIDERS, 'harborOtherSurgeon']],
    ] as const satisfies ReadonlyArray<readonly [keyof AlertedPatient, string, readonly ActorKey[]]>
  ).map(([key, record, actors]): ExistenceCase => ({
    action: 'acknowledgeAlertAction',
    record,
    page: (w) => `/patients/${w.alerted.patientId}`,
    fields: async (_w, id) => ({ alertId: id, note: 'Authorization probe: acknowledging.' }),
    realId: async (w) => w.alerted[key],
    actors: [...actors],
  })),
  {
    action: 'recordSurgeonOrderAction',
    page: (w) => `/patients/${w.sam.patientId}`,
    fields: async (w, id) => orderFields({ ...w.sam, patientId: id }, { basedOnVersion: String(await latestOrderVersion(w.sam.patientId)) }),
    realId: async (w) => w.sam.patientId,
    actors: ['harborOtherSurgeon', 'summitSurgeon'],
  },
  {
    action: 'setFeaturedMediaAction',
    record: "another clinic's exercise",
    page: (w) => `/catalog/${w.mediaExercise.harbor.exerciseId}`,
    fields: async (_w, id) => ({ exerciseId: id, mediaId: '' }),
    realId: async (w) => w.mediaExercise.harbor.exerciseId,
    actors: ['summitAdmin', 'summitTherapist'],
  },
  {
    action: 'setFeaturedMediaAction',
    record: "another clinic's photo, on one's own exercise",
    page: (w) => `/catalog/${w.mediaExercise.summit.exerciseId}`,
    fields: async (w, id) => ({ exerciseId: w.mediaExercise.summit.exerciseId, mediaId: id }),
    realId: async (w) => w.mediaExercise.harbor.mediaId,
    actors: ['summitAdmin', 'summitTherapist'],
  },
  {
    action: 'removeExerciseMediaAction',
    page: (w) => `/catalog/${w.mediaExercise.harbor.exerciseId}`,
    fields: async (_w, id) => ({ mediaId: id }),
    realId: async (w) => w.mediaExercise.harbor.mediaId,
    actors: ['summitAdmin', 'summitTherapist'],
  },
  {
    action: 'logSessionAction',
    record: 'the log a correction replaces',
    page: () => '/portal',
    fields: async (w, id) => ({ exerciseId: w.exercise.harbor.Walking ?? '', performedOn: isoDaysAgo(0), completed: '', setsCompleted: '', backPain: '1', legPain: '1', note: '', correctsId: id }),
    realId: async (w) => w.alerted.oldestSessionId,
    actors: ['harborPatient', 'harborFusionPatient'],
  },
  ...SECOND_FACTOR_EXISTENCE,
];

