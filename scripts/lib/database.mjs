// Finding or starting the PostgreSQL the project runs on, shared by the demo, test and bench scripts.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/**
 * Starts an embedded PostgreSQL (PGlite, compiled to Wasm) served over the wire protocol on 127.0.0.1.
 * `dataDir` undefined keeps the data in memory. PGlite is a single backend that queues every
 * connection's queries, so the app is told to use a pool of one (DATABASE_POOL_MAX=1).
 */
export async function startEmbeddedPostgres({ dataDir, port = 0 } = {}) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 64 });
  await server.start();
  const [, actualPort] = server.getServerConn().split(':');
  const url = `postgresql://postgres:postgres@127.0.0.1:${actualPort}/postgres?sslmode=disable`;
  let isStopped = false;
  return {
    url,
    poolMax: '1',
    async stop() {
      if (isStopped) return;
      isStopped = true;
      await server.stop();
      await db.close();
    },
  };
}

/** Creates a fresh, empty database on the server `baseUrl` points at and returns its URL. */
export async function createFreshDatabase(baseUrl, name) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(baseUrl, name) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs a command from node_modules/.bin (or any command) and resolves when it exits 0. */
export function run(command, args, { env = process.env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else {
        if (quiet) process.stderr.write(output);
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
      }
    });
  });
}

export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Generates the Prisma client (git-ignored code every build and script imports). It reads no database. */
export async function generateClient() {
  const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' };
  await run(bin('prisma'), ['generate'], { env, quiet: true });
}

/** Generates the Prisma client and applies every migration to `databaseUrl`. */
export async function prepareDatabase(databaseUrl) {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  await run(bin('prisma'), ['generate'], { env, quiet: true });
  await run(bin('prisma'), ['migrate', 'deploy'], { env, quiet: true });
}
