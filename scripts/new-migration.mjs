// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
// SQL that takes the schema as of the newest migration to prisma/schema.prisma as it is now.
// Offline on these machines: `prisma migrate dev` needs a shadow database the Wasm engine cannot manage
// here, so we diff two schema files instead (no database needed) and review the SQL by hand.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bin, root } from './lib/database.mjs';

const name = (process.argv[2] ?? '').trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:new-migration -- <name_in_snake_case>');
  process.exit(2);
}
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const lastMigrationCommit = git('log', '-1', '--format=%H', '--', 'prisma/migrations');
const scratch = mkdtempSync(path.join(tmpdir(), 'regimen-migration-'));
const previousSchema = path.join(scratch, 'previous.prisma');
writeFileSync(previousSchema, git('show', `${lastMigrationCommit}:prisma/schema.prisma`));

// The CLI wants a DATABASE_URL to load prisma.config.ts; schema-to-schema diffs never connect to it.
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' };
const sql = execFileSync(bin('prisma'), ['migrate', 'diff', '--from-schema-datamodel', previousSchema, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], { cwd: root, env, encoding: 'utf8' });
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.log('prisma/schema.prisma matches the newest migration: nothing to write.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'migration.sql'), sql);
console.log(`Wrote ${path.relative(root, folder)}/migration.sql. Review it, then run npm test (it applies every migration to a fresh database).`);
