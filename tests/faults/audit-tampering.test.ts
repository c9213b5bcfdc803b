// A database superuser tampers with the audit trail (the probe: the last 3 rows deleted, or a row rewritten and
// every hash after it recomputed, left `npm run audit:verify` saying "intact"). With signed checkpoints
// (lib/domain/audit-checkpoint.ts), the real commands against a private PostgreSQL: `audit:checkpoint` signs and
// exports, the superuser tampers (triggers bypassed, as a superuser can), and `audit:verify` must report a truncated
// tail, a recomputed tail and a removed checkpoint, naming the first row it can no longer vouch for.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHashPrefix, hashAuditEvent, type AuditContent } from '@/lib/domain/audit-chain';
import { migrate, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { bin, repoRoot } from './support/processes';

let server: PrivatePostgres | undefined;
let folder = '';
let keyFile = '';
let publicKey = '';
let caseCount = 0;

beforeAll(async () => {
  server = await startPrivatePostgres();
  await server.query('CREATE DATABASE base');
  await migrate(server.url.replace(/\/postgres$/, '/base'));
  folder = mkdtempSync(path.join(tmpdir(), 'regimen-audit-key-'));
  // A key of the test's own, in a file, as an operator would configure it (REGIMEN_AUDIT_KEY_FILE).
  const pair = generateKeyPairSync('ed25519');
  keyFile = path.join(folder, 'audit-signing-key.pem');
  writeFileSync(keyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });
  publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}, 240_000);

