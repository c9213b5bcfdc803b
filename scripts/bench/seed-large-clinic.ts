// `npm run bench`'s data: one large clinic written with bulk inserts (a few thousand rows a statement,
// see bulk-insert.ts), because the data-access layer writes a patient in dozens of statements and 2,000 patients
// would take many minutes. Run by scripts/bench.mjs:
//   tsx --conditions=react-server scripts/bench/seed-large-clinic.ts <manifest.json>
// The catalog and protocol come from the same factories as the demo and the tests.
import { writeFileSync } from 'node:fs';
import { toDateOnly } from '@/lib/domain/calendar';
import { hashPassword } from '@/lib/server/auth/password';
import { db } from '@/lib/server/db';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { createCatalog, createClinic, createProtocol } from '@/prisma/factories';
import { bulkInsert, type Columns } from './bulk-insert';
import { buildClinicRows, type ClinicShape } from './clinic-rows';

export const BENCH_PASSWORD = 'bench-password';

// BENCH_PATIENTS sets the clinic's size; the staff stay the same, so each therapist's caseload and each
// surgeon's queue grow with it, and the logged sessions grow with it too (25 a patient).
const PATIENTS = Math.max(100, Math.round(Number(process.env.BENCH_PATIENTS ?? 2_000) || 2_000));
const SHAPE: ClinicShape = {
  patients: PATIENTS,
  therapists: 20,
  surgeons: 5,
  sessionLogs: 25 * PATIENTS,
  pendingEvery: 8,
  draftEvery: 10,
  heavyPatientSessions: 500,
  alertEvery: 12,
};

