// A database superuser tampers with the audit trail (the probe: the last 3 rows deleted, or a row rewritten and
// every hash after it recomputed, left `npm run audit:verify` saying "intact"). With signed checkpoints
// (lib/domain/audit-checkpoint.ts), the real commands against a private PostgreSQL: `audit:checkpoint` signs and
// exports, the superuser tampers (triggers bypassed, as a superuser can), and `audit:verify` must report a truncated
// tail, a recomputed tail and a removed checkpoint, naming the clinic whose chain it is and the first row it can no
// longer vouch for, while every other clinic's chain still verifies. And the cut-over: a trail written as one chain
// before the per-clinic chains still verifies after the migration, and cutting its tail shows.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHashPrefix, chainGenesisHash, hashAuditEvent, NO_CLINIC_CHAIN, type AuditContent } from '@/lib/domain/audit-chain';
import { CHECKPOINT_GENESIS, checkpointStatement, signStatement } from '@/lib/domain/audit-checkpoint';
import { migrate, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { bin, repoRoot } from './support/processes';

const PER_CLINIC_MIGRATION = '20261127114052_audit_chains_per_clinic';
const HARBOR = { id: 'charbor000000000000000001', name: 'Harbor Spine & Rehab' };
const SUMMIT = { id: 'csummit000000000000000001', name: 'Summit Physio' };
const harbor = `${HARBOR.name} (clinic ${HARBOR.id})`;
const summit = `${SUMMIT.name} (clinic ${SUMMIT.id})`;
const noClinic = 'Rows with no clinic';
const singleChain = 'The single chain from before the cut-over';

let server: PrivatePostgres | undefined;
let folder = '';
let keyFile = '';
let privateKey: KeyObject;
let publicKey = '';
let caseCount = 0;

beforeAll(async () => {
  server = await startPrivatePostgres();
  await server.query('CREATE DATABASE base');
  await migrate(server.url.replace(/\/postgres$/, '/base'));
  folder = mkdtempSync(path.join(tmpdir(), 'regimen-audit-key-'));
  // A key of the test's own, in a file, as an operator would configure it (REGIMEN_AUDIT_KEY_FILE).
  const pair = generateKeyPairSync('ed25519');
  privateKey = pair.privateKey;
  keyFile = path.join(folder, 'audit-signing-key.pem');
  writeFileSync(keyFile, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });
  publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}, 240_000);

afterAll(async () => {
  await server?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 60_000);

const urlOf = (name: string) => server!.url.replace(/\/postgres$/, `/${name}`);

async function connect(name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: urlOf(name) });
  // A case that fails leaves its connection open until the server is destroyed: that is no news.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A database of its own for one case, made from `template`, with two clinics. */
async function freshDatabase(template = 'base'): Promise<{ url: string; client: pg.Client }> {
  caseCount += 1;
  const name = `tamper_${caseCount}`;
  await server!.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const client = await connect(name);
  if (template === 'base') {
    for (const clinic of [HARBOR, SUMMIT]) await client.query('INSERT INTO "Clinic" ("id", "name") VALUES ($1, $2)', [clinic.id, clinic.name]);
  }
  return { url: urlOf(name), client };
}

/** Appends one row as the app does (the database function finishes the hash the application started). */
async function appendRow(client: pg.Client, clinicId: string | null, entityId: string): Promise<void> {
  const content: AuditContent = { at: new Date(), actorId: null, clinicId, action: 'test.row', entityType: 'Test', entityId, patientId: null, outcome: 'SUCCESS', ip: null, before: null, after: null };
  await client.query(`SELECT regimen_append_audit_event(($1::timestamptz AT TIME ZONE 'UTC')::timestamp(3), NULL, $2, 'test.row', 'Test', $3, NULL, 'SUCCESS', NULL, NULL, NULL, $4)`, [
    content.at.toISOString(),
    clinicId,
    entityId,
    auditHashPrefix(content),
  ]);
}

/** `rounds` rows for each of Harbor, Summit and no clinic, interleaved as their users' writes would be. */
async function appendMixed(client: pg.Client, rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    for (const clinicId of [HARBOR.id, SUMMIT.id, null]) await appendRow(client, clinicId, `row${round}`);
  }
}