afterAll(async () => {
  await server?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 60_000);

/** A database of its own for one case, with the schema and nothing else. */
async function freshDatabase(): Promise<{ url: string; client: pg.Client }> {
  caseCount += 1;
  const name = `tamper_${caseCount}`;
  await server!.query(`CREATE DATABASE ${name} TEMPLATE base`);
  const url = server!.url.replace(/\/postgres$/, `/${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { url, client };
}

/** Appends rows as the app does (the database function finishes the hash the application started). */
async function appendRows(client: pg.Client, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const content: AuditContent = { at: new Date(), actorId: null, clinicId: null, action: 'test.row', entityType: 'Test', entityId: String(index), patientId: null, outcome: 'SUCCESS', ip: null, before: null, after: null };
    await client.query(`SELECT regimen_append_audit_event(($1::timestamptz AT TIME ZONE 'UTC')::timestamp(3), NULL, NULL, 'test.row', 'Test', $2, NULL, 'SUCCESS', NULL, NULL, NULL, $3)`, [
      content.at.toISOString(),
      String(index),
      auditHashPrefix(content),
    ]);
  }
}

async function lastId(client: pg.Client): Promise<number> {
  return Number((await client.query<{ id: string }>('SELECT max("id")::text AS "id" FROM "AuditEvent"')).rows[0]!.id);
}

type Run = { code: number; output: string };

/** One of the project's audit commands, as `npm run audit:...` runs it, against `url`. */
function command(script: 'audit-verify' | 'audit-checkpoint', url: string, args: string[] = [], env: Record<string, string> = { REGIMEN_AUDIT_KEY_FILE: keyFile }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(bin('tsx'), ['--conditions=react-server', `scripts/${script}.ts`, ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url, REGIMEN_QUIET_LOGS: '1', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** As a superuser can: with triggers off, the append-only tables can be changed. */
async function asSuperuser(client: pg.Client, statements: (client: pg.Client) => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  await client.query('SET LOCAL session_replication_role = replica');
  await statements(client);
  await client.query('COMMIT');
}

/**
 * A trail with two checkpoints: rows, checkpoint 1, more rows, checkpoint 2 exported to a file, then a few rows
 * after it. Answers what tampering needs: the rows each checkpoint covers, and the exported file.
 */
async function trailWithCheckpoints() {
  const { url, client } = await freshDatabase();
  await appendRows(client, 10);
  expect((await command('audit-checkpoint', url)).code).toBe(0);
  const firstCovered = await lastId(client);
  await appendRows(client, 10);
  const exportFile = path.join(folder, `checkpoint-${caseCount}.json`);
  const signed = await command('audit-checkpoint', url, ['--export', exportFile]);
  expect(signed.output).toContain('Signed checkpoint 2');
  const secondCovered = await lastId(client);
  return { url, client, firstCovered, secondCovered, exportFile };
}

describe('audit:verify with signed checkpoints', () => {
  it('an untouched trail is intact, and the public key is printed', async () => {
    const { url, client, exportFile } = await trailWithCheckpoints();
    await appendRows(client, 3);
    const verdict = await command('audit-verify', url, ['--checkpoint', exportFile]);
    expect(verdict.code).toBe(0);
    expect(verdict.output).toContain(`Audit signing key (Ed25519, public, base64 SPKI): ${publicKey}`);
    expect(verdict.output).toContain('Audit trail intact.');
    expect(verdict.output).toMatch(/the newest that holds is 2, up to row \d+; 3 rows after it/);
    // An auditor holds only the public key.
    expect((await command('audit-verify', url, ['--public-key', publicKey], {})).code).toBe(0);
    await client.end();
  });

  it('a truncated tail (the last 3 rows deleted) is reported, naming the first row it can no longer vouch for', async () => {
    const { url, client, firstCovered, secondCovered } = await trailWithCheckpoints();
    await asSuperuser(client, (c) => c.query('DELETE FROM "AuditEvent" WHERE "id" > $1', [secondCovered - 3]).then(() => undefined));
    const verdict = await command('audit-verify', url);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain('Hash chain: intact');
    expect(verdict.output).toContain(`PROBLEM: Checkpoint 2 vouches for the trail up to row ${secondCovered}, but the trail ends at row ${secondCovered - 3}: its tail was cut off.`);
    expect(verdict.output).toContain(`the first row it can no longer vouch for is row ${firstCovered + 1} (rows up to ${firstCovered} are as signed)`);
    await client.end();
  });

  it('a recomputed tail (a row rewritten, every hash after it recomputed) is reported', async () => {
    const { url, client, firstCovered, secondCovered } = await trailWithCheckpoints();
    const target = firstCovered + 4;
    await asSuperuser(client, async (c) => {
      const rows = (await c.query('SELECT * FROM "AuditEvent" WHERE "id" >= $1 ORDER BY "id"', [target])).rows as Array<AuditContent & { id: string; prevHash: string }>;
      let prevHash = rows[0]!.prevHash;
      for (const row of rows) {
        const content = { ...row, action: Number(row.id) === target ? 'test.rewritten' : row.action };
        const hash = hashAuditEvent(content, prevHash);
        await c.query('UPDATE "AuditEvent" SET "action" = $2, "prevHash" = $3, "hash" = $4 WHERE "id" = $1', [row.id, content.action, prevHash, hash]);
        prevHash = hash;
      }
    });
    const verdict = await command('audit-verify', url);
    expect(verdict.code).toBe(1);
    // The chain alone sees nothing: that was the probe's finding.
    expect(verdict.output).toContain('Hash chain: intact');
    expect(verdict.output).toContain(`PROBLEM: Row ${secondCovered} no longer has the hash checkpoint 2 signed`);
    expect(verdict.output).toContain(`the first row it can no longer vouch for is row ${firstCovered + 1}`);
    await client.end();
  });

  it('a removed checkpoint is reported: from the middle by the gap, the newest by the exported copy', async () => {
    const { url, client, firstCovered, secondCovered, exportFile } = await trailWithCheckpoints();
    // The newest checkpoint and the rows it alone covered are removed together: the database looks consistent...
    await asSuperuser(client, async (c) => {
      await c.query('DELETE FROM "AuditCheckpoint" WHERE "seq" = 2');
      await c.query('DELETE FROM "AuditEvent" WHERE "id" > $1', [firstCovered + 5]);
    });
    expect((await command('audit-verify', url)).code).toBe(0);
    // ...but not to the copy kept outside it.
    const verdict = await command('audit-verify', url, ['--checkpoint', exportFile]);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain('PROBLEM: Checkpoint 2 is missing from the database: removed.');
    expect(verdict.output).toContain(`PROBLEM: Checkpoint 2 vouches for the trail up to row ${secondCovered}, but the trail ends at row ${firstCovered + 5}: its tail was cut off.`);
    expect(verdict.output).toContain(`the first row it can no longer vouch for is row ${firstCovered + 1}`);

    // A checkpoint removed from the middle leaves a gap in the numbers, export or not.
    const other = await trailWithCheckpoints();
    await appendRows(other.client, 2);
    expect((await command('audit-checkpoint', other.url)).output).toContain('Signed checkpoint 3');
    await asSuperuser(other.client, (c) => c.query('DELETE FROM "AuditCheckpoint" WHERE "seq" = 2').then(() => undefined));
    const gap = await command('audit-verify', other.url);
    expect(gap.code).toBe(1);
    expect(gap.output).toContain('PROBLEM: Checkpoint 2 is missing from the database: removed.');
    await client.end();
    await other.client.end();
  });

  it('a checkpoint forged without the key does not verify', async () => {
    const { url, client } = await trailWithCheckpoints();
    const forger = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await appendRows(client, 2);
    // Signed with another key, as anyone with the database but not the key would have to.
    expect((await command('audit-checkpoint', url, [], { REGIMEN_AUDIT_SIGNING_KEY: forger })).code).toBe(0);
    const verdict = await command('audit-verify', url);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain('PROBLEM: Checkpoint 3 in the database is not signed by this key: it was altered or forged.');
    await client.end();
  });
});
