// The rows of the benchmark's large clinic, built in memory so they can be written with a few bulk
// inserts. Pure: no database here. Item columns and hashes come from the product's own code
// (planItemData, hashApproval, hashSignature, itemsNeedingSignOff), so the portal's visibility rule,
// the caseload's flags and the surgeon's queue see exactly what the product itself would have written.
import { hashApproval, hashSignature } from '@/lib/domain/content-hash';
import { addDays } from '@/lib/domain/calendar';
import { itemsNeedingSignOff } from '@/lib/domain/clearance';
import { WARNING_SIGN_CODES } from '@/lib/domain/warning-signs';
import type { Dosage, ItemMode } from '@/lib/domain/types';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { planItemData } from '@/lib/server/plans/plan-item-data';
import { EXERCISES, DECOMPRESSION_PROTOCOL } from '@/prisma/data/catalog';

export type ClinicShape = {
  patients: number;
  therapists: number;
  surgeons: number;
  /** Spread over every patient who has cleared home exercises to log. */
  sessionLogs: number;
  /** One patient in this many has the newest self-directed prescription still waiting for the surgeon. */
  pendingEvery: number;
  /** One patient in this many has an unapproved draft of the next version. */
  draftEvery: number;
  /**
   * Each therapist's first patient has this many logged sessions (out of sessionLogs): the record the
   * clinician patient page is measured on.
   */
  heavyPatientSessions: number;
  /** One patient in this many has an open alert (pain or a warning sign) and an acknowledged one before it. */
  alertEvery: number;
};

export type ClinicContext = {
  clinicId: string;
  today: Date;
  passwordHash: string;
  exerciseIds: ReadonlyMap<string, string>;
  protocolId: string;
  phaseIds: ReadonlyMap<number, string>;
};

type Prescription = { name: string; mode: ItemMode; dosage: Dosage; patientNotes: string };
type VersionSpec = { phase: number; dayApproved: number | null; prescriptions: Prescription[] };
type PatientSpec = {
  key: string;
  firstName: string;
  lastName: string;
  daysSinceSurgery: number;
  therapistId: string;
  surgeonId: string;
  /** Approved versions oldest first, then at most one draft (dayApproved null). */
  versions: VersionSpec[];
  hasPendingSignOff: boolean;
};

export type ClinicRows = {
  users: Prisma.UserCreateManyInput[];
  patients: Prisma.PatientCreateManyInput[];
  careTeam: Prisma.CareTeamMemberCreateManyInput[];
  episodes: Prisma.EpisodeCreateManyInput[];
  plans: Prisma.PlanCreateManyInput[];
  /** By version number: the product only ever approves one draft per plan at a time, so neither can we. */
  approvedRounds: Array<{ versions: Prisma.PlanVersionCreateManyInput[]; items: Prisma.PlanItemCreateManyInput[] }>;
  drafts: { versions: Prisma.PlanVersionCreateManyInput[]; items: Prisma.PlanItemCreateManyInput[] };
  signOffs: Prisma.SignOffCreateManyInput[];
  sessionLogs: Prisma.SessionLogCreateManyInput[];
  alerts: Prisma.AlertCreateManyInput[];
};

/** What the bench needs to know about the clinic: who to sign in as, and the small/large pairs. */
export type BenchManifest = {
  portalPatients: string[];
  therapists: string[];
  surgeons: string[];
  /** For each therapist (same order), the id of their patient with heavyPatientSessions logged sessions. */
  heavyPatientIds: string[];
  /** The first therapist's patients with the longest and a typical history: the patient page's size pair. */
  patientPage: { small: { id: string; size: string }; large: { id: string; size: string } };
  sizePairs: {
    portal: { small: SizedAccount; large: SizedAccount };
    caseload: { small: SizedAccount; large: SizedAccount };
    signOffQueue: { small: SizedAccount; large: SizedAccount };
  };
};
export type SizedAccount = { email: string; size: string };

const FIRST_NAMES = ['Ava', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Noah', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wes', 'Xena', 'Yusuf', 'Zoe'];
const LAST_NAMES = ['Abbott', 'Baker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Young', 'Zhang', 'Novak', 'Murphy', 'Kim', 'Lopez', 'Hughes'];
const THERAPIST_NOTES = ['', '', '', 'Keep it gentle in the morning.', 'Stop if your leg tingles.'];
const HOURS = 3_600_000;

