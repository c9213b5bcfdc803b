// `npm run demo`: database (embedded unless DATABASE_URL is set), migrations, demo data, production build,
// then the app on http://localhost:3000 (PORT overrides). Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { bin, prepareDatabase, root, run, startEmbeddedPostgres } from './lib/database.mjs';

const port = process.env.PORT ?? '3000';
const dataDir = path.join(root, '.data');
mkdirSync(dataDir, { recursive: true });

let embedded = null;
let app = null;
let isStopping = false;

async function stop(code = 0) {
  if (isStopping) return;
  isStopping = true;
  if (app && app.exitCode === null) {
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
  }
  if (embedded) await embedded.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function secret() {
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

try {
  let databaseUrl = process.env.DATABASE_URL;
  let poolMax = process.env.DATABASE_POOL_MAX;
  if (!databaseUrl) {
    console.log('No DATABASE_URL: starting the embedded PostgreSQL (data in .data/pglite)...');
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite') });
    databaseUrl = embedded.url;
    poolMax = embedded.poolMax;
  }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ...(poolMax ? { DATABASE_POOL_MAX: poolMax } : {}),
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  console.log('Applying database migrations...');
  await prepareDatabase(databaseUrl);
  console.log('Loading demo data (only the first time)...');
  await run(bin('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env });
  console.log('Building the app for production (takes a minute or two)...');
  await run(bin('next'), ['build'], { env, quiet: true });
  app = spawn(process.execPath, ['scripts/serve.mjs', '-p', String(port)], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  app.stdout.on('data', (chunk) => {
    const text = String(chunk);
    if (text.includes('Ready')) {
      console.log(`
Regimen is running at http://localhost:${port}

Demo sign-ins (password for all: demo-password)
  Harbor Spine & Rehab   admin@harbor.test      clinic admin
                         therapist@harbor.test  physical therapist
                         surgeon@harbor.test    spine surgeon
                         patient@harbor.test    patient (Sam Rivera)
  Summit Physio          therapist@summit.test  physical therapist
                         patient@summit.test    patient

Press Ctrl-C to stop.`);
    }
  });
  app.on('exit', (code) => void stop(code ?? 0));
} catch (error) {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
