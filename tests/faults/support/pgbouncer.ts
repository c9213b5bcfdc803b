// PgBouncer from Debian's package (`pgbouncer`, found by scripts/test.mjs) in transaction pooling mode, in front
// of a private PostgreSQL (private-postgres.ts): its config and log in that server's folder, a free port on
// 127.0.0.1, trust authentication as the server has. As root it runs as the `postgres` user (it refuses root).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { PrivatePostgres } from './private-postgres';
import { freePort, onAbort, sleep, startWatchdog, waitFor } from './processes';

export type PgBouncer = {
  /** The app's DATABASE_URL through the pooler. */
  url: string;
  /** PgBouncer's own view (SHOW POOLS / SHOW STATS ...) through its admin console. */
  admin<T extends pg.QueryResultRow>(command: string): Promise<T[]>;
  output(): string;
  stop(): Promise<void>;
};

export function findPgBouncer(): string {
  const found = [process.env.PGBOUNCER_PATH, '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error('PgBouncer is not installed (Debian: apt-get install pgbouncer; or set PGBOUNCER_PATH). scripts/test.mjs installs it for the faults stage.');
  return found;
}

export async function startPgBouncer(database: PrivatePostgres, { poolSize = 20 }: { poolSize?: number } = {}): Promise<PgBouncer> {
  const executable = findPgBouncer();
  const port = await freePort();
  const config = path.join(database.dir, 'pgbouncer.ini');
  const users = path.join(database.dir, 'pgbouncer-users.txt');
  writeFileSync(users, '"postgres" ""\n');
  writeFileSync(
    config,
    [
      '[databases]',
      `postgres = host=127.0.0.1 port=${database.port} dbname=postgres`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${users}`,
      'admin_users = postgres',
      // Transaction pooling: a server connection belongs to a client only for one transaction.
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 500',
      // What node-postgres may send at start-up besides the parameters PgBouncer tracks itself.
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${path.join(database.dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  const isRoot = process.getuid?.() === 0;
  const [command, args] = isRoot ? ['runuser', ['-u', 'postgres', '--', executable, config]] : [executable, [config]];
  const child: ChildProcess = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (!pid) throw new Error('PgBouncer did not start');
  let output = '';
  let exited: string | null = null;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('exit', (code, signal) => (exited = signal ? `killed by ${signal}` : `exited with code ${code}`));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const unhook = onAbort(() => killGroup('SIGKILL'));
  startWatchdog({ processGroups: [pid] });

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const admin = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/pgbouncer`, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined);
    await client.connect();
    try {
      // The admin console speaks only the simple query protocol.
      return (await client.query<T>({ text, queryMode: 'simple' } as pg.QueryConfig)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const bouncer: PgBouncer = {
    url,
    admin,
    output: () => output,
    async stop() {
      unhook();
      if (exited) return;
      killGroup('SIGTERM');
      const deadline = Date.now() + 10_000;
      while (!exited && Date.now() < deadline) await sleep(100);
      if (!exited) killGroup('SIGKILL');
    },
  };
  try {
    await waitFor('PgBouncer to pass a query through', 30_000, async () => {
      if (exited) throw new Error(`PgBouncer ${exited}:\n${output}`);
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      client.on('error', () => undefined);
      await client.connect();
      try {
        return (await client.query('SELECT 1')).rowCount === 1 ? true : undefined;
      } finally {
        await client.end().catch(() => undefined);
      }
    }, 250);
  } catch (error) {
    await bouncer.stop();
    throw error;
  }
  return bouncer;
}
