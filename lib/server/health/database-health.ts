import 'server-only';
import pg from 'pg';

// A tiny pool of its own, so checking health never waits behind the app's own pool. One SELECT 1 at
// most every CHECK_INTERVAL_MS; requests in between use the last answer. When the database comes
// back, the next check sees it and the app carries on without a restart.
const CHECK_INTERVAL_MS = 1_000;
const CHECK_TIMEOUT_MS = 1_500;

type HealthState = { pool: pg.Pool | null; isReachable: boolean; checkedAt: number; inFlight: Promise<boolean> | null };

const state: HealthState = ((globalThis as unknown as { regimenDbHealth?: HealthState }).regimenDbHealth ??= {
  pool: null,
  isReachable: true,
  checkedAt: 0,
  inFlight: null,
});

function poolFor(): pg.Pool | null {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) return null;
  if (!state.pool) {
    state.pool = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: CHECK_TIMEOUT_MS, idleTimeoutMillis: 10_000 });
    // A pool error (the server went away) must not crash the process.
    state.pool.on('error', () => undefined);
  }
  return state.pool;
}

async function check(): Promise<boolean> {
  const pool = poolFor();
  if (!pool) return true;
  try {
    await Promise.race([
      pool.query('SELECT 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('health check timed out')), CHECK_TIMEOUT_MS)),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Called when the app's own connections fail: answer 503 from now on, without waiting for the next
 * scheduled check, until a check finds the database again.
 */
export function markDatabaseUnreachable(): void {
  state.isReachable = false;
  state.checkedAt = Date.now();
}

export async function isDatabaseReachable(): Promise<boolean> {
  if (Date.now() - state.checkedAt < CHECK_INTERVAL_MS) return state.isReachable;
  state.inFlight ??= check().then((isReachable) => {
    state.isReachable = isReachable;
    state.checkedAt = Date.now();
    state.inFlight = null;
    return isReachable;
  });
  return state.inFlight;
}
