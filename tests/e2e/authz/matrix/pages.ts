import { ACTOR_KEYS, type ActorKey } from '../support/actors';
import { rows, type Probe } from '../support/database';
import { storedBytes, uploadBody, type UploadFile } from '../support/media';
import { SUITE_PHOTO, type World } from '../support/world';
import { DECOMPRESSION_PROTOCOL, EXERCISES, FUSION_PROTOCOL } from '../../../../prisma/data/catalog';

// The page and route-handler half of the authorization matrix: for every page and route handler, what
// each actor gets. Who may see what follows lib/domain/permissions.ts (the role table), the care team
// (lib/server/authz/patient-visible-to.ts) and the clinic. A page the actor may not use, or a record they
// may not see, answers 404 without the record; signed out, every page sends you to /login.

export type Resource =
  | 'patient'
  | 'episode'
  | 'plan'
  | 'planVersion'
  | 'planItem'
  | 'signOff'
  | 'sessionLog'
  | 'protocol'
  | 'exercise'
  | 'user'
  | 'auditLog'
  | 'invitation'
  /** An alert to the care team: raised by a high pain or a warning-sign report, closed by a clinician's acknowledgement. */
  | 'alert'
  /** A warning sign a patient reports from the portal. */
  | 'warningSign'
  /** The clinic's own settings: its phone, emergency number and time zone. */
  | 'clinic'
  /** A patient's reminder choices and private calendar link (the calendar route reads it with the token alone). */
  | 'reminder'
  /** The record of each email Regimen sends, and the clinic admin's view of what failed. */
  | 'mail'
  /** The surgeon's signed orders for a patient's episode: restrictions on lifting, bending, twisting, sitting, driving. */
  | 'surgeonOrder'
  /** A clinic's own photo or video of one of its exercises. */
  | 'media'
  /** The printed programme: a PDF of what the patient's portal shows. */
  | 'programme'
  /** Health checks: no record, only whether the app answers. */
  | 'system';

export type Verb = 'list' | 'read' | 'create' | 'update' | 'approve' | 'sign' | 'delete' | 'export';

type Texts = (world: World) => string[];

export type PageExpect =
  /**
   * 200 (or `status`: 201 for an upload, 206 for a range), carrying these texts and none of `lacks` (on top of the
   * viewer's leak rules, checked everywhere); a PDF is searched as the text it prints. `headers` and `bytes`
   * pin what a file is sent with and exactly which bytes.
   */
  | {
      kind: 'shown';
      contains?: Texts;
      lacks?: Texts;
      contentType?: string;
      status?: number;
      headers?: (world: World) => Promise<Record<string, string>>;
      bytes?: (world: World) => Promise<Buffer>;
    }
  | { kind: 'notFound' }
  | { kind: 'signIn' }
  | { kind: 'redirect'; to: string }
  /** A route handler's plain status, e.g. 401 or 405. */
  | { kind: 'status'; status: number };

export type PageRow = {
  title: string;
  resources: Resource[];
  verb: Verb;
  method?: 'GET' | 'DELETE' | 'POST';
  path: (world: World) => string;
  /** Request headers of this row (a Range). */
  headers?: Record<string, string>;
  /** A POST row's multipart body (an upload), made for each cell. */
  body?: (world: World) => Promise<Record<string, string | UploadFile>>;
  /** For a POST row: what a cell that is not shown must leave as it was (it also writes no SUCCESS audit row). */
  probes?: (world: World) => Probe[];
  /** The app route this row exercises, as in app-paths-manifest.json. */
  route: string;
  /** What identifies the record: an answer that refuses the viewer must not carry it. */
  record?: Texts;
  /** The audit trail legitimately repeats ids that this clinic's own users asked for (see findLeaks). */
  echoesOwnAuditTrail?: boolean;
  expect: Record<ActorKey, PageExpect>;
};

export const NOT_FOUND: PageExpect = { kind: 'notFound' };
export const SIGN_IN: PageExpect = { kind: 'signIn' };
export const shown = (contains?: Texts, lacks?: Texts): PageExpect => ({ kind: 'shown', contains, lacks });
const status = (code: number): PageExpect => ({ kind: 'status', status: code });

/** Every actor gets `others` (404) unless listed; signed out goes to the sign-in page unless listed. */
function only(allowed: Partial<Record<ActorKey, PageExpect>>, others: PageExpect = NOT_FOUND): Record<ActorKey, PageExpect> {
  return Object.fromEntries(ACTOR_KEYS.map((key) => [key, allowed[key] ?? (key === 'signedOut' ? SIGN_IN : others)])) as Record<ActorKey, PageExpect>;
}

/** What the portal and the printed programme call each exercise (prisma/data/catalog.ts): its plain name. */
function plain(name: string): string {
  const exercise = EXERCISES.find((entry) => entry.name === name);
  if (!exercise) throw new Error(`${name} is not in the catalogue`);
  return exercise.patientName ?? exercise.name;
}
const SAM = ['Rivera', 'Lumbar microdiscectomy (L4-L5)'];
const MORGAN = ['Ellis', 'Instrumented lumbar fusion (L4-L5)'];
/** Dr. Shah's orders for Morgan (prisma/seed.ts): the note to the care team, and the limits as the patient reads them. */
const MORGAN_ORDER_NOTE = 'Solid construct on the 6-week films. Keep the fusion protected until the 12-week review.';
const MORGAN_LIMITS = ['Do not lift more than 2 kg until you reach phase 3.', 'Do not twist your back until you reach phase 3.', 'Do not sit for more than 30 minutes at a time.'];
/** The order form's button: only the patient's own surgeon is offered it. */
const SIGN_ORDERS = 'Sign orders';
const PRINT_PROGRAMME = 'Print programme on A4';
/** Sam's one session note in the demo (prisma/seed.ts), yesterday's: on the first page of his sessions. */
const SAM_NOTE = 'Back felt stiff in the morning.';
const CLINICIAN_EDITING = ['Create invitation link', 'Reset password', 'Open draft', 'Change plan', 'Advance to phase'];
/** The acknowledge forms of alerts, by their accessible names: only for roles with alert.acknowledge, and each kind only for a role that sees it. */
const ACKNOWLEDGE_PAIN = 'Acknowledge pain alert';
const ACKNOWLEDGE_SIGN = 'Acknowledge warning sign alert';
/**
 * How a pain alert reads wherever it is shown ("Back pain 8/10", lib/server/alerts/alert-select.ts): a surgeon
 * sees only warning-sign alerts, so no page of theirs says any of it. (Their sign-off cards give the latest
 * pain as "Back 8/10", which is not an alert.)
 */