/** A small deterministic generator, so every run seeds the same clinic. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function catalogPrescription(name: string, mode: ItemMode, patientNotes = ''): Prescription {
  const exercise = EXERCISES.find((candidate) => candidate.name === name);
  if (!exercise) throw new Error(`Not in the catalog: ${name}`);
  return { name, mode, dosage: { ...exercise.dosage }, patientNotes };
}

/** The protocol's phases are cumulative: phase n keeps every exercise of the phases before it. */
function protocolPrescriptions(phase: number, patientNotes: string): Prescription[] {
  return DECOMPRESSION_PROTOCOL.phases.slice(0, phase).flatMap((protocolPhase) =>
    protocolPhase.exercises.map((exercise) => ({ name: exercise.name, mode: exercise.mode, dosage: { ...exercise.dosage }, patientNotes: exercise.mode === 'SELF_DIRECTED' ? patientNotes : '' })),
  );
}

function earliestDayOf(phase: number): number {
  return DECOMPRESSION_PROTOCOL.phases[phase - 1]?.earliestDay ?? 0;
}

/** A typical patient: a version per phase reached, approved a day after the phase opened. */
function typicalPatient(index: number, therapistId: string, surgeonId: string, shape: ClinicShape, key: string, days?: number): PatientSpec {
  const daysSinceSurgery = days ?? 3 + ((index * 37) % 58);
  const reached = daysSinceSurgery >= earliestDayOf(3) + 1 && index % 2 === 0 ? 3 : daysSinceSurgery >= earliestDayOf(2) + 1 ? 2 : 1;
  const notes = THERAPIST_NOTES[index % THERAPIST_NOTES.length] ?? '';
  const versions: VersionSpec[] = [];
  for (let phase = 1; phase <= reached; phase += 1) {
    versions.push({ phase, dayApproved: earliestDayOf(phase) + 1, prescriptions: protocolPrescriptions(phase, notes) });
  }
  if (index % shape.draftEvery === shape.draftEvery - 1) {
    // The next phase, or (in the last phase) a longer walk: new content either way.
    const draft = reached < DECOMPRESSION_PROTOCOL.phases.length ? protocolPrescriptions(reached + 1, notes) : protocolPrescriptions(reached, notes).map((item) => (item.name === 'Walking' ? { ...item, dosage: { ...item.dosage, minutes: 20 } } : item));
    versions.push({ phase: Math.min(reached + 1, DECOMPRESSION_PROTOCOL.phases.length), dayApproved: null, prescriptions: draft });
  }
  return {
    key,
    firstName: FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Pat',
    lastName: `${LAST_NAMES[(index * 7) % LAST_NAMES.length] ?? 'Test'}-${pad(index, 4)}`,
    daysSinceSurgery,
    therapistId,
    surgeonId,
    versions,
    hasPendingSignOff: index % shape.pendingEvery === 0,
  };
}

/** Three home exercises in one version: the smallest plan a portal shows. */
function smallPlan(): VersionSpec[] {
  return [{ phase: 1, dayApproved: 1, prescriptions: ['Walking', 'Ankle pumps', 'Diaphragmatic breathing'].map((name) => catalogPrescription(name, 'SELF_DIRECTED')) }];
}

/** Adds catalog exercises the plan does not have yet (the protocol's phases may already hold some). */
function withExtra(prescriptions: Prescription[], names: string[], mode: ItemMode = 'SELF_DIRECTED'): Prescription[] {
  const present = new Set(prescriptions.map((item) => item.name));
  return [...prescriptions, ...names.filter((name) => !present.has(name)).map((name) => catalogPrescription(name, mode))];
}

