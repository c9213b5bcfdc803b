// Runs a command against the project's database: DATABASE_URL when set, else the demo's embedded
// PostgreSQL in .data/pglite (started for the command, stopped after). Used by audit:verify and db:migrate.
import path from 'node:path';
import { bin, root, run, startEmbeddedPostgres } from './lib/database.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: node scripts/with-db.mjs <command> [args...]');
  process.exit(2);
}
let embedded = null;
let exitCode = 0;
try {
  let env = { ...process.env };
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(root, '.data', 'pglite') });
    env = { ...env, DATABASE_URL: embedded.url, DATABASE_POOL_MAX: embedded.poolMax };
  }
  await run(bin(command), args, { env });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  if (embedded) await embedded.stop();
}
process.exit(exitCode);
