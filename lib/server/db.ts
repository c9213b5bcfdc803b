import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { markDatabaseUnreachable } from './health/database-health';
import { isCountingQueries, recordQuery } from './bench/query-counter';

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  // The embedded database (PGlite) is a single backend: the scripts set DATABASE_POOL_MAX=1 for it.
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  const adapter = new PrismaPg(
    { connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    // A lost connection switches every page to the 503 page at once (see proxy.ts).
    { onPoolError: markDatabaseUnreachable, onConnectionError: markDatabaseUnreachable },
  );
  // Benchmark only: with REGIMEN_COUNT_QUERIES=1 (set by `npm run bench`) Prisma emits an event for every
  // SQL statement and lib/server/bench/query-counter.ts counts it. Unset, `log` is empty: no event is
  // built or emitted, so the app pays nothing for it.
  const isCounting = isCountingQueries();
  // A global omit keeps password hashes out of every query unless one asks for it by name.
  const client = new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    log: isCounting ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (isCounting) client.$on('query', recordQuery);
  return client;
}

type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { regimenDb?: Db };

export const db: Db = globalForDb.regimenDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.regimenDb = db;

/** The client handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
