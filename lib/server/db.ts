import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  // The embedded database (PGlite) is a single backend: the scripts set DATABASE_POOL_MAX=1 for it.
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10);
  const adapter = new PrismaPg({
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A global omit keeps password hashes out of every query unless one asks for it by name.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { regimenDb?: Db };

export const db: Db = globalForDb.regimenDb ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForDb.regimenDb = db;

/** The client handed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