/** Four versions ending with the most exercises, one of them re-dosed (a new content hash, signed again). */
function largePlan(): VersionSpec[] {
  const phase2 = protocolPrescriptions(2, '');
  const phase3 = withExtra(protocolPrescriptions(3, ''), ['Side-lying clam', 'Calf raises']);
  const redosed = phase3.map((item) => (item.name === 'Hamstring stretch' ? { ...item, dosage: { ...item.dosage, reps: 4 } } : item));
  const latest = withExtra(withExtra(redosed, ['Sit to stand', 'Mini squats', 'Quad sets', 'Wall sit', 'Single-leg stand', 'Standing hip abduction']), ['Bird dog'], 'SUPERVISED');
  return [
    { phase: 1, dayApproved: 1, prescriptions: protocolPrescriptions(1, '') },
    { phase: 2, dayApproved: 8, prescriptions: phase2 },
    { phase: 3, dayApproved: 29, prescriptions: phase3 },
    { phase: 3, dayApproved: 40, prescriptions: latest },
  ];
}

function staffUser(context: ClinicContext, id: string, role: 'ADMIN' | 'THERAPIST' | 'SURGEON', email: string, name: string): Prisma.UserCreateManyInput {
  const createdAt = addDays(context.today, -365);
  return { id, clinicId: context.clinicId, role, email, name, passwordHash: context.passwordHash, createdAt, updatedAt: createdAt };
}

/** Every row of the clinic. Regular patients are shared round-robin among the therapists and surgeons. */
export function buildClinicRows(shape: ClinicShape, context: ClinicContext): { rows: ClinicRows; manifest: BenchManifest } {
  const users: Prisma.UserCreateManyInput[] = [staffUser(context, 'usr-admin', 'ADMIN', 'admin@bench.test', 'Alex Admin')];
  const therapists = Array.from({ length: shape.therapists }, (_, i) => staffUser(context, `usr-therapist-${pad(i + 1, 2)}`, 'THERAPIST', `therapist-${pad(i + 1, 2)}@bench.test`, `Therapist ${pad(i + 1, 2)}`));
  const surgeons = Array.from({ length: shape.surgeons }, (_, i) => staffUser(context, `usr-surgeon-${i + 1}`, 'SURGEON', `surgeon-${i + 1}@bench.test`, `Dr. Surgeon ${i + 1}`));
  // A part-time therapist and surgeon with a handful of patients: the "small" half of the size checks.
  const partTimeTherapist = staffUser(context, 'usr-therapist-part-time', 'THERAPIST', 'therapist-part-time@bench.test', 'Part-time Therapist');
  const partTimeSurgeon = staffUser(context, 'usr-surgeon-part-time', 'SURGEON', 'surgeon-part-time@bench.test', 'Dr. Part-time Surgeon');
  users.push(...therapists, ...surgeons, partTimeTherapist, partTimeSurgeon);

  const specs: PatientSpec[] = [];
  for (let i = 0; i < shape.patients; i += 1) {
    const therapist = therapists[i % therapists.length];
    const surgeon = surgeons[i % surgeons.length];
    if (!therapist?.id || !surgeon?.id) throw new Error('The clinic needs at least one therapist and one surgeon.');
    // Each therapist's first patient is two months out with a long history (heavyPatientSessions).
    specs.push(typicalPatient(i, therapist.id, surgeon.id, shape, `p${pad(i + 1, 5)}`, i < therapists.length ? 62 : undefined));
  }
  const heavyKeys = new Set(specs.slice(0, therapists.length).map((spec) => spec.key));
  // The part-time staff's ten patients: the first has the smallest plan, the second the largest, and
  // two have a request waiting (the part-time surgeon's short queue).
  const partTime = Array.from({ length: 10 }, (_, i): PatientSpec => {
    const typical = typicalPatient(shape.patients + i, partTimeTherapist.id ?? '', partTimeSurgeon.id ?? '', shape, `s${pad(i + 1, 2)}`);
    if (i === 0) return { ...typical, versions: smallPlan(), daysSinceSurgery: 5, hasPendingSignOff: false };
    if (i === 1) return { ...typical, versions: largePlan(), daysSinceSurgery: 50, hasPendingSignOff: false };
    return { ...typical, hasPendingSignOff: i === 2 || i === 3 };
  });
  const [small, large] = partTime;
  if (!small || !large) throw new Error('unreachable: ten part-time patients');
  specs.push(...partTime);

  const rows: ClinicRows = { users, patients: [], careTeam: [], episodes: [], plans: [], approvedRounds: [], drafts: { versions: [], items: [] }, signOffs: [], sessionLogs: [], alerts: [] };
  const loggers = specs.map((spec) => addPatient(rows, spec, context)).filter((logger) => logger.home.length > 0);
  const heavy = loggers.filter((logger) => heavyKeys.has(logger.spec.key));
  if (heavy.length !== heavyKeys.size) throw new Error('Every heavy patient must have home exercises to log.');
  const others = loggers.filter((logger) => !heavyKeys.has(logger.spec.key));
  const shared = Math.max(0, shape.sessionLogs - heavy.length * shape.heavyPatientSessions);
  for (const logger of heavy) addSessionLogs(rows, logger.spec, logger.patientId, logger.home, shape.heavyPatientSessions, context.today);
  others.forEach((logger, index) => {
    // An even share each; the first few take one more so the total is exactly shape.sessionLogs.
    const count = Math.floor(shared / others.length) + (index < shared % others.length ? 1 : 0);
    addSessionLogs(rows, logger.spec, logger.patientId, logger.home, count, context.today);
  });
  specs.forEach((spec, index) => {
    if (index % shape.alertEvery === 0 || heavyKeys.has(spec.key)) addAlerts(rows, spec, index, context);
  });

  const largeSurgeonQueue = Math.ceil(shape.patients / shape.surgeons / shape.pendingEvery);
  const manifest: BenchManifest = {
    // Typical patients (not the long histories): what most patients' portals hold.
    portalPatients: specs.slice(therapists.length, therapists.length + 50).map((spec) => emailOf(spec)),
    therapists: therapists.map((user) => user.email),
    surgeons: surgeons.map((user) => user.email),
    heavyPatientIds: specs.slice(0, therapists.length).map((spec) => `pat${spec.key}`),
    patientPage: {
      small: { id: `pat${specs[therapists.length]?.key ?? ''}`, size: `${rows.sessionLogs.filter((log) => log.patientId === `pat${specs[therapists.length]?.key ?? ''}`).length} sessions` },
      large: { id: `pat${specs[0]?.key ?? ''}`, size: `${shape.heavyPatientSessions} sessions` },
    },
    sizePairs: {
      portal: { small: { email: emailOf(small), size: '3 items, 1 version' }, large: { email: emailOf(large), size: `${large.versions[large.versions.length - 1]?.prescriptions.length ?? 0} items, ${large.versions.length} versions` } },
      caseload: { small: { email: partTimeTherapist.email, size: '10 patients' }, large: { email: therapists[0]?.email ?? '', size: `${Math.ceil(shape.patients / shape.therapists)} patients (page 1: 50)` } },
      signOffQueue: { small: { email: partTimeSurgeon.email, size: '2 waiting' }, large: { email: surgeons[0]?.email ?? '', size: `~${largeSurgeonQueue} waiting` } },
    },
  };
  return { rows, manifest };
}

