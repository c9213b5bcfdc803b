// The app's connection pool (lib/server/db.ts) when PostgreSQL dies at its worst moments, made to happen every
// time instead of once in a while under load:
// - a query's result and its backend's FATAL "terminating connection due to unexpected postmaster exit" come
//   in one socket read while a transaction waits for that very connection, so pg-pool hands the connection
//   over between the two messages: the FATAL must reach a listener, not become an uncaught exception;
// - a transaction the crash cuts short, at a statement or at COMMIT, must give its connection back.
// Its own private PostgreSQL; the app's client with a pool of one connection, so one connection kept by a
// dead transaction is the whole pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { db as Db } from '@/lib/server/db';
import type { isDatabaseUnavailable as IsDatabaseUnavailable } from '@/lib/server/errors';
import { recordProcessErrors, type ProcessErrorRecorder } from './support/process-errors';
import { isRunning, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { waitFor, withTimeout } from './support/processes';

/** Generous limit for anything that should take a moment; nothing here is timed. */
const HANG_LIMIT_MS = 30_000;
/**
 * How long the query the connection is busy with runs: long enough to kill the postmaster while it does, and
 * well under the 5 s the pool lets a caller wait for a connection (lib/server/db.ts), or the waiting
 * transaction would give up before the connection is handed over.
 */
const BUSY_SECONDS = 3;

let server: PrivatePostgres | undefined;
let processErrors: ProcessErrorRecorder | undefined;
let db: typeof Db;
let isDatabaseUnavailable: typeof IsDatabaseUnavailable;

beforeAll(async () => {
  processErrors = recordProcessErrors();
  server = await startPrivatePostgres();
  // Busy on the CPU and waiting on nothing: a backend notices its postmaster is gone only when it waits (for
  // the client's next message, a lock, a sleep), so this one sends its result first, then the FATAL.
  await server.query(`
    CREATE FUNCTION busy_for(seconds float8) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      until timestamptz := clock_timestamp() + make_interval(secs => seconds);
      turns bigint := 0;
    BEGIN
      WHILE clock_timestamp() < until LOOP turns := turns + 1; END LOOP;
      RETURN turns;
    END $$`);
  // lib/server/db.ts builds its client from the environment at import time: set it first, import after.
  process.env.DATABASE_URL = server.url;
  process.env.DATABASE_POOL_MAX = '1';
  delete process.env.REGIMEN_COUNT_QUERIES;
  ({ db } = await import('@/lib/server/db'));
  ({ isDatabaseUnavailable } = await import('@/lib/server/errors'));
  expect(await db.$queryRaw`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
}, 240_000);

afterAll(async () => {
  if (db) await withTimeout(db.$disconnect(), 10_000, 'db.$disconnect').catch(() => undefined);
  await server?.destroy();
  try {
    processErrors?.expectNone('during teardown');
  } finally {
    processErrors?.stop();
  }
}, 60_000);

/** Blocks this process, sockets included, until `isDone` (polled every 20 ms), or throws after `ms`. */
function blockUntil(what: string, ms: number, isDone: () => boolean): void {
  const deadline = Date.now() + ms;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms blocked waiting for ${what}`);
    Atomics.wait(cell, 0, 0, 20);
  }
}

async function expectPoolUsableAfterRestart(when: string): Promise<void> {
  await server!.start();
  // One connection in the pool: if a dead transaction still held it, this would wait for it until pg-pool
  // gives up ("timeout exceeded when trying to connect").
  await expect(withTimeout(db.$queryRaw`SELECT 1 AS ok`, HANG_LIMIT_MS, `a query ${when}`), `a query on the pool of one ${when}`).resolves.toEqual([{ ok: 1 }]);
}

describe("the app's pool when PostgreSQL dies", () => {
  it('a connection handed to a waiting transaction as the FATAL arrives: no uncaught exception', async () => {
    const pg = server!;
    const busyBackend = async () => {
      const rows = await pg.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%busy_for%' AND pid <> pg_backend_pid()`);
      return rows.rows[0]?.pid;
    };
    // A Prisma query runs once something awaits it: settle() starts it now.
    const settle = <T>(promise: PromiseLike<T>) => Promise.resolve(promise).then((value) => ({ value }), (error: unknown) => ({ error }));
    const busy = settle(db.$queryRaw<Array<{ turns: bigint }>>`SELECT busy_for(${BUSY_SECONDS}::float8) AS turns`);
    const backend = await waitFor('the busy query to run', HANG_LIMIT_MS, busyBackend, 20);
    // The pool's only connection is busy: this transaction waits for it in pg-pool's queue (it gets there
    // without any I/O; the query below gives it several turns of the event loop to do so).
    const waiting = settle(db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: HANG_LIMIT_MS, timeout: HANG_LIMIT_MS }));
    expect(await busyBackend(), 'the busy query is still running').toBe(backend);
    const postmaster = pg.postmasterPid();
    expect(postmaster).not.toBeNull();
    process.kill(postmaster!, 'SIGKILL');
    // Read nothing until the backend has sent its result and its FATAL and exited: both then wait in one read.
    blockUntil('the busy backend to answer and exit', HANG_LIMIT_MS, () => !isRunning(backend));
    const [busyOutcome, waitingOutcome] = await withTimeout(Promise.all([busy, waiting]), HANG_LIMIT_MS, 'the busy query and the waiting transaction');

    // The moment happened as intended: the busy query's result came back (the FATAL came after it)...
    expect(busyOutcome, 'the busy query').toHaveProperty('value');
    // ...and the waiting transaction was handed that connection, already broken by the FATAL (a connection
    // opened after the kill would have been refused instead).
    expect(waitingOutcome, 'the waiting transaction').toHaveProperty('error');
    const reason = 'error' in waitingOutcome ? waitingOutcome.error : undefined;
    expect(String(reason instanceof Error ? reason.message : reason)).toContain('Client has encountered a connection error and is not queryable');
    expect(isDatabaseUnavailable(reason), 'reported as "database unavailable"').toBe(true);
    processErrors!.expectNone('when the FATAL arrived in the same read as the result');

    await expectPoolUsableAfterRestart('after the restart');
    processErrors!.expectNone('after the restart');
  }, 120_000);

  it.each([['a statement'], ['COMMIT']] as const)('a transaction cut short at %s gives its connection back', async (cutAt) => {
    const pg = server!;
    // A test that failed earlier may have left the server down.
    if (!pg.postmasterPid()) await pg.start();
    let reachedMiddle: () => void = () => undefined;
    const middle = new Promise<void>((resolve) => (reachedMiddle = resolve));
    let carryOn: () => void = () => undefined;
    const killed = new Promise<void>((resolve) => (carryOn = resolve));
    const cut = db
      .$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          reachedMiddle();
          await killed;
          // Either the next statement, or nothing: then COMMIT is the first thing sent on the dead connection.
          if (cutAt === 'a statement') await tx.$queryRaw`SELECT 2`;
        },
        { maxWait: HANG_LIMIT_MS, timeout: 2 * HANG_LIMIT_MS },
      )
      .then(
        () => 'committed',
        (error: unknown) => error,
      );
    await withTimeout(middle, HANG_LIMIT_MS, 'the transaction to start');
    // Waits until every process of the server has exited: the FATAL has reached the connection by then.
    await pg.kill9();
    carryOn();
    const outcome = await withTimeout(cut, HANG_LIMIT_MS, 'the cut transaction to fail');
    expect(outcome, 'the transaction cut by the crash').not.toBe('committed');
    expect(isDatabaseUnavailable(outcome), `reported as "database unavailable": ${String(outcome)}`).toBe(true);

    await expectPoolUsableAfterRestart(`after a transaction was cut at ${cutAt}`);
    processErrors!.expectNone(`after a transaction was cut at ${cutAt}`);
  }, 120_000);
});