/** The ids of a chain's rows (null: the single chain from before the cut-over), in order. */
async function idsOf(client: pg.Client, chain: string | null): Promise<number[]> {
  const { rows } = await client.query<{ id: string }>('SELECT "id"::text AS "id" FROM "AuditEvent" WHERE "chain" IS NOT DISTINCT FROM $1 ORDER BY "AuditEvent"."id"', [chain]);
  return rows.map((row) => Number(row.id));
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
async function asSuperuser(client: pg.Client, statements: (client: pg.Client) => Promise<unknown>): Promise<void> {
  await client.query('BEGIN');
  await client.query('SET LOCAL session_replication_role = replica');
  await statements(client);
  await client.query('COMMIT');
}

/**
 * A trail of three chains (Harbor, Summit, no clinic) with two checkpoints each: rows, checkpoint 1, more rows,
 * checkpoint 2 exported to a file. Answers what tampering needs: Harbor's rows and the last row each checkpoint
 * of Harbor covers, and the exported file.
 */
async function trailWithCheckpoints() {
  const { url, client } = await freshDatabase();
  await appendMixed(client, 10);
  const first = await command('audit-checkpoint', url);
  expect(first.code).toBe(0);
  expect(first.output).toContain(`Signed checkpoint 1 of ${harbor}: up to row`);
  const firstCovered = (await idsOf(client, HARBOR.id)).at(-1)!;
  await appendMixed(client, 10);
  const exportFile = path.join(folder, `checkpoint-${caseCount}.json`);
  const signed = await command('audit-checkpoint', url, ['--export', exportFile]);
  for (const chain of [harbor, summit, noClinic]) expect(signed.output).toContain(`Signed checkpoint 2 of ${chain}`);
  expect(signed.output).toContain('Exported the newest checkpoint of 3 chains');
  const harborRows = await idsOf(client, HARBOR.id);
  const secondCovered = harborRows.at(-1)!;
  const afterFirst = harborRows.find((id) => id > firstCovered)!;
  return { url, client, firstCovered, secondCovered, afterFirst, harborRows, exportFile };
}

/** Every chain but Harbor's verifies, in the same report. */
function expectOthersIntact(output: string) {
  for (const chain of [summit, noClinic]) {
    expect(output).toMatch(new RegExp(`${chain.replace(/[()&]/g, '\\$&')}: hash chain intact, \\d+ rows; checkpoints: \\d+ checked.*, the newest that holds is`));
    expect(output).not.toContain(`PROBLEM: ${chain}`);
  }
  expect(output).toContain('Audit trail NOT intact: 1 of 3 chains.');
}

describe('audit:verify with signed checkpoints, chain by chain', () => {
  it('an untouched trail is intact, each clinic named, and the public key is printed', async () => {
    const { url, client, exportFile } = await trailWithCheckpoints();
    await appendMixed(client, 1);
    const verdict = await command('audit-verify', url, ['--checkpoint', exportFile]);
    expect(verdict.code).toBe(0);
    expect(verdict.output).toContain(`Audit signing key (Ed25519, public, base64 SPKI): ${publicKey}`);
    expect(verdict.output).toContain('Chains: 2 clinics and rows with no clinic;');
    expect(verdict.output).toMatch(new RegExp(`${HARBOR.name} \\(clinic ${HARBOR.id}\\): hash chain intact, 21 rows; checkpoints: 2 checked \\(one from .*\\), the newest that holds is 2, up to row \\d+; 1 rows after it\\.`));
    expect(verdict.output).toContain(`${noClinic}: hash chain intact, 21 rows;`);
    expect(verdict.output).toContain('Audit trail intact.');
    // An auditor holds only the public key; one clinic's auditor can check that clinic's chain alone.
    expect((await command('audit-verify', url, ['--public-key', publicKey], {})).code).toBe(0);
    const one = await command('audit-verify', url, ['--public-key', publicKey, '--clinic', SUMMIT.id], {});
    expect(one.code).toBe(0);
    expect(one.output).toContain(`${summit}: hash chain intact`);
    expect(one.output).not.toContain(harbor);
    await client.end();
  });

  it("a truncated tail (Harbor's last 3 rows deleted) is reported for Harbor, naming the first row it can no longer vouch for", async () => {
    const { url, client, firstCovered, secondCovered, afterFirst, harborRows } = await trailWithCheckpoints();
    const endsAt = harborRows.at(-4)!;
    await asSuperuser(client, (c) => c.query('DELETE FROM "AuditEvent" WHERE "chain" = $1 AND "id" > $2', [HARBOR.id, endsAt]));
    const verdict = await command('audit-verify', url);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(`${harbor}: hash chain intact, 17 rows`);
    expect(verdict.output).toContain(`PROBLEM: ${harbor}: Checkpoint 2 vouches for the chain up to row ${secondCovered}, but the chain ends at row ${endsAt}: its tail was cut off.`);
    expect(verdict.output).toContain(`${harbor}: the first row it can no longer vouch for is row ${afterFirst} (rows up to ${firstCovered} are as signed).`);
    expectOthersIntact(verdict.output);
    await client.end();
  });

  it("a recomputed tail (a Harbor row rewritten, every hash after it in Harbor's chain recomputed) is reported for Harbor", async () => {
    const { url, client, firstCovered, secondCovered, afterFirst, harborRows } = await trailWithCheckpoints();
    const target = harborRows[harborRows.indexOf(afterFirst) + 3]!;
    await asSuperuser(client, async (c) => {
      const rows = (await c.query('SELECT * FROM "AuditEvent" WHERE "chain" = $1 AND "id" >= $2 ORDER BY "id"', [HARBOR.id, target])).rows as Array<AuditContent & { id: string; prevHash: string }>;
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
    expect(verdict.output).toContain(`${harbor}: hash chain intact`);
    expect(verdict.output).toContain(`PROBLEM: ${harbor}: Row ${secondCovered} no longer has the hash checkpoint 2 signed`);
    expect(verdict.output).toContain(`${harbor}: the first row it can no longer vouch for is row ${afterFirst} (rows up to ${firstCovered} are as signed).`);
    expectOthersIntact(verdict.output);
    await client.end();
  });

  it('a row edited in place breaks its clinic\'s chain at that row', async () => {
    const { url, client, harborRows } = await trailWithCheckpoints();
    const target = harborRows[4]!;
    await asSuperuser(client, (c) => c.query(`UPDATE "AuditEvent" SET "action" = 'test.edited' WHERE "id" = $1`, [target]));
    const verdict = await command('audit-verify', url);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(`${harbor}: hash chain BROKEN after 4 intact rows`);
    expect(verdict.output).toContain(`PROBLEM: ${harbor}: The hash chain is broken at row ${target}: its content does not match its hash.`);
    expect(verdict.output).toContain(`${harbor}: the first row it can no longer vouch for is row ${target}`);
    expectOthersIntact(verdict.output);
    await client.end();
  });

  it("a removed checkpoint is reported for its clinic: from the middle by the gap, the newest by the exported copy", async () => {
    const { url, client, firstCovered, secondCovered, afterFirst, harborRows, exportFile } = await trailWithCheckpoints();
    const keptUpTo = harborRows[harborRows.indexOf(afterFirst) + 4]!;
    // Harbor's newest checkpoint and the rows it alone covered are removed together: the database looks consistent...
    await asSuperuser(client, async (c) => {
      await c.query('DELETE FROM "AuditChainCheckpoint" WHERE "chain" = $1 AND "seq" = 2', [HARBOR.id]);
      await c.query('DELETE FROM "AuditEvent" WHERE "chain" = $1 AND "id" > $2', [HARBOR.id, keptUpTo]);
    });
    expect((await command('audit-verify', url)).code).toBe(0);
    // ...but not to the copy kept outside it.
    const verdict = await command('audit-verify', url, ['--checkpoint', exportFile]);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(`PROBLEM: ${harbor}: Checkpoint 2 is missing from the database: removed.`);
    expect(verdict.output).toContain(`PROBLEM: ${harbor}: Checkpoint 2 vouches for the chain up to row ${secondCovered}, but the chain ends at row ${keptUpTo}: its tail was cut off.`);
    expect(verdict.output).toContain(`${harbor}: the first row it can no longer vouch for is row ${afterFirst} (rows up to ${firstCovered} are as signed).`);
    expectOthersIntact(verdict.output);

    // A checkpoint removed from the middle leaves a gap in the clinic's numbers, export or not.
    const other = await trailWithCheckpoints();
    await appendMixed(other.client, 2);
    expect((await command('audit-checkpoint', other.url)).output).toContain(`Signed checkpoint 3 of ${harbor}`);
    await asSuperuser(other.client, (c) => c.query('DELETE FROM "AuditChainCheckpoint" WHERE "chain" = $1 AND "seq" = 2', [HARBOR.id]));
    const gap = await command('audit-verify', other.url);
    expect(gap.code).toBe(1);
    expect(gap.output).toContain(`PROBLEM: ${harbor}: Checkpoint 2 is missing from the database: removed.`);
    expectOthersIntact(gap.output);
    await client.end();
    await other.client.end();
  });

  it("a clinic's whole chain removed, rows and checkpoints, shows against the exported copy", async () => {
    const { url, client, exportFile } = await trailWithCheckpoints();
    await asSuperuser(client, async (c) => {
      await c.query('DELETE FROM "AuditChainCheckpoint" WHERE "chain" = $1', [HARBOR.id]);
      await c.query('DELETE FROM "AuditEvent" WHERE "chain" = $1', [HARBOR.id]);
    });
    const verdict = await command('audit-verify', url, ['--checkpoint', exportFile]);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(`PROBLEM: ${harbor}: Checkpoints 1, 2 are missing from the database: removed.`);
    expect(verdict.output).toMatch(new RegExp(`PROBLEM: ${harbor.replace(/[()&]/g, '\\$&')}: Checkpoint 2 vouches for the chain up to row \\d+, but the chain is empty: its tail was cut off.`));
    expectOthersIntact(verdict.output);
    await client.end();
  });

  it('a checkpoint forged without the key does not verify', async () => {
    const { url, client } = await trailWithCheckpoints();
    const forger = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await appendRow(client, HARBOR.id, 'after');
    // Signed with another key, as anyone with the database but not the key would have to.
    expect((await command('audit-checkpoint', url, [], { REGIMEN_AUDIT_SIGNING_KEY: forger })).code).toBe(0);
    const verdict = await command('audit-verify', url);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(`PROBLEM: ${harbor}: Checkpoint 3 in the database is not signed by this key: it was altered or forged.`);
    expectOthersIntact(verdict.output);
    await client.end();
  });
});

describe('the cut-over from one chain to per-clinic chains', () => {
  /**
   * A database as it was before the per-clinic chains: every migration up to it (each sent as one script, as
   * prisma.config.ts does), 12 rows appended by the old function as one chain, and a checkpoint of that time
   * (version 1) at row 10, in the database and exported. Then the migration, and rows of each clinic after it.
   */
  async function trailAcrossTheCutover() {
    caseCount += 1;
    const name = `cutover_${caseCount}`;
    await server!.query(`CREATE DATABASE ${name}`);
    const client = await connect(name);
    const migrations = readdirSync(path.join(repoRoot, 'prisma', 'migrations')).filter((entry) => /^\d{14}_/.test(entry)).sort();
    const script = (migration: string) => readFileSync(path.join(repoRoot, 'prisma', 'migrations', migration, 'migration.sql'), 'utf8');
    for (const migration of migrations.filter((entry) => entry < PER_CLINIC_MIGRATION)) await client.query(script(migration));
    for (const clinic of [HARBOR, SUMMIT]) await client.query('INSERT INTO "Clinic" ("id", "name") VALUES ($1, $2)', [clinic.id, clinic.name]);
    for (let index = 0; index < 12; index += 1) await appendRow(client, [HARBOR.id, SUMMIT.id, null][index % 3]!, `before${index}`);
    const single = (await client.query<{ id: string; hash: string }>('SELECT "id"::text AS "id", "hash" FROM "AuditEvent" ORDER BY "AuditEvent"."id"')).rows;
    const statement = checkpointStatement({ chain: null, seq: 1, at: new Date().toISOString(), lastEventId: single[9]!.id, lastHash: single[9]!.hash, prev: CHECKPOINT_GENESIS });
    const signature = signStatement(statement, privateKey);
    await client.query('INSERT INTO "AuditCheckpoint" ("seq", "lastEventId", "lastHash", "statement", "signature", "publicKey") VALUES (1, $1, $2, $3, $4, $5)', [single[9]!.id, single[9]!.hash, statement, signature, publicKey]);
    const singleExport = path.join(folder, `single-chain-${caseCount}.json`);
    writeFileSync(singleExport, JSON.stringify({ format: 'regimen-audit-checkpoint/1', seq: 1, statement, signature, publicKey }));

    await client.query(script(PER_CLINIC_MIGRATION));
    await appendMixed(client, 3);
    return { url: urlOf(name), client, single, singleExport };
  }

  it('the single chain still verifies as it was written, each clinic chains on from the cut-over, and every later row is per clinic', async () => {
    const { url, client, single, singleExport } = await trailAcrossTheCutover();
    const cutover = (await client.query<{ lastLegacyEventId: string; lastLegacyHash: string }>('SELECT "lastLegacyEventId"::text AS "lastLegacyEventId", "lastLegacyHash" FROM "AuditChainCutover"')).rows[0]!;
    expect(cutover).toEqual({ lastLegacyEventId: single[11]!.id, lastLegacyHash: single[11]!.hash });
    // Each clinic's first row links to its genesis, made from the clinic and the single chain's end.
    const firstOfHarbor = (await client.query<{ prevHash: string }>('SELECT "prevHash" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "id" LIMIT 1', [HARBOR.id])).rows[0]!;
    expect(firstOfHarbor.prevHash).toBe(chainGenesisHash(HARBOR.id, cutover));
    expect(await idsOf(client, null)).toEqual(single.map((row) => Number(row.id)));
    // The single chain's checkpoints are closed: a process still running the old code cannot add one.
    await expect(client.query(`INSERT INTO "AuditCheckpoint" ("seq", "lastEventId", "lastHash", "statement", "signature", "publicKey") VALUES (2, 1, 'x', 'x', 'x', 'x')`)).rejects.toThrow(/closed at the cut-over/);

    expect((await command('audit-checkpoint', url)).code).toBe(0);
    for (const args of [[], ['--checkpoint', singleExport]]) {
      const verdict = await command('audit-verify', url, args);
      expect(verdict.code, verdict.output).toBe(0);
      expect(verdict.output).toContain(`the single chain ending at row ${single[11]!.id}.`);
      expect(verdict.output).toContain(`${singleChain}: hash chain intact, 12 rows; checkpoints: 1 checked${args.length ? ` (one from ${singleExport})` : ''}, the newest that holds is 1, up to row ${single[9]!.id}; 2 rows after it.`);
      for (const chain of [harbor, summit, noClinic]) expect(verdict.output).toContain(`${chain}: hash chain intact, 3 rows; checkpoints: 1 checked, the newest that holds is 1`);
      expect(verdict.output).toContain('Audit trail intact.');
    }
    await client.end();
  });

  it("the single chain's tail cut after the cut-over shows; so does the cut-over record rewritten to match, in every clinic's chain", async () => {
    const { url, client, single } = await trailAcrossTheCutover();
    await asSuperuser(client, (c) => c.query('DELETE FROM "AuditEvent" WHERE "id" = $1', [single[11]!.id]));
    const cut = await command('audit-verify', url);
    expect(cut.code).toBe(1);
    expect(cut.output).toContain(`PROBLEM: ${singleChain}: The single chain ended at row ${single[11]!.id} at the cut-over, but now ends at row ${single[10]!.id}: its tail was cut off.`);
    expect(cut.output).toContain(`${singleChain}: the first row it can no longer vouch for is row ${single[10]!.id} (rows up to ${single[9]!.id} are as signed).`);
    expect(cut.output).toContain('Audit trail NOT intact: 1 of 4 chains.');

    // The superuser makes the cut-over record agree with the cut: then no clinic's chain starts where it did.
    await asSuperuser(client, (c) => c.query('UPDATE "AuditChainCutover" SET "lastLegacyEventId" = $1, "lastLegacyHash" = $2', [single[10]!.id, single[10]!.hash]));
    const rewritten = await command('audit-verify', url);
    expect(rewritten.code).toBe(1);
    expect(rewritten.output).not.toContain(`PROBLEM: ${singleChain}`);
    for (const chain of [HARBOR.id, SUMMIT.id, NO_CLINIC_CHAIN]) {
      const first = (await idsOf(client, chain))[0]!;
      const label = chain === HARBOR.id ? harbor : chain === SUMMIT.id ? summit : noClinic;
      expect(rewritten.output).toContain(`PROBLEM: ${label}: The hash chain is broken at row ${first}: it does not link to the row before it.`);
    }
    expect(rewritten.output).toContain('Audit trail NOT intact: 3 of 4 chains.');
    await client.end();
  });
});