const PAIN_ALERT_SUMMARIES = ['Back', 'Leg'].flatMap((region) => Array.from({ length: 11 }, (_, score) => `${region} pain ${score}/10`)).concat('Pain flag');
/** The open warning-sign alert of the alerted patient (a fall), as it reads. */
const FALL_ALERT = 'Reported: You had a fall';
/** The alerted patient's open pain alert: their second high pain, back 8. */
const PAIN_ALERT = 'Back pain 8/10';
/** The last of two pages of sessions: a link back, none further. */
const LAST_OF_TWO_PAGES = { contains: 'Previous page', lacks: 'Next page' };

/** A printed programme: a PDF that prints these texts and none of `lacks`. */
const pdf = (contains: Texts, lacks?: Texts): PageExpect => ({ kind: 'shown', contains, lacks, contentType: 'application/pdf' });

/** Who may read a photo of Harbor's Side-lying clam: Harbor's staff, and Sam, for whom it is cleared. */
const PHOTO_READERS: ActorKey[] = ['harborAdmin', 'harborTherapist', 'harborSurgeon', 'harborOtherTherapist', 'harborOtherSurgeon', 'harborPatient'];

async function photoFacts(w: World): Promise<{ sha256: string; bytes: Buffer }> {
  const [row] = await rows<{ sha256: string }>('SELECT "sha256" FROM "ExerciseMedia" WHERE "id" = $1', [w.photo.mediaId]);
  return { sha256: row?.sha256 ?? '', bytes: await storedBytes(w.photo.mediaId) };
}

