// Fault injection through the production server on two worker processes (`npm start` with WEB_CONCURRENCY=2):
// a patient's browser-like streams of "log a session" (the portal's server action, posted as the browser posts
// it) spread over both workers, PostgreSQL killed with kill -9 in the middle. Every save either worker
// acknowledged must be there after crash recovery with exactly its one audit row, `audit:verify` must find
// every chain intact, both workers must take writes again by themselves, and neither may have crashed, been
// restarted or logged an uncaught exception or unhandled rejection. (crash-consistency.test.ts does the same
// through the data layer in the test process, where it can also watch the pool.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSessionOverHttp, todayIn } from './support/log-session';
import { startNextServer, Visitor, type NextServer } from './support/next-server';
import { migrate, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { bin, runCommand, sleep, TimeoutError, waitFor, withTimeout } from './support/processes';

const WORKERS = 2;
const STREAMS = 4;
/** Acknowledged saves per round before the kill, at least this many from each worker. */
const ACKS_BEFORE_KILL = 25;
const ACKS_PER_WORKER_BEFORE_KILL = 5;
/** How long the streams keep saving against the dead server before they stop. */
const WRITE_WHILE_DOWN_MS = 2_000;
/** No single request may take longer than this, up or down. */
const CALL_LIMIT_MS = 20_000;
const RECOVER_MS = 30_000;

let database: PrivatePostgres | undefined;
let app: NextServer | undefined;
let env: Record<string, string> = {};
let patient: Visitor;
let patientId = '';
let walkingId = '';
/** The patient's clinic keeps New York time: the day to log is today there. */
const performedOn = todayIn('America/New_York');

beforeAll(async () => {
  database = await startPrivatePostgres();
  await migrate(database.url);
  env = { DATABASE_URL: database.url, DATABASE_POOL_MAX: '8', NEXTAUTH_SECRET: 'faults-only-secret-not-for-production' };
  await runCommand(bin('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env: { ...process.env, ...env, REGIMEN_QUIET_LOGS: '1' }, timeoutMs: 180_000 });
  const sam = await database.query<{ id: string }>(`SELECT id FROM "Patient" WHERE "firstName" = 'Sam' AND "lastName" = 'Rivera'`);
  patientId = sam.rows[0]?.id ?? '';
  const walking = await database.query<{ id: string }>(
    `SELECT e.id FROM "Exercise" e JOIN "Clinic" c ON c.id = e."clinicId" WHERE e.name = 'Walking' AND c.name = 'Harbor Spine & Rehab'`,
  );
  walkingId = walking.rows[0]?.id ?? '';
  expect(patientId).not.toBe('');
  expect(walkingId).not.toBe('');
  app = await startNextServer(env, { workers: WORKERS });
  patient = new Visitor(app.baseUrl, 'patient');
  await patient.signIn('patient@harbor.test', 'demo-password');
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await database?.destroy();
}, 60_000);

const save = (note: string, backPain: number) => logSessionOverHttp(patient, { exerciseId: walkingId, performedOn, note, backPain, timeoutMs: CALL_LIMIT_MS });

function expectSameServer(when: string) {
  expect(app!.isSameProcess(), `the production server (primary ${app!.pid}, workers ${app!.workerPids.join(', ')}) is the same running processes ${when} (${app!.exitStatus() ?? 'running'})`).toBe(true);
  expect(app!.processErrors(), `uncaught exceptions or unhandled rejections in the production server ${when}:\n${app!.output().slice(-4_000)}`).toEqual([]);
}

/**
 * What a save may answer while the database is down: the plain 503 page, or the form's "temporarily unavailable".
 * Never "something went wrong": a save cut by the kill (or one that ran out of time) is the database being
 * unavailable, and lib/server/errors.ts says so (tests/unit/database-unavailable.test.ts).
 */
const UNAVAILABLE = /^503 text\/html$|^200 UNAVAILABLE: Regimen is temporarily unavailable/;

async function runRound(round: number, fault: 'kill -9 postmaster' | 'kill -9 postmaster and every backend') {
  const pg = database!;
  const acked: Array<{ sessionId: string; worker: number | null }> = [];
  const failures: Record<string, number> = {};
  let hung = 0;
  let failedBeforeKill = 0;
  let isKilled = false;
  let shouldStop = false;
  let reachedKillPoint: () => void = () => undefined;
  const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
  const ackedBy = (worker: number) => acked.filter((ack) => ack.worker === worker).length;

  const stream = async (streamIndex: number) => {
    for (let call = 0; !shouldStop; call += 1) {
      try {
        const saved = await save(`round ${round} stream ${streamIndex} call ${call}`, call % 4);
        if (saved.sessionId) {
          acked.push({ sessionId: saved.sessionId, worker: saved.answer.worker });
          if (acked.length >= ACKS_BEFORE_KILL && app!.workerPids.every((worker) => ackedBy(worker) >= ACKS_PER_WORKER_BEFORE_KILL)) reachedKillPoint();
          continue;
        }
        failures[saved.kind] = (failures[saved.kind] ?? 0) + 1;
      } catch (error) {
        const kind = error instanceof TimeoutError ? 'TIMEOUT' : `request failed: ${error instanceof Error ? error.message : String(error)}`;
        failures[kind] = (failures[kind] ?? 0) + 1;
        if (error instanceof TimeoutError) hung += 1;
      }
      if (!isKilled) failedBeforeKill += 1;
      // A refused save answers at once: do not spin.
      await sleep(50);
    }
  };

  const streams = Array.from({ length: STREAMS }, (_, index) => stream(index));
  await withTimeout(killPoint, 90_000, `${ACKS_BEFORE_KILL} acknowledged saves, ${ACKS_PER_WORKER_BEFORE_KILL} from each worker`);
  isKilled = true;
  await pg.kill9({ backends: fault === 'kill -9 postmaster and every backend' });
  await sleep(WRITE_WHILE_DOWN_MS);
  shouldStop = true;
  await withTimeout(Promise.all(streams), CALL_LIMIT_MS + 5_000, 'the save streams to settle');
  expectSameServer(`while PostgreSQL is down (round ${round})`);

  await pg.start();
  // Both workers take saves again by themselves.
  const savedAfter = new Set<number>();
  await waitFor('a save acknowledged by every worker after the restart', RECOVER_MS, async () => {
    const saved = await save(`round ${round} after restart`, 0);
    if (saved.sessionId) {
      acked.push({ sessionId: saved.sessionId, worker: saved.answer.worker });
      if (saved.answer.worker !== null) savedAfter.add(saved.answer.worker);
    }
    return savedAfter.size === WORKERS ? true : undefined;
  }, 250);

  // Checked with a connection of the test's own, not through the app.
  const sessions = await pg.query<{ id: string }>('SELECT id FROM "SessionLog" WHERE "patientId" = $1', [patientId]);
  const sessionIds = new Set(sessions.rows.map((row) => row.id));
  const missing = acked.filter((ack) => !sessionIds.has(ack.sessionId));
  expect(missing, `acknowledged saves missing after crash recovery (round ${round})`).toEqual([]);
  const audits = await pg.query<{ entityId: string | null; rows: string }>(
    `SELECT "entityId", count(*) AS rows FROM "AuditEvent" WHERE action = 'session.log' AND "patientId" = $1 GROUP BY "entityId"`,
    [patientId],
  );
  const auditCount = new Map(audits.rows.map((row) => [row.entityId, Number(row.rows)]));
  expect([...sessionIds].filter((id) => auditCount.get(id) !== 1), `SessionLog rows without exactly one session.log audit row (round ${round})`).toEqual([]);
  expect([...auditCount.keys()].filter((id) => !id || !sessionIds.has(id)), `session.log audit rows whose SessionLog does not exist (round ${round})`).toEqual([]);
  const verify = await runCommand(bin('tsx'), ['--conditions=react-server', 'scripts/audit-verify.ts'], { env: { ...process.env, ...env, REGIMEN_QUIET_LOGS: '1' } });
  expect(verify.stdout).toContain('Audit trail intact.');

  expectSameServer(`after round ${round}`);
  const perWorker = app!.workerPids.map((worker) => `${worker}: ${ackedBy(worker)}`).join(', ');
  console.log(
    `[faults] HTTP round ${round} (${fault}): acknowledged ${acked.length} (by worker ${perWorker}), all found with one audit row each\n` +
      Object.entries(failures)
        .map(([kind, count]) => `    ${count} x ${kind}`)
        .join('\n'),
  );
  return { hung, failedBeforeKill, failures };
}

describe('PostgreSQL killed under two app processes taking saves', () => {
  it.each([
    [1, 'kill -9 postmaster'],
    [2, 'kill -9 postmaster and every backend'],
  ] as const)('round %i (%s): every acknowledged save survives with its audit row, both workers carry on', async (round, fault) => {
    const report = await runRound(round, fault);
    expect(report.hung, 'saves that hung instead of failing').toBe(0);
    // The server's own account of any error it did not expect (its log line names the error, never the patient).
    const serverErrors = () => app!.output().split('\n').filter((line) => line.includes('"unexpected error"')).join('\n');
    expect(report.failedBeforeKill, `saves that failed before the kill: ${JSON.stringify(report.failures)}\n${serverErrors()}`).toBe(0);
    const kinds = Object.keys(report.failures);
    expect(kinds.length, 'saves that failed while PostgreSQL was down').toBeGreaterThan(0);
    expect(kinds.filter((kind) => !UNAVAILABLE.test(kind)), `failures that were not a plain "temporarily unavailable"\n${serverErrors()}`).toEqual([]);
  }, 180_000);
});
