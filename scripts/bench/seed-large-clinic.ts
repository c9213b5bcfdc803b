// `npm run bench`'s data: one large clinic written with bulk inserts (createMany, a thousand rows a
// statement), because the data-access layer writes a patient in dozens of statements and 2,000 patients
// would take many minutes. Run by scripts/bench.mjs:
//   tsx --conditions=react-server scripts/bench/seed-large-clinic.ts <manifest.json>
// The catalog and protocol come from the same factories as the demo and the tests.
import { writeFileSync } from 'node:fs';
import { toDateOnly } from '@/lib/domain/phase-gate';
import { hashPassword } from '@/lib/server/auth/password';
import { db } from '@/lib/server/db';
import { createCatalog, createClinic, createProtocol } from '@/prisma/factories';
import { buildClinicRows, type ClinicShape } from './clinic-rows';

export const BENCH_PASSWORD = 'bench-password';
const CHUNK = 1_000;

const SHAPE: ClinicShape = {
  patients: Number(process.env.BENCH_PATIENTS ?? 2_000),
  therapists: 20,
  surgeons: 5,
  // 2,000 patients x 25 = 50,000 logged sessions over the last four weeks.
  sessionLogsPerPatient: 25,
  pendingEvery: 8,
  draftEvery: 10,
};

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  const t0 = Date.now();
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
  console.log("TIMING", rows.length, Date.now() - t0);
}

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

  await inChunks(rows.users, (data) => db.user.createMany({ data }));
  await inChunks(rows.patients, (data) => db.patient.createMany({ data }));
  await inChunks(rows.careTeam, (data) => db.careTeamMember.createMany({ data }));
  await inChunks(rows.episodes, (data) => db.episode.createMany({ data }));
  await inChunks(rows.plans, (data) => db.plan.createMany({ data }));
  for (const round of rows.approvedRounds) {
    await inChunks(round.versions, (data) => db.planVersion.createMany({ data }));
    await inChunks(round.items, (data) => db.planItem.createMany({ data }));
    // The approval itself: from here on the database refuses any change to these versions and items.
    await inChunks(
      round.versions.map((version) => version.id ?? ''),
      (ids) => db.planVersion.updateMany({ where: { id: { in: ids }, status: 'DRAFT' }, data: { status: 'APPROVED' } }),
    );
  }
  await inChunks(rows.drafts.versions, (data) => db.planVersion.createMany({ data }));
  await inChunks(rows.drafts.items, (data) => db.planItem.createMany({ data }));
  await inChunks(rows.signOffs, (data) => db.signOff.createMany({ data }));
  await inChunks(rows.sessionLogs, (data) => db.sessionLog.createMany({ data }));

  const [patients, versions, items, pending, sessionLogs] = await Promise.all([
    db.patient.count(),
    db.planVersion.count(),
    db.planItem.count(),
    db.signOff.count({ where: { status: 'PENDING' } }),
    db.sessionLog.count(),
  ]);
  const staff = rows.users.filter((user) => user.role !== 'PATIENT').length;
  writeFileSync(manifestPath, JSON.stringify({ password: BENCH_PASSWORD, ...manifest }, null, 2));
  console.log(
    `Seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${patients} patients (each with a portal account), ${staff} staff ` +
      `(${SHAPE.therapists} therapists + 1 part-time, ${SHAPE.surgeons} surgeons + 1 part-time, 1 admin), ${versions} plan versions, ` +
      `${items} plan items, ${pending} sign-offs waiting, ${sessionLogs} logged sessions.`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