/** The suite's photo as the media route sends it: the stored bytes (or a range of them), its ETag, cached by the browser only. */
function photo(range?: { start: number; end: number }): PageExpect {
  return {
    kind: 'shown',
    status: range ? 206 : 200,
    contentType: 'image/jpeg',
    headers: async (w) => {
      const { sha256, bytes } = await photoFacts(w);
      return {
        etag: `"${sha256}"`,
        'cache-control': 'private, max-age=86400',
        'x-content-type-options': 'nosniff',
        ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${bytes.length}` } : {}),
      };
    },
    bytes: async (w) => {
      const { bytes } = await photoFacts(w);
      return range ? bytes.subarray(range.start, range.end + 1) : bytes;
    },
  };
}

/** Who may add a photo to a Harbor exercise: its therapists and admin (media.upload, their own clinic). */
const UPLOADERS: ActorKey[] = ['harborAdmin', 'harborTherapist', 'harborOtherTherapist'];

const uploaded = (contains: string[]): PageExpect => ({ kind: 'shown', status: 201, contentType: 'application/json', contains: () => contains });

/** Photos of the suite's Harbor exercise kept for anyone who may not add one: there must never be any. */
function uploadsByOthersProbe(w: World): Probe {
  return {
    label: 'photos of the exercise by anyone but its clinic’s therapists and admin',
    sql: `SELECT count(*)::int AS "n" FROM "ExerciseMedia" m JOIN "User" u ON u."id" = m."createdById"
          WHERE m."exerciseId" = $1 AND (u."clinicId" <> m."clinicId" OR u."role" NOT IN ('ADMIN', 'THERAPIST'))`,
    params: [w.mediaExercise.harbor.exerciseId],
  };
}

function uploadsNamedProbe(w: World, description: string, label: string): Probe {
  return { label, sql: 'SELECT count(*)::int AS "n" FROM "ExerciseMedia" WHERE "exerciseId" = $1 AND "description" = $2', params: [w.mediaExercise.harbor.exerciseId, description] };
}

export const PAGE_ROWS: PageRow[] = [
  {
    title: "caseload: a therapist lists the patients of their care team, their open alerts first (a surgeon's patients' alerts are on the sign-off queue)",
    resources: ['patient', 'plan', 'sessionLog', 'alert'],
    verb: 'list',
    path: () => '/caseload',
    route: '/(clinic)/caseload/page',
    expect: only({
      harborTherapist: shown(() => ['Rivera', 'Ellis', 'Alerts']),
      harborOtherTherapist: shown((w) => [w.offTeamApproved.lastName, w.offTeamDraft.lastName, w.alerted.lastName, PAIN_ALERT, FALL_ALERT, ACKNOWLEDGE_PAIN, ACKNOWLEDGE_SIGN]),
      summitTherapist: shown(() => ['Hale', 'Alerts']),
    }),
  },
  {
    title: 'the patient list: every patient the clinician may open',
    resources: ['patient'],
    verb: 'list',
    path: () => '/patients',
    route: '/(clinic)/patients/page',
    expect: only({
      harborAdmin: shown((w) => ['Rivera', 'Ellis', w.offTeamApproved.lastName, w.offTeamDraft.lastName]),
      harborTherapist: shown(() => ['Rivera', 'Ellis'], (w) => [w.offTeamApproved.lastName]),
      harborSurgeon: shown(() => ['Rivera', 'Ellis'], (w) => [w.offTeamApproved.lastName]),
      harborOtherTherapist: shown((w) => [w.offTeamApproved.lastName, w.offTeamDraft.lastName], () => ['Rivera']),
      harborOtherSurgeon: shown((w) => [w.offTeamApproved.lastName], () => ['Rivera']),
      summitAdmin: shown(() => ['Hale'], () => ['Rivera']),
      summitTherapist: shown(() => ['Hale'], () => ['Rivera']),
      summitSurgeon: shown(() => ['Hale'], () => ['Rivera']),
    }),
  },
  {
    title: "Sam's record (patient, surgery, current plan, the restrictions in force, sessions and pain, the printed programme)",
    resources: ['patient', 'episode', 'plan', 'sessionLog', 'surgeonOrder'],
    verb: 'read',
    path: (w) => `/patients/${w.sam.patientId}`,
    route: '/(clinic)/patients/[patientId]/page',
    record: () => [...SAM, SAM_NOTE],
    expect: only({
      // The admin reads the record and its alerts, but closes none (no alert.acknowledge) and signs no orders.
      harborAdmin: shown(() => [...SAM, '555-0142', 'Side-lying clam', 'In force today', 'Sessions and pain', SAM_NOTE, PRINT_PROGRAMME], () => [...CLINICIAN_EDITING, ACKNOWLEDGE_PAIN, ACKNOWLEDGE_SIGN, SIGN_ORDERS]),
      // Sam has set his password: his therapist is offered the reset, never a link that would replace it.
      harborTherapist: shown(() => [...SAM, 'Reset password', 'Open draft', 'In force today', 'Sessions and pain', SAM_NOTE, PRINT_PROGRAMME], () => ['Create invitation link', SIGN_ORDERS]),
      // His surgeon reads his sessions and pain, but none of his pain alerts (the portal spec raises one), and signs his orders.
      harborSurgeon: shown(() => [...SAM, 'Side-lying clam', 'In force today', SIGN_ORDERS, 'Sessions and pain', SAM_NOTE, PRINT_PROGRAMME], () => [...CLINICIAN_EDITING, ACKNOWLEDGE_PAIN, ...PAIN_ALERT_SUMMARIES]),
    }),
  },
  {
    title: "Morgan's record (a fusion): the surgeon's signed orders in force, with the note to the care team",
    resources: ['patient', 'episode', 'surgeonOrder'],
    verb: 'read',
    path: (w) => `/patients/${w.morgan.patientId}`,
    route: '/(clinic)/patients/[patientId]/page',
    record: () => [...MORGAN, MORGAN_ORDER_NOTE],
    expect: only({
      harborAdmin: shown(() => [...MORGAN, MORGAN_ORDER_NOTE, ...MORGAN_LIMITS], () => [SIGN_ORDERS]),
      harborTherapist: shown(() => [...MORGAN, MORGAN_ORDER_NOTE, ...MORGAN_LIMITS, 'Open draft'], () => [SIGN_ORDERS]),
      // Dr. Shah operated: she changes the orders (a new version); nobody else is offered the form.
      harborSurgeon: shown(() => [...MORGAN, MORGAN_ORDER_NOTE, ...MORGAN_LIMITS, 'Change the orders', SIGN_ORDERS], () => CLINICIAN_EDITING),
    }),
  },
  {
    title: "another clinic's patient: Robin's record",
    resources: ['patient', 'episode', 'plan'],
    verb: 'read',
    path: (w) => `/patients/${w.robin.patientId}`,
    route: '/(clinic)/patients/[patientId]/page',
    record: () => ['Hale', 'Lumbar laminectomy'],
    expect: only({
      summitAdmin: shown(() => ['Hale', 'Lumbar laminectomy (L3-L4)']),
      summitTherapist: shown(() => ['Hale', 'Lumbar laminectomy (L3-L4)']),
      summitSurgeon: shown(() => ['Hale', 'Lumbar laminectomy (L3-L4)']),
    }),
  },
  {
    title: "a Harbor patient outside Jordan's and Dr. Shah's care team",
    resources: ['patient', 'episode', 'plan'],
    verb: 'read',
    path: (w) => `/patients/${w.offTeamApproved.patientId}`,
    route: '/(clinic)/patients/[patientId]/page',
    record: (w) => [w.offTeamApproved.lastName],
    expect: only({
      harborAdmin: shown((w) => [w.offTeamApproved.lastName]),
      // No SMTP_URL in this run: the button is there, and says why it cannot send.
      harborOtherTherapist: shown((w) => [w.offTeamApproved.lastName, 'Create invitation link', 'Email invitation', 'Email is not set up'], () => ['Reset password']),
      harborOtherSurgeon: shown((w) => [w.offTeamApproved.lastName]),
    }),
  },
  {
    title: "the second page of a patient's sessions, with their alerts: each role sees the kinds it follows, and only the care team closes them",
    resources: ['patient', 'sessionLog', 'alert'],
    verb: 'read',
    path: (w) => `/patients/${w.alerted.patientId}?sessions=2`,
    route: '/(clinic)/patients/[patientId]/page',
    record: (w) => [w.alerted.lastName, w.alerted.pageTwoNote],
    expect: only({
      harborAdmin: shown(
        (w) => [w.alerted.lastName, w.alerted.pageTwoNote, LAST_OF_TWO_PAGES.contains, PAIN_ALERT, FALL_ALERT, w.alerted.painAckNote, w.alerted.signAckNote],
        (w) => [w.alerted.pageOneNote, LAST_OF_TWO_PAGES.lacks, ACKNOWLEDGE_PAIN, ACKNOWLEDGE_SIGN],
      ),
      harborOtherTherapist: shown(
        (w) => [w.alerted.pageTwoNote, LAST_OF_TWO_PAGES.contains, PAIN_ALERT, FALL_ALERT, ACKNOWLEDGE_PAIN, ACKNOWLEDGE_SIGN, w.alerted.painAckNote, w.alerted.signAckNote],
        (w) => [w.alerted.pageOneNote, LAST_OF_TWO_PAGES.lacks],
      ),
      // The surgeon follows the warning signs: the fall and the acknowledged calf pain, never the pain alerts
      // (open or closed, with the therapist's note), though the logged scores and notes are theirs to read.
      harborOtherSurgeon: shown(
        (w) => [w.alerted.pageTwoNote, LAST_OF_TWO_PAGES.contains, FALL_ALERT, ACKNOWLEDGE_SIGN, w.alerted.signAckNote],
        (w) => [w.alerted.pageOneNote, LAST_OF_TWO_PAGES.lacks, w.alerted.painAckNote, ACKNOWLEDGE_PAIN, ...PAIN_ALERT_SUMMARIES],
      ),
    }),
  },
  {
    title: "Sam's approved plan version 2",
    resources: ['planVersion', 'planItem', 'signOff'],
    verb: 'read',
    path: (w) => `/patients/${w.sam.patientId}/versions/2`,
    route: '/(clinic)/patients/[patientId]/versions/[number]/page',
    record: () => SAM,
    expect: only({
      harborAdmin: shown(() => ['Side-lying clam', 'Signature hash']),
      harborTherapist: shown(() => ['Side-lying clam', 'Signature hash']),
      harborSurgeon: shown(() => ['Side-lying clam', 'Signature hash']),
    }),
  },
  {
    title: "Sam's draft version 3 (read-only view)",
    resources: ['planVersion', 'planItem'],
    verb: 'read',
    path: (w) => `/patients/${w.sam.patientId}/versions/3`,
    route: '/(clinic)/patients/[patientId]/versions/[number]/page',
    record: () => [...SAM, 'Bridging'],
    expect: only({
      harborAdmin: shown(() => ['Bridging']),
      harborTherapist: shown(() => ['Bridging']),
      harborSurgeon: shown(() => ['Bridging']),
    }),
  },
  {
    title: "Sam's versions 2 and 3 compared",
    resources: ['planVersion', 'planItem'],
    verb: 'read',
    path: (w) => `/patients/${w.sam.patientId}/compare?from=2&to=3`,
    route: '/(clinic)/patients/[patientId]/compare/page',
    record: () => [...SAM, 'Bridging'],
    expect: only({
      harborAdmin: shown(() => ['Bridging']),
      harborTherapist: shown(() => ['Bridging']),
      harborSurgeon: shown(() => ['Bridging']),
    }),
  },
  {
    title: "Sam's draft editor (only a therapist of the care team edits)",
    resources: ['planVersion', 'planItem'],
    verb: 'update',
    path: (w) => `/patients/${w.sam.patientId}/draft`,
    route: '/(clinic)/patients/[patientId]/draft/page',
    record: () => [...SAM, 'Bridging'],
    expect: only({ harborTherapist: shown(() => ['Bridging', 'Approve version', 'Discard draft']) }),
  },
  {
    title: 'the draft editor of a patient outside the care team',
    resources: ['planVersion', 'planItem'],
    verb: 'update',
    path: (w) => `/patients/${w.offTeamDraft.patientId}/draft`,
    route: '/(clinic)/patients/[patientId]/draft/page',
    record: (w) => [w.offTeamDraft.lastName],
    expect: only({ harborOtherTherapist: shown((w) => [w.offTeamDraft.lastName, 'Approve version']) }),
  },
  {
    title: 'the new-patient form (its surgeons and protocols are the clinic’s own)',
    resources: ['patient'],
    verb: 'create',
    path: () => '/patients/new',
    route: '/(clinic)/patients/new/page',
    expect: only({
      harborTherapist: shown(() => ['Dr. Priya Shah', DECOMPRESSION_PROTOCOL.name, FUSION_PROTOCOL.name]),
      harborOtherTherapist: shown(() => ['Dr. Priya Shah', 'Dr. Zoe Park']),
      summitTherapist: shown(() => ['Dr. Lena Ortiz', DECOMPRESSION_PROTOCOL.name, FUSION_PROTOCOL.name]),
    }),
  },
  {
    title: "the sign-off queue (a surgeon's own requests only), the warning signs of their patients first",
    resources: ['signOff', 'alert'],
    verb: 'list',
    path: () => '/sign-offs',
    route: '/(clinic)/sign-offs/page',
    expect: only({
      harborSurgeon: shown(() => ['Sign-offs', 'Alerts'], () => [ACKNOWLEDGE_PAIN, ...PAIN_ALERT_SUMMARIES]),
      harborOtherSurgeon: shown((w) => [w.offTeamApproved.lastName, 'Walking', w.alerted.lastName, FALL_ALERT, ACKNOWLEDGE_SIGN], () => ['Rivera', ACKNOWLEDGE_PAIN, ...PAIN_ALERT_SUMMARIES]),
      summitSurgeon: shown(() => ['Sign-offs', 'Alerts'], () => [ACKNOWLEDGE_PAIN, ...PAIN_ALERT_SUMMARIES]),
    }),
  },
  {
    title: 'the exercise catalog',
    resources: ['exercise'],
    verb: 'list',
    path: () => '/catalog',
    route: '/(clinic)/catalog/page',
    expect: only({
      harborAdmin: shown(() => ['Bridging', 'Add exercise']),
      harborTherapist: shown(() => ['Bridging'], () => ['Add exercise']),
      harborOtherTherapist: shown(() => ['Bridging'], () => ['Add exercise']),
      summitAdmin: shown(() => ['Bridging', 'Add exercise']),
      summitTherapist: shown(() => ['Bridging'], () => ['Add exercise']),
    }),
  },
  {
    title: "Harbor's Bridging (catalog entry with therapist notes)",
    resources: ['exercise'],
    verb: 'read',
    path: (w) => `/catalog/${w.exercise.harbor.Bridging}`,
    route: '/(clinic)/catalog/[exerciseId]/page',
    record: (w) => [w.bridgingNotes.harbor],
    expect: only({
      harborAdmin: shown((w) => ['Bridging', w.bridgingNotes.harbor, 'Edit exercise']),
      harborTherapist: shown((w) => ['Bridging', w.bridgingNotes.harbor], () => ['Edit exercise', 'Retire exercise']),
      harborOtherTherapist: shown((w) => ['Bridging', w.bridgingNotes.harbor], () => ['Edit exercise', 'Retire exercise']),
    }),
  },
  {
    title: "Summit's Bridging",
    resources: ['exercise'],
    verb: 'read',
    path: (w) => `/catalog/${w.exercise.summit.Bridging}`,
    route: '/(clinic)/catalog/[exerciseId]/page',
    record: (w) => [w.bridgingNotes.summit],
    expect: only({
      summitAdmin: shown((w) => ['Bridging', w.bridgingNotes.summit, 'Edit exercise']),
      summitTherapist: shown((w) => ['Bridging', w.bridgingNotes.summit], () => ['Edit exercise']),
    }),
  },
  {
    title: "the edit form of Harbor's Bridging (admins change the catalog)",
    resources: ['exercise'],
    verb: 'update',
    path: (w) => `/catalog/${w.exercise.harbor.Bridging}/edit`,
    route: '/(clinic)/catalog/[exerciseId]/edit/page',
    record: (w) => [w.bridgingNotes.harbor],
    expect: only({ harborAdmin: shown((w) => ['Save changes', w.bridgingNotes.harbor]) }),
  },
  {
    title: 'the new-exercise form',
    resources: ['exercise'],
    verb: 'create',
    path: () => '/catalog/new',
    route: '/(clinic)/catalog/new/page',
    expect: only({ harborAdmin: shown(() => ['Save exercise']), summitAdmin: shown(() => ['Save exercise']) }),
  },
  {
    title: 'the protocol list',
    resources: ['protocol'],
    verb: 'list',
    path: () => '/protocols',
    route: '/(clinic)/protocols/page',
    expect: only({
      harborAdmin: shown(() => [DECOMPRESSION_PROTOCOL.name, FUSION_PROTOCOL.name, 'New protocol']),
      harborTherapist: shown(() => [DECOMPRESSION_PROTOCOL.name, FUSION_PROTOCOL.name, 'New protocol']),
      harborOtherTherapist: shown(() => [DECOMPRESSION_PROTOCOL.name, FUSION_PROTOCOL.name, 'New protocol']),
      summitAdmin: shown(() => [DECOMPRESSION_PROTOCOL.name, FUSION_PROTOCOL.name, 'New protocol']),
      summitTherapist: shown(() => [DECOMPRESSION_PROTOCOL.name, FUSION_PROTOCOL.name, 'New protocol']),
    }),
  },
  {
    title: "Harbor's decompression protocol",
    resources: ['protocol'],
    verb: 'read',
    path: (w) => `/protocols/${w.protocol.harbor.id}`,
    route: '/(clinic)/protocols/[protocolId]/page',
    record: () => [DECOMPRESSION_PROTOCOL.description, 'Protect and walk'],
    expect: only({
      harborAdmin: shown(() => [DECOMPRESSION_PROTOCOL.name, DECOMPRESSION_PROTOCOL.description, 'Protect and walk', 'Add a phase']),
      harborTherapist: shown(() => [DECOMPRESSION_PROTOCOL.name, DECOMPRESSION_PROTOCOL.description, 'Protect and walk', 'Add a phase']),
      harborOtherTherapist: shown(() => [DECOMPRESSION_PROTOCOL.name, DECOMPRESSION_PROTOCOL.description, 'Protect and walk', 'Add a phase']),
    }),
  },
  {
    title: "Summit's decompression protocol",
    resources: ['protocol'],
    verb: 'read',
    path: (w) => `/protocols/${w.protocol.summit.id}`,
    route: '/(clinic)/protocols/[protocolId]/page',
    record: () => [DECOMPRESSION_PROTOCOL.description, 'Protect and walk'],
    expect: only({
      summitAdmin: shown(() => [DECOMPRESSION_PROTOCOL.name, 'Protect and walk']),
      summitTherapist: shown(() => [DECOMPRESSION_PROTOCOL.name, 'Protect and walk']),
    }),
  },
  {
    title: "the clinic's users",
    resources: ['user'],
    verb: 'list',
    path: () => '/admin',
    route: '/(clinic)/admin/page',
    expect: only({
      harborAdmin: shown(() => ['therapist@harbor.test', 'target.authz@harbor.test']),
      summitAdmin: shown(() => ['therapist@summit.test', 'target.authz@summit.test']),
    }),
  },
  {
    title: "the clinic's settings (its admin only)",
    resources: ['clinic'],
    verb: 'read',
    path: () => '/admin/clinic',
    route: '/(clinic)/admin/clinic/page',
    expect: only({
      harborAdmin: shown(() => ['Harbor Spine', 'Save clinic settings', '(555) 010-2000', 'America/New_York', 'Mail', 'Email is not set up'], () => ['Summit Physio', '020 7946 0000']),
      summitAdmin: shown(() => ['Summit Physio', 'Save clinic settings', '020 7946 0000', 'Europe/London', 'Mail', 'Email is not set up'], () => ['Harbor Spine', '(555) 010-2000']),
    }),
  },
  {
    title: "the clinic's mail: counts and failures of its own emails (its admin only, on the clinic page)",
    resources: ['mail'],
    verb: 'list',
    path: () => '/admin/clinic',
    route: '/(clinic)/admin/clinic/page',
    expect: only({
      harborAdmin: shown(() => ['Mail', 'Waiting to be sent', 'Failed (last 7 days)']),
      summitAdmin: shown(() => ['Mail', 'Waiting to be sent', 'Failed (last 7 days)']),
    }),
  },
  {
    title: 'a guessed calendar link: 404 and nothing else, signed in or not (a live link is proven by the makeCalendarLinkAction cells)',
    resources: ['reminder'],
    verb: 'read',
    path: () => `/api/calendar/${'A'.repeat(43)}`,
    route: '/api/calendar/[token]/route',
    expect: only({ signedOut: status(404) }, status(404)),
  },
  {
    title: "the patient portal (a patient's cleared exercises by their plain names, own sessions, their limits, their clinic's numbers, the warning-sign report, their reminders and the printed plan)",
    resources: ['plan', 'planItem', 'sessionLog', 'clinic', 'reminder', 'surgeonOrder'],
    verb: 'read',
    path: () => '/portal',
    route: '/portal/page',
    expect: only({
      // Sam (decompression, phase 2): Walking and Side-lying clam at home, Lying march with the therapist; Bridging,
      // Pelvic tilt and Hamstring stretch are only on his draft. (The portal spec signs his first orders meanwhile.)
      harborPatient: shown(
        () => [plain('Walking'), plain('Side-lying clam'), plain('Lying march'), 'Take care for now', 'Warning signs', 'Tell my care team', 'call 911', '(555) 010-2000', 'Print your plan', 'Reminders', 'Save reminders'],
        () => [plain('Bridging'), plain('Pelvic tilt'), plain('Hamstring stretch'), 'call 999', '020 7946 0000'],
      ),
      // Morgan (fusion, phase 1; phase 2 drafted): the surgeon's limits replace the protocol's, and the note to the care team stays with them.
      harborFusionPatient: shown(
        () => [plain('Walking'), plain('Diaphragmatic breathing'), plain('Sit to stand'), 'Take care for now', 'Your surgeon set these limits for you:', ...MORGAN_LIMITS, 'call 911', 'Print your plan', 'Reminders', 'Save reminders'],
        () => [plain('Knee flexion'), plain('Side-lying clam'), plain('Bridging'), MORGAN_ORDER_NOTE, 'call 999'],
      ),
      summitPatient: shown(() => [plain('Walking'), plain('Abdominal bracing'), 'Take care for now', 'Warning signs', 'Tell my care team', 'call 999', '020 7946 0000', 'Reminders', 'Save reminders'], () => ['call 911', '(555) 010-2000']),
    }),
  },
  // The printed programme (a PDF of what the patient's portal shows now, read back as the text it prints): a
  // patient's own, or a patient's of one's care team (the clinic admin: any of the clinic's). Everyone else is
  // told there is no such programme; signed out, the route answers 401.
  {
    title: "the printed programme, a patient's own (no patient named): their cleared exercises by their plain names, their limits, their clinic's numbers",
    resources: ['programme'],
    verb: 'read',
    path: () => '/api/programme?paper=A4',
    route: '/api/programme/route',
    expect: only(
      {
        signedOut: status(401),
        harborPatient: pdf(() => ['Sam Rivera', 'Your exercise plan', plain('Walking'), plain('Side-lying clam'), plain('Lying march'), 'call 911', '(555) 010-2000'], () => [plain('Bridging'), plain('Hamstring stretch'), 'call 999']),
        harborFusionPatient: pdf(
          () => ['Morgan Ellis', plain('Walking'), plain('Diaphragmatic breathing'), 'Your surgeon set these limits for you.', ...MORGAN_LIMITS, 'call 911'],
          () => [plain('Knee flexion'), plain('Side-lying clam'), MORGAN_ORDER_NOTE],
        ),
        summitPatient: pdf(() => ['Robin Hale', plain('Walking'), plain('Abdominal bracing'), 'call 999', '020 7946 0000'], () => ['call 911', '(555) 010-2000']),
      },
      // A clinician must name the patient: with none named there is no programme of theirs.
      status(404),
    ),
  },
  {
    title: "Sam's printed programme, on US Letter, asked for by name (his care team, the admin, and Sam himself)",
    resources: ['programme', 'patient'],
    verb: 'read',
    path: (w) => `/api/programme?patientId=${w.sam.patientId}&paper=LETTER`,
    route: '/api/programme/route',
    record: () => ['Rivera'],
    expect: only(
      {
        signedOut: status(401),
        harborAdmin: pdf(() => ['Sam Rivera', plain('Side-lying clam'), '(555) 010-2000'], () => [plain('Bridging')]),
        harborTherapist: pdf(() => ['Sam Rivera', plain('Side-lying clam'), '(555) 010-2000'], () => [plain('Bridging')]),
        harborSurgeon: pdf(() => ['Sam Rivera', plain('Side-lying clam'), '(555) 010-2000'], () => [plain('Bridging')]),
        harborPatient: pdf(() => ['Sam Rivera', plain('Side-lying clam')]),
      },
      status(404),
    ),
  },
  {
    title: "Morgan's printed programme asked for by name: the surgeon's limits in it, the note to the care team not",
    resources: ['programme', 'patient', 'surgeonOrder'],
    verb: 'read',
    path: (w) => `/api/programme?patientId=${w.morgan.patientId}&paper=A4`,
    route: '/api/programme/route',
    record: () => ['Ellis'],
    expect: only(
      {
        signedOut: status(401),
        harborAdmin: pdf(() => ['Morgan Ellis', ...MORGAN_LIMITS], () => [MORGAN_ORDER_NOTE]),
        harborTherapist: pdf(() => ['Morgan Ellis', ...MORGAN_LIMITS], () => [MORGAN_ORDER_NOTE]),
        harborSurgeon: pdf(() => ['Morgan Ellis', ...MORGAN_LIMITS], () => [MORGAN_ORDER_NOTE]),
        harborFusionPatient: pdf(() => ['Morgan Ellis', ...MORGAN_LIMITS], () => [MORGAN_ORDER_NOTE]),
      },
      status(404),
    ),
  },
  {
    title: "the printed programme of a Harbor patient outside Jordan's and Dr. Shah's care team (theirs: Taylor Brook and Dr. Park)",
    resources: ['programme', 'patient'],
    verb: 'read',
    path: (w) => `/api/programme?patientId=${w.offTeamApproved.patientId}`,
    route: '/api/programme/route',
    record: (w) => [w.offTeamApproved.lastName],
    expect: only(
      {
        signedOut: status(401),
        harborAdmin: pdf((w) => [w.offTeamApproved.lastName]),
        harborOtherTherapist: pdf((w) => [w.offTeamApproved.lastName]),
        harborOtherSurgeon: pdf((w) => [w.offTeamApproved.lastName]),
      },
      status(404),
    ),
  },
  // A clinic's own photo (the suite's, of Harbor's Side-lying clam, not shown first): the clinic's staff, and a
  // patient whose cleared plan holds the exercise (Sam, not Morgan, who has it only on a draft). Everyone else 404.
  {
    title: "a photo of Harbor's Side-lying clam: Harbor's staff and Sam (cleared for him) get exactly the stored photo; Morgan (only on her draft) and Summit get 404",
    resources: ['media'],
    verb: 'read',
    path: (w) => `/api/media/${w.photo.mediaId}`,
    route: '/api/media/[mediaId]/route',
    expect: only(
      {
        signedOut: status(401),
        ...Object.fromEntries(PHOTO_READERS.map((actor) => [actor, photo()])),
      },
      status(404),
    ),
  },
  {
    title: 'the first 100 bytes of that photo (a Range, as a video player asks): 206 with the range, to the same readers only',
    resources: ['media'],
    verb: 'read',
    path: (w) => `/api/media/${w.photo.mediaId}`,
    headers: { Range: 'bytes=0-99' },
    route: '/api/media/[mediaId]/route',
    expect: only(
      {
        signedOut: status(401),
        ...Object.fromEntries(PHOTO_READERS.map((actor) => [actor, photo({ start: 0, end: 99 })])),
      },
      status(404),
    ),
  },
  {
    title: "the photos and videos of the suite's Harbor exercise, on its catalog page (those who may add them are offered the forms)",
    resources: ['media', 'exercise'],
    verb: 'list',
    path: (w) => `/catalog/${w.mediaExercise.harbor.exerciseId}`,
    route: '/(clinic)/catalog/[exerciseId]/page',
    expect: only({
      harborAdmin: shown(() => [SUITE_PHOTO, 'Photos and videos', 'Show to patients first', 'Remove', 'Upload']),
      harborTherapist: shown(() => [SUITE_PHOTO, 'Photos and videos', 'Show to patients first', 'Remove', 'Upload']),
      harborOtherTherapist: shown(() => [SUITE_PHOTO, 'Photos and videos', 'Show to patients first', 'Remove', 'Upload']),
    }),
  },
  // Uploads to the suite's Harbor exercise (never a demo one): the clinic's therapists and admin (media.upload)
  // add a photo; another clinic's staff, surgeons and patients are told the exercise does not exist, and nothing
  // of theirs is kept.
  {
    title: "upload a small JPEG to the suite's Harbor exercise: 201 with the photo as stored, for Harbor's therapists and admin only",
    resources: ['media', 'exercise'],
    verb: 'create',
    method: 'POST',
    path: (w) => `/api/exercises/${w.mediaExercise.harbor.exerciseId}/media`,
    route: '/api/exercises/[exerciseId]/media/route',
    body: () => uploadBody({ description: 'Authorization suite upload' }),
    probes: (w) => [uploadsByOthersProbe(w)],
    expect: only(
      {
        signedOut: status(401),
        ...Object.fromEntries(UPLOADERS.map((actor) => [actor, uploaded(['"kind":"IMAGE"', '"contentType":"image/jpeg"', '"description":"Authorization suite upload"', '"width":48'])])),
      },
      status(404),
    ),
  },
  {
    title: 'upload a text file that calls itself a JPEG: refused for what it is (400), nothing kept',
    resources: ['media'],
    verb: 'create',
    method: 'POST',
    path: (w) => `/api/exercises/${w.mediaExercise.harbor.exerciseId}/media`,
    route: '/api/exercises/[exerciseId]/media/route',
    body: () => uploadBody({ file: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some text pretending to be a photo\n'.repeat(20)) } }),
    probes: (w) => [uploadsByOthersProbe(w), uploadsNamedProbe(w, SUITE_PHOTO, 'no new suite photo')],
    expect: only({ signedOut: status(401), ...Object.fromEntries(UPLOADERS.map((actor) => [actor, status(400)])) }, status(404)),
  },
  {
    title: 'upload a description and no file: 400 (choose a file), nothing kept',
    resources: ['media'],
    verb: 'create',
    method: 'POST',
    path: (w) => `/api/exercises/${w.mediaExercise.harbor.exerciseId}/media`,
    route: '/api/exercises/[exerciseId]/media/route',
    body: () => uploadBody({ description: 'Authorization suite: no file', file: null }),
    probes: (w) => [uploadsByOthersProbe(w), uploadsNamedProbe(w, 'Authorization suite: no file', 'nothing with this description')],
    expect: only({ signedOut: status(401), ...Object.fromEntries(UPLOADERS.map((actor) => [actor, status(400)])) }, status(404)),
  },
  {
    // The description is checked before the exercise is looked up: every role that may upload gets this answer,
    // for any exercise, so it confirms nothing of Harbor's.
    title: 'upload a photo with a description of 301 characters: 400 to everyone who may upload (Summit’s staff too), nothing kept',
    resources: ['media'],
    verb: 'create',
    method: 'POST',
    path: (w) => `/api/exercises/${w.mediaExercise.harbor.exerciseId}/media`,
    route: '/api/exercises/[exerciseId]/media/route',
    body: () => uploadBody({ description: `Authorization suite ${'x'.repeat(281)}` }),
    probes: (w) => [uploadsByOthersProbe(w), { label: 'no photo with a long description', sql: 'SELECT count(*)::int AS "n" FROM "ExerciseMedia" WHERE "exerciseId" = $1 AND length("description") > 300', params: [w.mediaExercise.harbor.exerciseId] }],
    expect: only({ signedOut: status(401), ...Object.fromEntries([...UPLOADERS, 'summitAdmin', 'summitTherapist'].map((actor) => [actor, status(400)])) }, status(404)),
  },
  {
    title: 'the audit trail (admins, their own clinic)',
    resources: ['auditLog'],
    verb: 'list',
    path: () => '/admin/audit',
    route: '/(clinic)/admin/audit/page',
    echoesOwnAuditTrail: true,
    expect: only({
      harborAdmin: shown(() => ['Audit trail', 'auth.sign_in']),
      summitAdmin: shown(() => ['Audit trail', 'auth.sign_in']),
    }),
  },
  {
    title: 'the audit trail as CSV (route handler)',
    resources: ['auditLog'],
    verb: 'export',
    path: () => '/api/audit/export',
    route: '/api/audit/export/route',
    echoesOwnAuditTrail: true,
    expect: only(
      {
        signedOut: status(401),
        harborAdmin: { kind: 'shown', contains: () => ['auth.sign_in', 'prevHash'], contentType: 'text/csv' },
        summitAdmin: { kind: 'shown', contains: () => ['auth.sign_in', 'prevHash'], contentType: 'text/csv' },
      },
      status(404),
    ),
  },
  {
    title: "the audit trail filtered to a Harbor patient (the filter cannot reach past the admin's clinic)",
    resources: ['auditLog', 'patient'],
    verb: 'list',
    path: (w) => `/admin/audit?patientId=${w.sam.patientId}`,
    route: '/(clinic)/admin/audit/page',
    echoesOwnAuditTrail: true,
    expect: only({
      harborAdmin: shown(() => ['Audit trail', 'plan.approve', 'Rivera']),
      summitAdmin: shown(() => ['Audit trail']),
    }),
  },
  {
    title: 'the CSV export filtered to a Harbor patient',
    resources: ['auditLog', 'patient'],
    verb: 'export',
    path: (w) => `/api/audit/export?patientId=${w.sam.patientId}`,
    route: '/api/audit/export/route',
    echoesOwnAuditTrail: true,
    expect: only(
      {
        signedOut: status(401),
        harborAdmin: { kind: 'shown', contains: (w) => ['plan.approve', w.sam.patientId], contentType: 'text/csv' },
        summitAdmin: { kind: 'shown', contains: () => ['prevHash'], lacks: () => ['plan.approve', 'session.log'], contentType: 'text/csv' },
      },
      status(404),
    ),
  },
  {
    title: 'deleting the audit trail: no such endpoint (DELETE on the export answers 405; the table itself refuses UPDATE/DELETE, see tests/integration/audit.test.ts)',
    resources: ['auditLog'],
    verb: 'delete',
    method: 'DELETE',
    path: () => '/api/audit/export',
    route: '/api/audit/export/route',
    expect: only({ signedOut: status(405) }, status(405)),
  },
  {
    title: 'the session endpoint tells a browser only who it is',
    resources: ['user'],
    verb: 'read',
    path: () => '/api/auth/session',
    route: '/api/auth/[...nextauth]/route',
    expect: Object.fromEntries(
      ACTOR_KEYS.map((key) => [key, key === 'signedOut' ? shown(() => [], () => ['"uid"']) : shown(() => ['"uid"', '"sid"'], () => ['"role"', '"clinicId"'])]),
    ) as Record<ActorKey, PageExpect>,
  },
  {
    title: 'your own account (password change, sign out everywhere)',
    resources: ['user'],
    verb: 'update',
    path: () => '/account',
    route: '/account/page',
    expect: only({}, shown(() => ['Change your password', 'Sign out everywhere'])),
  },
  {
    title: 'the signed-in health check (benchmark floor)',
    resources: ['system'],
    verb: 'read',
    path: () => '/api/health/floor',
    route: '/api/health/floor/route',
    expect: only({ signedOut: status(401) }, shown(() => ['"ok":true'])),
  },
  {
    title: 'the query counter (exists only in a server started with REGIMEN_COUNT_QUERIES=1)',
    resources: ['system'],
    verb: 'read',
    path: () => '/api/health/query-count',
    route: '/api/health/query-count/route',
    expect: only({ signedOut: status(404) }, status(404)),
  },
  {
    title: 'the empty benchmark page (exists only in a server started with REGIMEN_COUNT_QUERIES=1)',
    resources: ['system'],
    verb: 'read',
    path: () => '/health/page-floor',
    route: '/health/page-floor/page',
    expect: only({ signedOut: NOT_FOUND }, NOT_FOUND),
  },
  {
    title: 'the home page sends each role to its own home',
    resources: ['user'],
    verb: 'read',
    path: () => '/',
    route: '/page',
    expect: {
      signedOut: { kind: 'redirect', to: '/login' },
      harborAdmin: { kind: 'redirect', to: '/admin' },
      harborTherapist: { kind: 'redirect', to: '/caseload' },
      harborSurgeon: { kind: 'redirect', to: '/sign-offs' },
      harborPatient: { kind: 'redirect', to: '/portal' },
      harborFusionPatient: { kind: 'redirect', to: '/portal' },
      harborOtherTherapist: { kind: 'redirect', to: '/caseload' },
      harborOtherSurgeon: { kind: 'redirect', to: '/sign-offs' },
      summitAdmin: { kind: 'redirect', to: '/admin' },
      summitTherapist: { kind: 'redirect', to: '/caseload' },
      summitSurgeon: { kind: 'redirect', to: '/sign-offs' },
      summitPatient: { kind: 'redirect', to: '/portal' },
    },
  },
];

/** Routes anyone may open, so they have no row: they show no record. */
export const PUBLIC_ROUTES: Record<string, string> = {
  '/login/page': 'the sign-in form',
  '/invite/[token]/page': 'the invitation link: the token is the credential (tests/e2e/patient/invitation.spec.ts); its action is in the action matrix',
  '/_not-found/page': 'the 404 page itself',
  '/_global-error/page': 'the error page itself',
  '/icon.svg/route': 'the favicon: a picture made at build time, the same for everyone',
};