function emailOf(spec: PatientSpec): string {
  return `patient-${spec.key}@bench.test`;
}

function atHour(day: Date, hour: number): Date {
  return new Date(day.getTime() + hour * HOURS);
}

/**
 * One patient: account, record, care team, surgery, plan, versions and sign-offs. Returns the home
 * exercises the patient can see, which are the ones they log.
 */
function addPatient(rows: ClinicRows, spec: PatientSpec, context: ClinicContext) {
  const { key } = spec;
  const surgeryDate = addDays(context.today, -spec.daysSinceSurgery);
  const now = new Date();
  const userId = `usr-${key}`;
  const patientId = `pat${key}`;
  const planId = `plan-${key}`;
  const registeredAt = atHour(addDays(surgeryDate, -14), 9);
  rows.users.push({ id: userId, clinicId: context.clinicId, role: 'PATIENT', email: emailOf(spec), name: `${spec.firstName} ${spec.lastName}`, passwordHash: context.passwordHash, createdAt: registeredAt, updatedAt: registeredAt });
  rows.patients.push({
    id: patientId,
    clinicId: context.clinicId,
    userId,
    firstName: spec.firstName,
    lastName: spec.lastName,
    dateOfBirth: new Date(Date.UTC(1950 + (spec.daysSinceSurgery % 40), spec.daysSinceSurgery % 12, 1 + (spec.daysSinceSurgery % 28))),
    email: emailOf(spec),
    createdAt: registeredAt,
    updatedAt: registeredAt,
  });
  rows.careTeam.push({ patientId, userId: spec.therapistId }, { patientId, userId: spec.surgeonId });
  rows.episodes.push({ id: `epi-${key}`, patientId, procedure: 'Lumbar microdiscectomy (L4-L5)', surgeryDate, surgeonId: spec.surgeonId, protocolId: context.protocolId, createdAt: registeredAt });
  rows.plans.push({ id: planId, episodeId: `epi-${key}`, createdAt: registeredAt });

  const history: Array<{ contentHash: string; status: 'SIGNED' | 'PENDING' }> = [];
  const approved = spec.versions.filter((version) => version.dayApproved !== null);
  let current: Prisma.PlanItemCreateManyInput[] = [];
  spec.versions.forEach((version, index) => {
    const number = index + 1;
    const versionId = `ver-${key}-${number}`;
    const phaseId = context.phaseIds.get(version.phase);
    if (!phaseId) throw new Error(`No phase ${version.phase}`);
    const items = version.prescriptions.map((prescription, position) => {
      const exerciseId = context.exerciseIds.get(prescription.name);
      const exercise = EXERCISES.find((candidate) => candidate.name === prescription.name);
      if (!exerciseId || !exercise) throw new Error(`Not in the catalog: ${prescription.name}`);
      const columns = planItemData({ exercise: { id: exerciseId, name: exercise.name, patientName: exercise.patientName, instructions: exercise.instructions }, mode: prescription.mode, dosage: prescription.dosage, patientNotes: prescription.patientNotes, position: position + 1 });
      return { id: `item-${key}-${number}-${pad(position + 1, 2)}`, versionId, ...columns };
    });
    const criteriaMet = DECOMPRESSION_PROTOCOL.phases[version.phase - 1]?.criteria.slice(0, 3) ?? [];
    // Each version keeps the precautions of its phase as they were when it was made (as startDraft does).
    const precautions = DECOMPRESSION_PROTOCOL.phases[version.phase - 1]?.precautions ?? '';
    if (version.dayApproved === null) {
      const createdAt = new Date(now.getTime() - 2 * HOURS);
      rows.drafts.versions.push({ id: versionId, planId, number, status: 'DRAFT', phaseId, precautions, lockVersion: 0, criteriaMet, advanceReason: null, createdById: spec.therapistId, createdAt, updatedAt: createdAt, approvedById: null, approvedAt: null, approvedHash: null });
      rows.drafts.items.push(...items);
      return;
    }
    const approvedAt = new Date(Math.min(atHour(addDays(surgeryDate, version.dayApproved), 10).getTime(), now.getTime() - HOURS));
    const approvedHash = hashApproval({ versionId, number, items: items.map((item) => ({ position: item.position, contentHash: item.contentHash })), precautions });
    const round = (rows.approvedRounds[index] ??= { versions: [], items: [] });
    // Written as drafts with their approval already filled in; the seed then flips them to APPROVED,
    // as approvePlanVersion does, because the database refuses items added to an approved version.
    round.versions.push({ id: versionId, planId, number, status: 'DRAFT', phaseId, precautions, lockVersion: 1, criteriaMet, advanceReason: null, createdById: spec.therapistId, createdAt: new Date(approvedAt.getTime() - HOURS), updatedAt: approvedAt, approvedById: spec.therapistId, approvedAt, approvedHash });
    round.items.push(...items);

    const isCurrent = version === approved[approved.length - 1];
    const toSurgeon = itemsNeedingSignOff(items.map((item) => ({ ...item, itemId: item.id })), history);
    toSurgeon.forEach((item, sentIndex) => {
      const isPending = isCurrent && spec.hasPendingSignOff && sentIndex === toSurgeon.length - 1;
      const decidedAt = new Date(Math.min(approvedAt.getTime() + 20 * HOURS, now.getTime() - HOURS / 2));
      history.push({ contentHash: item.contentHash, status: isPending ? 'PENDING' : 'SIGNED' });
      rows.signOffs.push({
        id: `so-${item.id}`,
        itemId: item.id,
        patientId,
        exerciseId: item.exerciseId,
        surgeonId: spec.surgeonId,
        contentHash: item.contentHash,
        requestedAt: approvedAt,
        reason: null,
        ...(isPending
          ? { status: 'PENDING', decidedAt: null, signatureHash: null }
          : { status: 'SIGNED', decidedAt, signatureHash: hashSignature({ contentHash: item.contentHash, signerId: spec.surgeonId, decision: 'SIGNED', at: decidedAt, reason: null }) }),
      });
    });
    if (isCurrent) current = items;
  });

  const signed = new Set(history.filter((entry) => entry.status === 'SIGNED').map((entry) => entry.contentHash));
  return { spec, patientId, home: current.filter((item) => item.mode === 'SELF_DIRECTED' && signed.has(item.contentHash)) };
}

