// Fault injection: PostgreSQL is killed (kill -9) in the middle of a stream of patient writes. Every write
// the app acknowledged must be there after crash recovery, nothing may be half-written (each SessionLog
// has exactly its one audit row, no audit row points at a missing SessionLog), the audit hash chain must
// be intact, and the app's own database client must carry on after the restart by itself, with every
// connection of its pool (none kept by a transaction the crash cut short) and without an uncaught exception
// or unhandled rejection in this process, where the data layer runs.
// Runs against a private server in a temporary folder (tests/faults/support/private-postgres.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '@/lib/domain/audit-chain';
import type { Actor } from '@/lib/server/authz/actor';
import type { db as Db } from '@/lib/server/db';
import type { isDatabaseUnavailable as IsDatabaseUnavailable } from '@/lib/server/errors';
import type { logSession as LogSession } from '@/lib/server/portal/log-session';
import { recordProcessErrors, type ProcessErrorRecorder } from './support/process-errors';
import { migrate, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { TimeoutError, sleep, withTimeout } from './support/processes';

const STREAMS = 4;
/** Connections in the app's pool (DATABASE_POOL_MAX). */
const POOL_MAX = 8;
/** Acknowledged writes per round before the kill. */
const ACKS_BEFORE_KILL = 25;
/** How long the streams keep writing against the dead server before they stop. */
const WRITE_WHILE_DOWN_MS = 2_000;
/** No single call may take longer than this, up or down. */
const CALL_LIMIT_MS = 20_000;

// Types only: the modules themselves are imported in beforeAll, once DATABASE_URL points at the private server.
type DataLayer = { db: typeof Db; logSession: typeof LogSession; isDatabaseUnavailable: typeof IsDatabaseUnavailable };

let server: PrivatePostgres | undefined;
let processErrors: ProcessErrorRecorder | undefined;
let layer: DataLayer;
let patientActor: Actor;
let patientId: string;
let walkingId: string;

const today = new Date();
const isoToday = today.toISOString().slice(0, 10);

function sessionInput(note: string, pain: number) {
  return { exerciseId: walkingId, performedOn: isoToday, completed: true, setsCompleted: null, backPain: pain, legPain: 0, note };
}

function errorKind(error: unknown): string {
  if (error instanceof TimeoutError) return 'TIMEOUT';
  const record = error as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof record.code === 'string' ? record.code : '';
  const name = typeof record.name === 'string' ? record.name : 'Error';
  const classified = layer.isDatabaseUnavailable(error) ? 'unavailable' : 'OTHER';
  const message = typeof record.message === 'string' ? record.message.split('\n').slice(-1)[0]?.slice(0, 90) : '';
  return `${classified} ${name}${code ? ` ${code}` : ''}: ${message}`;
}

beforeAll(async () => {
  processErrors = recordProcessErrors();
  server = await startPrivatePostgres();
  await migrate(server.url);
  // lib/server/db.ts builds its client from the environment at import time: set it first, import after.
  process.env.DATABASE_URL = server.url;
  process.env.DATABASE_POOL_MAX = String(POOL_MAX);
  delete process.env.REGIMEN_COUNT_QUERIES;
  const [{ db }, { logSession }, { isDatabaseUnavailable }] = await Promise.all([
    import('@/lib/server/db'),
    import('@/lib/server/portal/log-session'),
    import('@/lib/server/errors'),
  ]);
  layer = { db, logSession, isDatabaseUnavailable };
  // A patient whose approved plan has Walking signed off by the surgeon, built through the data layer.
  const { createClinicWorld } = await import('../integration/support/world');
  const { approveDraft, decide, registerPatient } = await import('../integration/support/plan-flow');
  const clinic = await createClinicWorld();
  const patient = await registerPatient(clinic);
  await approveDraft(clinic.actors.therapist, patient.patientId);
  await decide(clinic.actors.surgeon, patient.patientId, 'Walking');
  patientActor = patient.actor;
  patientId = patient.patientId;
  walkingId = clinic.exerciseIds.get('Walking') ?? '';
  expect(walkingId).not.toBe('');
  // The stream works before anything breaks.
  await logSession({ actor: patientActor, input: sessionInput('warm-up', 1), today });
}, 240_000);

afterAll(async () => {
  if (layer) await withTimeout(layer.db.$disconnect(), 10_000, 'db.$disconnect').catch(() => undefined);
  await server?.destroy();
  try {
    processErrors?.expectNone('during teardown');
  } finally {
    processErrors?.stop();
  }
}, 60_000);

/**
 * As many transactions as the app's pool has connections, all open at the same moment. A connection still
 * held by a transaction the crash cut short leaves one of them waiting for a connection until pg-pool gives
 * up ("timeout exceeded when trying to connect").
 */
async function openEveryConnectionAtOnce(round: number): Promise<void> {
  let open = 0;
  let allOpen: () => void = () => undefined;
  const everyoneOpen = new Promise<void>((resolve) => (allOpen = resolve));
  const transactions = Array.from({ length: POOL_MAX }, () =>
    layer.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        open += 1;
        if (open === POOL_MAX) allOpen();
        await withTimeout(everyoneOpen, CALL_LIMIT_MS, `${POOL_MAX} transactions open at once`);
      },
      { maxWait: CALL_LIMIT_MS, timeout: 2 * CALL_LIMIT_MS },
    ),
  );
  const outcomes = await Promise.allSettled(transactions);
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [errorKind(outcome.reason)] : []));
  expect(failures, `${POOL_MAX} transactions at once on the app's pool of ${POOL_MAX} after round ${round}`).toEqual([]);
}

