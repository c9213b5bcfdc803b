// A private, throwaway PostgreSQL for tests that stop or kill the database: its own data folder (mktemp),
// its own port on 127.0.0.1, its own socket folder, fsync on. No other test shares it. As root (sessions
// and CI), the server binaries refuse to run, so they run as the `postgres` user on a folder it owns.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bin, freePort, onAbort, runCommand, sleep, startWatchdog, waitFor } from './processes';

function findPgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((entry) => existsSync(path.join(base, entry, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`No PostgreSQL server binaries found in ${base} (set PG_BIN to the folder holding initdb and pg_ctl).`);
  return path.join(base, newest, 'bin');
}

const isRoot = process.getuid?.() === 0;

function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Process ids whose parent is `parentPid` (the postmaster's backends and auxiliary processes). */
export function childrenOf(parentPid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parentPid) children.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return children;
}

/** True while the process exists and is not a zombie. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

export type PrivatePostgres = {
  url: string;
  port: number;
  dir: string;
  dataDir: string;
  /** The running postmaster's pid, from postmaster.pid. */
  postmasterPid(): number | null;
  /** pg_ctl start (crash recovery after a kill); retries while killed backends still hold shared memory. */
  start(): Promise<void>;
  /** pg_ctl stop -m immediate: every backend is told to quit at once, no shutdown checkpoint. */
  stopImmediate(): Promise<void>;
  /**
   * kill -9 of the postmaster (and, with `backends`, of every process it started at the same instant).
   * Waits until the orphaned processes are gone so the server can be started again.
   */
  kill9(options?: { backends?: boolean }): Promise<{ postmaster: number; children: number }>;
  /** Resolves once a connection answers SELECT 1. */
  waitUntilReady(ms?: number): Promise<void>;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<T>>;
  /** The server log, for failure messages. */
  logTail(lines?: number): string;
  /** Stops the server (immediate) and removes the folder. Safe to call twice. */
  destroy(): Promise<void>;
};

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const pgBin = findPgBin();
  const pgCtl = path.join(pgBin, 'pg_ctl');
  const dir = mkdtempSync(path.join(tmpdir(), 'regimen-faults-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  let isDestroyed = false;

  const stopSync = () => {
    if (isDestroyed) return;
    isDestroyed = true;
    try {
      const [command, args] = asServerUser(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '20']);
      execFileSync(command, args, { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const unhook = onAbort(stopSync);
  startWatchdog({ postgres: { pgCtl, dataDir, asPostgres: isRoot }, removeDir: dir });

  const port = await freePort();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const serverOptions = [
    `-c listen_addresses=127.0.0.1`,
    `-c port=${port}`,
    `-c unix_socket_directories=${dir}`,
    // Durability as in production: a commit is acknowledged only once its WAL is flushed.
    '-c fsync=on',
    '-c synchronous_commit=on',
    '-c full_page_writes=on',
    '-c max_connections=60',
    '-c shared_buffers=32MB',
  ].join(' ');

  const runServerCommand = (command: string, args: string[], timeoutMs = 60_000) => {
    const [actual, actualArgs] = asServerUser(command, args);
    return runCommand(actual, actualArgs, { timeoutMs, cwd: dir });
  };

  const logTail = (lines = 30) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no server log)';
    }
  };

  const postmasterPid = () => {
    try {
      const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 && isRunning(pid) ? pid : null;
    } catch {
      return null;
    }
  };

  const query = async <T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000, query_timeout: 30_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await client.query<T>(sql, values);
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  const waitUntilReady = async (ms = 30_000) => {
    await waitFor('PostgreSQL to accept connections', ms, async () => ((await query('SELECT 1')).rowCount === 1 ? true : undefined));
  };

  const start = async () => {
    // After a kill -9 the old backends may still be detaching from shared memory for a moment; the new
    // postmaster refuses to start until they are gone ("pre-existing shared memory block is still in use").
    await waitFor(`PostgreSQL to start (log: ${logFile})`, 45_000, async () => {
      if (postmasterPid()) return true;
      await runServerCommand(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '40', '-o', serverOptions], 50_000);
      return true;
    }, 500);
    await waitUntilReady();
  };

  try {
    await runServerCommand(path.join(pgBin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions']);
    await start();
  } catch (error) {
    stopSync();
    unhook();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${logTail()}`);
  }

  return {
    url,
    port,
    dir,
    dataDir,
    postmasterPid,
    start,
    async stopImmediate() {
      await runServerCommand(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']);
    },
    async kill9({ backends = false } = {}) {
      const pid = postmasterPid();
      if (!pid) throw new Error('PostgreSQL is not running');
      const children = childrenOf(pid);
      process.kill(pid, 'SIGKILL');
      if (backends) {
        for (const child of children) {
          try {
            process.kill(child, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      // Orphaned backends notice the postmaster is gone and exit; a new postmaster cannot start before.
      await waitFor('the killed server’s processes to exit', 20_000, async () => (isRunning(pid) || children.some(isRunning) ? undefined : true), 100);
      return { postmaster: pid, children: children.length };
    },
    waitUntilReady,
    query,
    logTail,
    async destroy() {
      stopSync();
      unhook();
      await sleep(0);
    },
  };
}

/** Applies every migration to the private server with the project's Prisma CLI. */
export async function migrate(url: string): Promise<void> {
  await runCommand(bin('prisma'), ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, timeoutMs: 120_000 });
}
