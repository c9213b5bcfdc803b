// `npm test`: every check the project has, in order: types, lint, unit, integration (real PostgreSQL),
// end-to-end (Chromium against a production build), faults (the app against a PostgreSQL the tests stop and
// kill). `node scripts/test.mjs <stage>` runs one stage.
// PostgreSQL: the server in DATABASE_URL when set (each run gets fresh databases on it), else an
// embedded PGlite started here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { bin, createFreshDatabase, dropDatabase, prepareDatabase, root, run, startEmbeddedPostgres } from './lib/database.mjs';

const STAGES = ['static', 'unit', 'integration', 'e2e', 'faults'];
const only = process.argv[2];
if (only && !STAGES.includes(only)) {
  console.error(`Unknown stage "${only}". Stages: ${STAGES.join(', ')}`);
  process.exit(2);
}
const stages = only ? [only] : STAGES;
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', REGIMEN_QUIET_LOGS: '1' };
const cleanups = [];

async function withDatabase(label, body) {
  if (process.env.DATABASE_URL) {
    const name = `regimen_${label}_${process.pid}`;
    const url = await createFreshDatabase(process.env.DATABASE_URL, name);
    cleanups.push(() => dropDatabase(process.env.DATABASE_URL, name));
    return body({ DATABASE_URL: url });
  }
  const embedded = await startEmbeddedPostgres();
  cleanups.push(() => embedded.stop());
  return body({ DATABASE_URL: embedded.url, DATABASE_POOL_MAX: embedded.poolMax, REGIMEN_EMBEDDED_DB: '1' });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The first of `candidates` that exists, else Debian's `pkg` installed when we are root, else a clear stop. */
function ensureTool({ name, candidates, pkg, why }) {
  const find = () => candidates.filter(Boolean).find((candidate) => existsSync(candidate));
  const found = find();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`${name} is missing: installing Debian's ${pkg} package...`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = find();
    if (installed) return installed;
  }
  console.error(`${why} Install it with:\n  sudo apt-get update && sudo apt-get install -y ${pkg}\nthen run npm test again.`);
  process.exit(1);
}

const ensureChromium = () =>
  ensureTool({ name: 'Chromium', candidates: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'], pkg: 'chromium', why: 'The end-to-end tests need Chromium (or set CHROMIUM_PATH).' });

/** pdftoppm renders the printed programme's pages in the integration tests. */
const ensurePdftoppm = () =>
  ensureTool({ name: 'pdftoppm', candidates: [process.env.PDFTOPPM_PATH, '/usr/bin/pdftoppm'], pkg: 'poppler-utils', why: 'The integration tests render PDF pages with pdftoppm (poppler-utils).' });

/** PgBouncer: the faults stage runs the app behind one in transaction mode (tests/faults/pgbouncer.test.ts). */
const ensurePgBouncer = () =>
  ensureTool({ name: 'PgBouncer', candidates: [process.env.PGBOUNCER_PATH, '/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'], pkg: 'pgbouncer', why: 'The fault tests run the app behind PgBouncer.' });

async function main() {
  // The Prisma client is generated code (git-ignored); every stage needs it. generate reads no database.
  await run(bin('prisma'), ['generate'], { env: { ...baseEnv, DATABASE_URL: baseEnv.DATABASE_URL ?? 'postgresql://localhost/unused' }, quiet: true });

  for (const stage of stages) {
    console.log(`\n=== ${stage} ===`);
    switch (stage) {
      case 'static':
        await run(bin('next'), ['typegen'], { env: baseEnv, quiet: true });
        await run(bin('tsc'), ['--noEmit'], { env: baseEnv });
        await run(bin('eslint'), ['.', '--max-warnings=0'], { env: baseEnv });
        console.log('Types and lint: clean.');
        break;
      case 'unit':
        await run(bin('vitest'), ['run', '--project', 'unit'], { env: baseEnv });
        break;
      case 'integration': {
        const pdftoppm = ensurePdftoppm();
        await withDatabase('integration', async (dbEnv) => {
          await prepareDatabase(dbEnv.DATABASE_URL);
          await run(bin('vitest'), ['run', '--project', 'integration'], { env: { ...baseEnv, ...dbEnv, PDFTOPPM_PATH: pdftoppm } });
        });
        break;
      }
      case 'e2e': {
        const chromium = ensureChromium();
        // A free port, so a server left running elsewhere on the machine cannot stop the run.
        const port = await freePort();
        await withDatabase('e2e', async (dbEnv) => {
          const env = {
            ...baseEnv,
            ...dbEnv,
            CHROMIUM_PATH: chromium,
            NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production',
            E2E_PORT: String(port),
            NEXTAUTH_URL: `http://localhost:${port}`,
            // The tests play the reverse proxy: they say which address each simulated user comes from in
            // X-Forwarded-For (the sign-in throttle counts per address), so the server trusts one hop.
            REGIMEN_TRUSTED_PROXY_HOPS: '1',
          };
          await prepareDatabase(dbEnv.DATABASE_URL);
          await run(bin('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env, quiet: true });
          console.log('Building for production...');
          await run(bin('next'), ['build'], { env, quiet: true });
          await run(bin('playwright'), ['test'], { env });
        });
        break;
      }
      case 'faults': {
        // The fault tests start their own PostgreSQL in a temporary folder and the production build
        // against it; they need no database from here, only a build.
        const distDir = process.env.REGIMEN_DIST_DIR ?? '.next';
        if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
          console.log('Building for production...');
          await run(bin('next'), ['build'], { env: { ...baseEnv, DATABASE_URL: 'postgresql://localhost/unused' }, quiet: true });
        }
        const pgbouncer = ensurePgBouncer();
        await run(bin('vitest'), ['run', '--config', 'tests/faults/vitest.config.ts'], { env: { ...baseEnv, REGIMEN_DIST_DIR: distDir, PGBOUNCER_PATH: pgbouncer } });
        break;
      }
      default:
        throw new Error(`unhandled stage ${stage}`);
    }
  }
}

let exitCode = 0;
try {
  await main();
  console.log('\nAll test stages passed.');
} catch (error) {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
process.exit(exitCode);
