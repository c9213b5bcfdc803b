import { Pool, type QueryResultRow } from 'pg';

// The suite reads the database the app runs on (DATABASE_URL is in the Playwright process's environment)
// to find record ids and to prove that a refused request wrote nothing. It writes only its fixture users.

let pool: Pool | null = null;

function database(): Pool {
  if (pool) return pool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set: the authorization suite reads the database to find records and to check that refused requests changed nothing.');
  }
  // The embedded database (PGlite) multiplexes one backend: follow the app's pool size when the scripts set one.
  pool = new Pool({ connectionString, max: Number(process.env.DATABASE_POOL_MAX ?? 3) });
  return pool;
}

export async function rows<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await database().query<T>(sql, params);
  return result.rows;
}

export async function one<T extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<T> {
  const found = await rows<T>(sql, params);
  const [first] = found;
  if (found.length !== 1 || !first) throw new Error(`Expected one row, got ${found.length}: ${sql} ${JSON.stringify(params)}`);
  return first;
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock: the two Playwright workers each open a session of the
 * matrix, and finding-or-making the suite's own records must not interleave (one worker would take for a draft
 * a patient the other is about to approve).
 */
export async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const client = await database().connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
    client.release();
  }
}

export async function closeDatabase(): Promise<void> {
  const open = pool;
  pool = null;
  await open?.end();
}

/** A query whose answer a refused request must leave exactly as it was. */
export type Probe = { label: string; sql: string; params?: unknown[] };

export async function snapshot(probes: readonly Probe[]): Promise<Record<string, string>> {
  const taken: Record<string, string> = {};
  for (const probe of probes) taken[probe.label] = JSON.stringify(await rows(probe.sql, probe.params ?? []));
  return taken;
}

/** The newest audit row's id: rows after it were written by what happened since. */
export async function lastAuditId(): Promise<string> {
  const row = await one<{ last: string }>('SELECT COALESCE(MAX("id"), 0)::text AS "last" FROM "AuditEvent"');
  return row.last;
}

/**
 * Audit rows written since `afterId` for requests that carried this X-Forwarded-For tag. Every write and its
 * audit row share a transaction, so a refused request that changed anything leaves a SUCCESS row here.
 */
export async function auditRowsFor(ip: string, afterId: string) {
  return rows<{ action: string; outcome: string; entityId: string | null }>(
    'SELECT "action", "outcome", "entityId" FROM "AuditEvent" WHERE "id" > $1::bigint AND "ip" = $2 ORDER BY "id"',
    [afterId, ip],
  );
}