/** Home sessions over the last four weeks (never before the first approval), pain easing with noise. */
function addSessionLogs(rows: ClinicRows, spec: PatientSpec, patientId: string, home: Prisma.PlanItemCreateManyInput[], count: number, today: Date): void {
  if (home.length === 0) return;
  const random = randomFrom(Number.parseInt(spec.key.replace(/\D/g, ''), 10) * 7919 + spec.key.length);
  // A long history (the heavy patients') goes back further: up to eight sessions a day.
  const span = Math.max(1, Math.min(Math.max(28, Math.ceil(count / 8)), spec.daysSinceSurgery - 1));
  const startPain = 3 + Math.floor(random() * 4);
  // About one patient in fifteen gets worse: the caseload's pain flag.
  const isWorsening = random() < 1 / 15;
  for (let n = 0; n < count; n += 1) {
    const daysAgo = Math.floor((span * (count - 1 - n)) / Math.max(1, count - 1));
    const item = home[n % home.length];
    if (!item) continue;
    const trend = isWorsening ? (n * 4) / count : -(n * 2) / count;
    const pain = Math.max(0, Math.min(10, Math.round(startPain + trend + (random() - 0.5) * 2)));
    const isCompleted = random() > 0.1;
    const performedOn = addDays(today, -daysAgo);
    rows.sessionLogs.push({
      id: `log-${spec.key}-${pad(n + 1, 3)}`,
      patientId,
      exerciseId: item.exerciseId,
      exerciseName: item.exerciseName,
      performedOn,
      completed: isCompleted,
      setsCompleted: isCompleted ? (item.sets ?? null) : 0,
      backPain: pain,
      legPain: Math.max(0, pain - 2),
      note: n % 11 === 0 ? 'Felt stiff at first, easier after a few minutes.' : '',
      createdAt: atHour(performedOn, 8 + (n % 12)),
    });
  }
}

