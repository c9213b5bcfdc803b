import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { markDatabaseUnreachable } from './health/database-health';
import { isCountingQueries, recordQuery } from './bench/query-counter';

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;
type PgTransaction = Awaited<ReturnType<PgAdapter['startTransaction']>>;

/**
 * The pool is ours, not PrismaPg's, so that every connection has an 'error' listener for its whole life.
 * pg-pool listens while a connection sits idle or runs one of its own queries, PrismaPg while a transaction
 * holds it. A connection that finishes a query goes straight to the next caller waiting for one; a
 * transaction waits with a promise, so its listener comes a microtask later. When PostgreSQL dies, the
 * backend's FATAL "terminating connection" can arrive in the same socket read as the query's last result,
 * and is then emitted in between, on a connection with no listener: an uncaught exception
 * (brianc/node-postgres#2762; the pool 'connect' listener is the fix its maintainers give in
 * brianc/node-postgres#2439). The error still reaches whoever uses the connection next: the listener only
 * marks the database down, as PrismaPg's own did, so every page answers 503 at once (see proxy.ts).
 */
function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  pool.on('connect', (client) => client.on('error', markDatabaseUnreachable));
  pool.on('error', markDatabaseUnreachable);
  return pool;
}

/**
 * Prisma 6.19's transaction manager gives a transaction's connection back (`commit()`/`rollback()`) only
 * after COMMIT or ROLLBACK succeeded; when the database dies mid-transaction both fail, and the dead
 * connection keeps its pool slot forever. After a few database restarts the pool is all dead slots and
 * every query waits for a connection until it times out. Upstream's transaction manager
 * (prisma/orm, packages/client-engine-runtime/src/transaction-manager) now rolls back after a failed COMMIT
 * and releases after any ROLLBACK; this does the same at the adapter until we can move past Prisma 6.19.
 */
function releasedEvenWhenEndFails(transaction: PgTransaction): PgTransaction {
  // A second release would land on whoever holds the connection next (prisma/orm#29952): at most one.
  let isReleased = false;
  const releaseOnce = async (release: () => Promise<void>) => {
    if (isReleased) return;
    isReleased = true;
    await release();
  };
  return {
    adapterName: transaction.adapterName,
    provider: transaction.provider,
    options: transaction.options,
    queryRaw: (query) => transaction.queryRaw(query),
    async executeRaw(query) {
      try {
        return await transaction.executeRaw(query);
      } catch (error) {
        if (query.sql === 'COMMIT') {
          // Prisma will not call commit() now: give the connection back (pg-pool drops it if it is broken).
          await releaseOnce(() => transaction.rollback());
          throw error;
        }
        // ROLLBACK fails only on a connection that is gone (pg-pool drops it on release). That tells no one
        // anything: nothing was committed, and the caller already has the error that made it roll back.
        // Resolving lets Prisma call rollback() as usual; rethrowing would also reach 6.19's
        // transaction-timeout timer, which does not catch it (an unhandled rejection).
        if (query.sql === 'ROLLBACK') return 0;
        throw error;
      }
    },
    commit: () => releaseOnce(() => transaction.commit()),
    rollback: () => releaseOnce(() => transaction.rollback()),
    createSavepoint: transaction.createSavepoint?.bind(transaction),
    rollbackToSavepoint: transaction.rollbackToSavepoint?.bind(transaction),
    releaseSavepoint: transaction.releaseSavepoint?.bind(transaction),
  };
}

class RegimenPrismaPg extends PrismaPg {
  override async connect(): Promise<PgAdapter> {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releasedEvenWhenEndFails(await startTransaction(isolationLevel));
    return adapter;
  }
}

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  // The embedded database (PGlite) is a single backend: the scripts set DATABASE_POOL_MAX=1 for it.
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  const pool = createPool(connectionString, max);
  // `$disconnect()` ends the pool, as it would if PrismaPg had made it.
  const adapter = new RegimenPrismaPg(pool, { disposeExternalPool: true });
  // Benchmark only: with REGIMEN_COUNT_QUERIES=1 (set by `npm run bench`) Prisma emits an event for every
  // SQL statement and lib/server/bench/query-counter.ts counts it. Unset, `log` is empty: no event is
  // built or emitted, so the app pays nothing for it.
  const isCounting = isCountingQueries();
  // A global omit keeps password hashes out of every query unless one asks for it by name.
  const client = new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    // Prisma's defaults (2 s to get a connection, 5 s to finish) fail a save on a busy machine that would have
    // finished a moment later; every transaction here is a few short statements, so waiting longer costs nothing
    // when the machine is quiet. One that still runs out of time is rolled back and reported as "unavailable".
    transactionOptions: { maxWait: 5_000, timeout: 15_000 },
    log: isCounting ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (isCounting) client.$on('query', recordQuery);
  return { client, pool };
}

type Database = ReturnType<typeof createClient>;
type Db = Database['client'];

const globalForDb = globalThis as unknown as { regimenDatabase?: Database };

const database = globalForDb.regimenDatabase ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.regimenDatabase = database;

export const db: Db = database.client;

/**
 * The same pool, for a library that speaks node-postgres itself (the throttle counters,
 * lib/server/auth/throttle-counters.ts): one set of connections, one 'error' listener, one outage signal.
 */
export const dbPool: pg.Pool = database.pool;

/** The client handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