type RoundReport = {
  round: number;
  fault: string;
  acknowledged: number;
  failed: number;
  hung: number;
  failedBeforeKill: number;
  /** Calls that reported a failure but whose write did commit (the outcome was unknown to the caller). */
  committedButFailed: number;
  verified: number;
  errorKinds: Record<string, number>;
};

const reports: RoundReport[] = [];

async function runRound(round: number, fault: 'kill -9 postmaster' | 'kill -9 postmaster and every backend' | 'pg_ctl stop -m immediate'): Promise<RoundReport> {
  const pg = server!;
  const acked: string[] = [];
  const failedNotes: string[] = [];
  const errorKinds: Record<string, number> = {};
  let failed = 0;
  let hung = 0;
  let failedBeforeKill = 0;
  let isKilled = false;
  let shouldStop = false;
  let reachedKillPoint: () => void = () => undefined;
  const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));

  const stream = async (streamIndex: number) => {
    for (let call = 0; !shouldStop; call += 1) {
      const note = `round ${round} stream ${streamIndex} call ${call}`;
      try {
        const result = await withTimeout(layer.logSession({ actor: patientActor, input: sessionInput(note, call % 11), today }), CALL_LIMIT_MS, 'logSession');
        acked.push(result.sessionId);
        if (acked.length >= ACKS_BEFORE_KILL) reachedKillPoint();
      } catch (error) {
        const kind = errorKind(error);
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        if (error instanceof TimeoutError) hung += 1;
        else failed += 1;
        if (!isKilled) failedBeforeKill += 1;
        failedNotes.push(note);
        // A refused connection fails at once: do not spin.
        await sleep(50);
      }
    }
  };

  const streams = Array.from({ length: STREAMS }, (_, index) => stream(index));
  await withTimeout(killPoint, 60_000, `${ACKS_BEFORE_KILL} acknowledged writes`);
  isKilled = true;
  if (fault === 'pg_ctl stop -m immediate') await pg.stopImmediate();
  else await pg.kill9({ backends: fault === 'kill -9 postmaster and every backend' });
  // The writes keep coming against the dead server: each must fail with an error, none may hang.
  await sleep(WRITE_WHILE_DOWN_MS);
  shouldStop = true;
  await withTimeout(Promise.all(streams), CALL_LIMIT_MS + 5_000, 'the write streams to settle');

  await pg.start();

  // The app's client (created once, at import) recovers by itself: the next write simply works.
  const recovered = await withTimeout(
    layer.logSession({ actor: patientActor, input: sessionInput(`round ${round} after restart`, 0), today }),
    CALL_LIMIT_MS,
    'the first logSession after the restart',
  );
  acked.push(recovered.sessionId);
  await openEveryConnectionAtOnce(round);

  // Check with an independent connection, not the app's client.
  const sessions = await pg.query<{ id: string; note: string }>('SELECT id, note FROM "SessionLog" WHERE "patientId" = $1', [patientId]);
  const sessionIds = new Set(sessions.rows.map((row) => row.id));
  const missing = acked.filter((id) => !sessionIds.has(id));
  expect(missing, `acknowledged writes missing after crash recovery (round ${round})`).toEqual([]);

  const audits = await pg.query<{ entityId: string | null; rows: string }>(
    `SELECT "entityId", count(*) AS rows FROM "AuditEvent" WHERE action = 'session.log' AND "patientId" = $1 GROUP BY "entityId"`,
    [patientId],
  );
  const auditCount = new Map(audits.rows.map((row) => [row.entityId, Number(row.rows)]));
  const withoutExactlyOneAudit = [...sessionIds].filter((id) => auditCount.get(id) !== 1);
  expect(withoutExactlyOneAudit, `SessionLog rows without exactly one session.log audit row (round ${round})`).toEqual([]);
  const orphanAudits = [...auditCount.keys()].filter((id) => !id || !sessionIds.has(id));
  expect(orphanAudits, `session.log audit rows whose SessionLog does not exist (round ${round})`).toEqual([]);

  // Every chain (the clinics', the no-clinic one), every row in id order, exactly as `npm run audit:verify` walks them.
  const [chainRows, cutover] = await Promise.all([layer.db.auditEvent.findMany({ orderBy: { id: 'asc' } }), layer.db.auditChainCutover.findUniqueOrThrow({ where: { id: 1 } })]);
  const verdicts = verifyAuditChains(chainRows, { lastLegacyEventId: cutover.lastLegacyEventId === null ? null : String(cutover.lastLegacyEventId), lastLegacyHash: cutover.lastLegacyHash });
  expect([...verdicts.values()].filter((verdict) => !verdict.ok), `audit chains after round ${round}`).toEqual([]);
  expect([...verdicts.values()].reduce((sum, verdict) => sum + verdict.checked, 0)).toBe(chainRows.length);

  const notes = new Set(sessions.rows.map((row) => row.note));
  const committedButFailed = failedNotes.filter((note) => notes.has(note)).length;
  const report: RoundReport = { round, fault, acknowledged: acked.length, failed, hung, failedBeforeKill, committedButFailed, verified: acked.length - missing.length, errorKinds };
  reports.push(report);
  console.log(
    `[faults] round ${round} (${fault}): acknowledged ${report.acknowledged}, failed ${failed}, hung ${hung}, ` +
      `verified ${report.verified}/${report.acknowledged}, committed-but-reported-failed ${committedButFailed}, ` +
      `session rows ${sessionIds.size}, audit chains ${chainRows.length} rows intact\n` +
      Object.entries(errorKinds)
        .map(([kind, count]) => `    ${count} x ${kind}`)
        .join('\n'),
  );
  return report;
}

describe('PostgreSQL killed in the middle of a stream of writes', () => {
  it.each([
    [1, 'kill -9 postmaster'],
    [2, 'kill -9 postmaster and every backend'],
    [3, 'kill -9 postmaster'],
  ] as const)('round %i (%s): every acknowledged write survives, nothing half-written, chain intact', async (round, fault) => {
    const report = await runRound(round, fault);
    processErrors!.expectNone(`in round ${round} (${fault})`);
    expect(report.hung, 'calls that hung instead of failing').toBe(0);
    expect(report.failedBeforeKill, 'calls that failed before the server was killed').toBe(0);
    expect(report.failed, 'calls that failed while the server was down').toBeGreaterThan(0);
    expect(report.verified).toBe(report.acknowledged);
  }, 180_000);

  it('every failure while the server was down is reported as "database unavailable"', () => {
    const unclassified = reports.flatMap((report) => Object.keys(report.errorKinds).filter((kind) => !kind.startsWith('unavailable ')));
    expect(unclassified).toEqual([]);
  });
});