/**
 * An acknowledged alert and an open one: a pain flag (therapists see it) for even patients, a warning
 * sign (therapists and surgeons see it) for odd ones. Raised in the last two weeks.
 */
function addAlerts(rows: ClinicRows, spec: PatientSpec, index: number, context: ClinicContext): void {
  const patientId = `pat${spec.key}`;
  const isPain = index % 2 === 0;
  const cause = isPain ? 'PAIN' : `SIGN:${WARNING_SIGN_CODES[index % WARNING_SIGN_CODES.length] ?? 'FEVER'}`;
  const detail = isPain ? { reasons: [{ region: 'BACK', kind: 'HIGH', score: 8 }] } : { code: cause.slice('SIGN:'.length) };
  const raisedAt = new Date(context.today.getTime() - (index % 14) * 24 * HOURS + 9 * HOURS);
  const earlier = new Date(raisedAt.getTime() - 3 * 24 * HOURS);
  const base = { clinicId: context.clinicId, patientId, kind: isPain ? ('PAIN' as const) : ('WARNING_SIGN' as const), cause, detail, sessionLogId: null };
  rows.alerts.push(
    { ...base, id: `alert-${spec.key}-1`, raisedAt: earlier, acknowledgedAt: new Date(earlier.getTime() + 2 * HOURS), acknowledgedById: spec.therapistId, acknowledgementNote: 'Called the patient; settled.' },
    { ...base, id: `alert-${spec.key}-2`, raisedAt, acknowledgedAt: null, acknowledgedById: null, acknowledgementNote: null },
  );
}