// Columns each bulk insert writes; any other column takes its database default.
const USER_COLUMNS: Columns<Prisma.UserCreateManyInput> = [['id', 'text'], ['clinicId', 'text'], ['email', 'text'], ['name', 'text'], ['role', '"Role"'], ['passwordHash', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']];
const PATIENT_COLUMNS: Columns<Prisma.PatientCreateManyInput> = [['id', 'text'], ['clinicId', 'text'], ['userId', 'text'], ['firstName', 'text'], ['lastName', 'text'], ['dateOfBirth', 'date'], ['email', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']];
const CARE_TEAM_COLUMNS: Columns<Prisma.CareTeamMemberCreateManyInput> = [['patientId', 'text'], ['userId', 'text']];
const EPISODE_COLUMNS: Columns<Prisma.EpisodeCreateManyInput> = [['id', 'text'], ['patientId', 'text'], ['procedure', 'text'], ['surgeryDate', 'date'], ['surgeonId', 'text'], ['protocolId', 'text'], ['createdAt', 'timestamp(3)']];
const PLAN_COLUMNS: Columns<Prisma.PlanCreateManyInput> = [['id', 'text'], ['episodeId', 'text'], ['createdAt', 'timestamp(3)']];
const VERSION_COLUMNS: Columns<Prisma.PlanVersionCreateManyInput> = [
  ['id', 'text'], ['planId', 'text'], ['number', 'integer'], ['status', '"PlanVersionStatus"'], ['phaseId', 'text'], ['precautions', 'text'], ['lockVersion', 'integer'], ['criteriaMet', 'text[]'], ['advanceReason', 'text'],
  ['createdById', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)'], ['approvedById', 'text'], ['approvedAt', 'timestamp(3)'], ['approvedHash', 'text'],
];
const ITEM_COLUMNS: Columns<Prisma.PlanItemCreateManyInput> = [
  ['id', 'text'], ['versionId', 'text'], ['exerciseId', 'text'], ['position', 'integer'], ['mode', '"ItemMode"'], ['sets', 'integer'], ['reps', 'integer'], ['holdSeconds', 'integer'], ['timesPerDay', 'integer'],
  ['daysPerWeek', 'integer'], ['minutes', 'integer'], ['side', '"Side"'], ['patientNotes', 'text'], ['exerciseName', 'text'], ['instructions', 'text'], ['contentHash', 'text'],
];
const SIGN_OFF_COLUMNS: Columns<Prisma.SignOffCreateManyInput> = [
  ['id', 'text'], ['itemId', 'text'], ['patientId', 'text'], ['exerciseId', 'text'], ['surgeonId', 'text'], ['contentHash', 'text'], ['status', '"SignOffStatus"'], ['requestedAt', 'timestamp(3)'], ['decidedAt', 'timestamp(3)'], ['reason', 'text'], ['signatureHash', 'text'],
];
const ALERT_COLUMNS: Columns<Prisma.AlertCreateManyInput> = [
  ['id', 'text'], ['clinicId', 'text'], ['patientId', 'text'], ['kind', '"AlertKind"'], ['cause', 'text'], ['detail', 'jsonb'], ['sessionLogId', 'text'], ['raisedAt', 'timestamp(3)'],
  ['acknowledgedAt', 'timestamp(3)'], ['acknowledgedById', 'text'], ['acknowledgementNote', 'text'],
];
const SESSION_LOG_COLUMNS: Columns<Prisma.SessionLogCreateManyInput> = [
  ['id', 'text'], ['patientId', 'text'], ['exerciseId', 'text'], ['exerciseName', 'text'], ['performedOn', 'date'], ['completed', 'boolean'], ['setsCompleted', 'integer'], ['backPain', 'integer'], ['legPain', 'integer'], ['note', 'text'], ['createdAt', 'timestamp(3)'],
];

async function main() {
  const manifestPath = process.argv[2];
  if (!manifestPath) throw new Error('Usage: seed-large-clinic.ts <manifest.json>');
  const startedAt = Date.now();

  const clinic = await createClinic({ name: 'Bench Spine & Rehab' });
  const exerciseIds = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exerciseIds);
  // Argon2id is deliberately slow: one hash, shared by every account.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const { rows, manifest } = buildClinicRows(SHAPE, {
    clinicId: clinic.id,
    today: toDateOnly(new Date()),
    passwordHash,
    exerciseIds,
    protocolId: protocol.id,
    phaseIds: new Map(protocol.phases.map((phase) => [phase.position, phase.id])),
  });

  await bulkInsert('User', USER_COLUMNS, rows.users);
  await bulkInsert('Patient', PATIENT_COLUMNS, rows.patients);
  await bulkInsert('CareTeamMember', CARE_TEAM_COLUMNS, rows.careTeam);
  await bulkInsert('Episode', EPISODE_COLUMNS, rows.episodes);
  await bulkInsert('Plan', PLAN_COLUMNS, rows.plans);
  for (const round of rows.approvedRounds) {
    await bulkInsert('PlanVersion', VERSION_COLUMNS, round.versions);
    await bulkInsert('PlanItem', ITEM_COLUMNS, round.items);
    // The approval itself: from here on the database refuses any change to these versions and items.
    const ids = round.versions.map((version) => version.id ?? '');
    await db.planVersion.updateMany({ where: { id: { in: ids }, status: 'DRAFT' }, data: { status: 'APPROVED' } });
  }
  await bulkInsert('PlanVersion', VERSION_COLUMNS, rows.drafts.versions);
  await bulkInsert('PlanItem', ITEM_COLUMNS, rows.drafts.items);
  await bulkInsert('SignOff', SIGN_OFF_COLUMNS, rows.signOffs);
  await bulkInsert('SessionLog', SESSION_LOG_COLUMNS, rows.sessionLogs);
  await bulkInsert('Alert', ALERT_COLUMNS, rows.alerts);
  // A clinic's database has planner statistics (autovacuum gathers them); a bulk load has none until it runs.
  await db.$executeRawUnsafe('ANALYZE');

  const [patients, versions, items, pending, sessionLogs, openAlerts] = await Promise.all([
    db.patient.count(),
    db.planVersion.count(),
    db.planItem.count(),
    db.signOff.count({ where: { status: 'PENDING' } }),
    db.sessionLog.count(),
    db.alert.count({ where: { acknowledgedAt: null } }),
  ]);
  const staff = rows.users.filter((user) => user.role !== 'PATIENT').length;
  writeFileSync(manifestPath, JSON.stringify({ password: BENCH_PASSWORD, ...manifest }, null, 2));
  console.log(
    `Seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${patients} patients (each with a portal account), ${staff} staff ` +
      `(${SHAPE.therapists} therapists + 1 part-time, ${SHAPE.surgeons} surgeons + 1 part-time, 1 admin), ${versions} plan versions, ` +
      `${items} plan items, ${pending} sign-offs waiting, ${sessionLogs} logged sessions (${SHAPE.therapists} patients with ${SHAPE.heavyPatientSessions} each), ${openAlerts} open alerts.`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
