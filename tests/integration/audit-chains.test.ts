// The audit trail chained per clinic (migration 20261127114052_audit_chains_per_clinic): each clinic's rows link to
// that clinic's previous row, and appending locks only the row's own chain, so audited writes of different clinics
// never wait for each other. Shown with PostgreSQL's own lock table, not with clocks: one connection holds a
// clinic's chain lock in an open transaction; another clinic's audited write completes meanwhile, and a write of
// the same clinic is seen waiting on exactly that connection until it commits.
import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditChainOf, hashAuditEvent, NO_CLINIC_CHAIN, verifyAuditChains, type AuditContent } from '@/lib/domain/audit-chain';
import { publicKeyText } from '@/lib/server/audit/audit-signing-key';
import { recordAudit, type AuditEntry, type AuditWriter } from '@/lib/server/audit/record-audit';
import { verifyAuditTrail } from '@/lib/server/audit/verify-audit-trail';
import { writeAuditCheckpoints } from '@/lib/server/audit/write-audit-checkpoints';
import { db } from '@/lib/server/db';
import { createClinic, unique } from '@/prisma/factories';
import { migrate, startPrivatePostgres, type PrivatePostgres } from '../faults/support/private-postgres';

// The embedded database (PGlite) is one backend that runs one transaction at a time: nothing there can show two
// transactions not waiting for each other. With it, the lock tests use a private PostgreSQL server of their own.
const isEmbeddedDb = process.env.REGIMEN_EMBEDDED_DB === '1';
let privateServer: PrivatePostgres | undefined;
let serverUrl = process.env.DATABASE_URL!;
const clients: pg.Client[] = [];

beforeAll(async () => {
  if (!isEmbeddedDb) return;
  privateServer = await startPrivatePostgres();
  await migrate(privateServer.url);
  serverUrl = privateServer.url;
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await privateServer?.destroy();
}, 60_000);

/** A connection of its own: a backend of its own, as each app process's pooled connection is. */
async function connection(): Promise<pg.Client & { pid: number }> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  clients.push(client);
  const pid = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
  return Object.assign(client, { pid });
}

/** recordAudit, the function every audited write calls, on that connection (Prisma's $executeRaw template, as SQL). */
function writerOn(client: pg.Client): AuditWriter {
  const $executeRaw = async (parts: TemplateStringsArray, ...values: unknown[]) => {
    const text = parts.reduce((sql, part, index) => `${sql}$${index}${part}`);
    return (await client.query(text, values)).rowCount ?? 0;
  };
  return { $executeRaw } as unknown as AuditWriter;
}

const entry = (clinicId: string | null, entityId: string): AuditEntry => ({ actorId: null, clinicId, action: 'test.concurrent', entityType: 'Test', entityId, outcome: 'SUCCESS' });

/** Asks again until `check` answers true: an ordering check, not a clock (the test's own timeout bounds it). */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The connections `pid` waits for, as PostgreSQL's lock manager sees it. */
async function blockersOf(observer: pg.Client, pid: number): Promise<number[]> {
  return (await observer.query<{ blockers: number[] }>('SELECT pg_blocking_pids($1) AS blockers', [pid])).rows[0]!.blockers;
}

/** Runs an audited write on `client` in a transaction of its own and fails the moment it waits on any other connection. */
async function commitsWithoutWaiting(observer: pg.Client, client: pg.Client & { pid: number }, audited: AuditEntry): Promise<void> {
  await client.query('BEGIN');
  let isDone = false;
  const write = recordAudit(writerOn(client), audited).then(() => {
    isDone = true;
  });
  await until(async () => isDone || (await blockersOf(observer, client.pid)).length > 0);
  expect(isDone ? [] : await blockersOf(observer, client.pid), `the ${audited.clinicId ?? 'no-clinic'} write waits on another connection`).toEqual([]);
  await write;
  await client.query('COMMIT');
}

type Row = AuditContent & { id: string; prevHash: string; hash: string; chain: string | null };

async function rowsOf(observer: pg.Client, entityIds: string[]): Promise<Row[]> {
  return (await observer.query<Row>('SELECT * FROM "AuditEvent" WHERE "entityId" = ANY($1) ORDER BY "id"', [entityIds])).rows;
}

describe('audited writes of different clinics never wait on one lock', () => {
  // Two clinics: ids only, as the chain lock knows them (the private server has no clinics).
  const clinicA = `clinicA${unique()}`;
  const clinicB = `clinicB${unique()}`;

  it.each([
    ['A', clinicA, clinicB],
    ['B', clinicB, clinicA],
  ])("clinic %s's open write holds only its own chain: the other clinic's write and a no-clinic write complete, the same clinic's waits for it", async (_name, held, other) => {
    const [holder, otherClinic, noClinic, sameClinic, observer] = [await connection(), await connection(), await connection(), await connection(), await connection()];
    // The lock key of each chain (as regimen_append_audit_event takes it) differs: otherwise they would share one.
    const keys = await observer.query<{ key: string }>(`SELECT hashtextextended('regimen-audit-chain:' || name, 0)::text AS key FROM unnest($1::text[]) AS name`, [[held, other, NO_CLINIC_CHAIN]]);
    expect(new Set(keys.rows.map((row) => row.key)).size).toBe(3);

    const run = unique();
    const [heldId, otherId, noClinicId, waitingId] = ['held', 'other', 'none', 'waiting'].map((name) => `${name}${run}`) as [string, string, string, string];
    await holder.query('BEGIN');
    await recordAudit(writerOn(holder), entry(held, heldId));
    const holdsLock = async () => (await observer.query("SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND granted", [holder.pid])).rowCount === 1;
    expect(await holdsLock()).toBe(true);

    // Another clinic's audited write, and a write with no clinic, each in a transaction of its own: both complete
    // and commit, never waiting on any connection, while the holder's transaction is still open with its lock.
    await commitsWithoutWaiting(observer, otherClinic, entry(other, otherId));
    await commitsWithoutWaiting(observer, noClinic, entry(null, noClinicId));
    expect(await holdsLock()).toBe(true);
    expect((await rowsOf(observer, [otherId, noClinicId])).map((row) => row.chain)).toEqual([other, NO_CLINIC_CHAIN]);

    // A write of the same clinic waits: on an advisory lock, blocked by the holder and nobody else.
    await sameClinic.query('BEGIN');
    let isWaitingDone = false;
    const waiting = recordAudit(writerOn(sameClinic), entry(held, waitingId)).then(() => {
      isWaitingDone = true;
    });
    await until(async () => (await blockersOf(observer, sameClinic.pid)).includes(holder.pid));
    const waits = await observer.query<{ locktype: string; blockers: number[] }>('SELECT locktype, pg_blocking_pids(pid) AS blockers FROM pg_locks WHERE pid = $1 AND NOT granted', [sameClinic.pid]);
    expect(waits.rows).toEqual([{ locktype: 'advisory', blockers: [holder.pid] }]);
    expect(isWaitingDone).toBe(false);
    expect(await rowsOf(observer, [waitingId])).toEqual([]);

    // The holder commits; the waiting write goes on, after it in its clinic's chain.
    await holder.query('COMMIT');
    await waiting;
    await sameClinic.query('COMMIT');
    const [heldRow, waitingRow] = await rowsOf(observer, [heldId, waitingId]);
    expect(waitingRow!.prevHash).toBe(heldRow!.hash);

    // Every chain these writes touched verifies, each from its own start.
    const cutover = (await observer.query<{ lastLegacyEventId: string | null; lastLegacyHash: string }>('SELECT "lastLegacyEventId"::text AS "lastLegacyEventId", "lastLegacyHash" FROM "AuditChainCutover"')).rows[0]!;
    const chains = [held, other, NO_CLINIC_CHAIN];
    const chainRows = (await observer.query<Row>('SELECT * FROM "AuditEvent" WHERE "chain" = ANY($1) ORDER BY "id"', [chains])).rows;
    const verdicts = verifyAuditChains(chainRows, cutover);
    for (const chain of chains) expect(verdicts.get(chain), chain).toMatchObject({ ok: true });
  });

  it('many writes of two clinics at once, interleaved: each clinic gets one whole chain', async () => {
    const observer = await connection();
    const writers = await Promise.all(Array.from({ length: 8 }, () => connection()));
    const run = unique();
    await Promise.all(
      writers.map(async (client, index) => {
        for (let round = 0; round < 5; round += 1) {
          await client.query('BEGIN');
          await recordAudit(writerOn(client), entry(index % 2 === 0 ? clinicA : clinicB, `many${run}-${index}-${round}`));
          await client.query('COMMIT');
        }
      }),
    );
    const cutover = (await observer.query<{ lastLegacyEventId: string | null; lastLegacyHash: string }>('SELECT "lastLegacyEventId"::text AS "lastLegacyEventId", "lastLegacyHash" FROM "AuditChainCutover"')).rows[0]!;
    const rows = (await observer.query<Row>('SELECT * FROM "AuditEvent" WHERE "chain" = ANY($1) ORDER BY "id"', [[clinicA, clinicB]])).rows;
    const verdicts = verifyAuditChains(rows, cutover);
    expect(verdicts.get(clinicA)).toEqual({ ok: true, checked: rows.filter((row) => row.clinicId === clinicA).length });
    expect(verdicts.get(clinicB)).toEqual({ ok: true, checked: rows.filter((row) => row.clinicId === clinicB).length });
    expect(rows.filter((row) => row.entityId?.startsWith(`many${run}`))).toHaveLength(40);
  });
});

describe('audit:verify, clinic by clinic', () => {
  /** Appends rows for a clinic as its users' writes do, through recordAudit. */
  async function appendRows(clinicId: string, count: number) {
    for (let index = 0; index < count; index += 1) {
      await db.$transaction((tx) => recordAudit(tx, { actorId: null, clinicId, action: 'test.row', entityType: 'Test', entityId: `row${index}`, outcome: 'SUCCESS', after: { index } }));
    }
  }

  /** As a database superuser can: the append-only triggers off for one transaction. */
  async function asSuperuser(change: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await change(tx);
    });
  }

  it("each clinic's chain verifies; a tampered row in one clinic's chain is reported for that clinic, and the others still verify", async () => {
    const [edited, recomputed, untouched] = await Promise.all([createClinic(), createClinic(), createClinic()]);
    for (const clinic of [edited, recomputed, untouched]) await appendRows(clinic.id, 6);
    const key = generateKeyPairSync('ed25519');
    const chains = [edited.id, recomputed.id, untouched.id];

    // Signed: every chain with new rows gets a checkpoint of its own, naming its clinic.
    const { written } = await writeAuditCheckpoints({ key: { ...key, source: 'test' } });
    for (const clinic of chains) expect(written.filter((checkpoint) => checkpoint.chain === clinic).map((checkpoint) => checkpoint.seq)).toEqual([1]);
    await appendRows(untouched.id, 2);

    const before = await verifyAuditTrail({ publicKey: key.publicKey, chains });
    expect(before.ok).toBe(true);
    expect(before.chains.map((chain) => [chain.clinicName, chain.ok, chain.rowsChecked, chain.rowsAfterCheckpoint])).toEqual(
      [
        [edited.name, true, 6, 0],
        [recomputed.name, true, 6, 0],
        [untouched.name, true, 8, 2],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // One clinic's row edited in place; another's rewritten with every hash after it recomputed (its chain still links).
    const rowsOf = (clinicId: string) => db.auditEvent.findMany({ where: { chain: clinicId }, orderBy: { id: 'asc' } });
    const editedRow = (await rowsOf(edited.id))[2]!;
    await asSuperuser((tx) => tx.$executeRaw`UPDATE "AuditEvent" SET "action" = 'test.tampered' WHERE "id" = ${editedRow.id}`);
    const recomputedRows = await rowsOf(recomputed.id);
    await asSuperuser(async (tx) => {
      let prevHash = recomputedRows[3]!.prevHash;
      for (const row of recomputedRows.slice(3)) {
        const action = row.id === recomputedRows[3]!.id ? 'test.tampered' : row.action;
        const hash = hashAuditEvent({ ...row, action }, prevHash);
        await tx.$executeRaw`UPDATE "AuditEvent" SET "action" = ${action}, "prevHash" = ${prevHash}, "hash" = ${hash} WHERE "id" = ${row.id}`;
        prevHash = hash;
      }
    });

    const after = await verifyAuditTrail({ publicKey: key.publicKey, chains });
    expect(after.ok).toBe(false);
    const verdictOf = (clinicId: string) => after.chains.find((chain) => chain.chain === clinicId)!;
    expect(verdictOf(edited.id)).toMatchObject({
      ok: false,
      clinicName: edited.name,
      links: { ok: false, brokenAtId: String(editedRow.id), reason: 'its content does not match its hash' },
      // Checkpoint 1 still holds (the row it signed kept its hash), so the first row it cannot vouch for is the edited one.
      firstUnvouchedId: String(editedRow.id),
    });
    expect(verdictOf(edited.id).problems).toContain(`The hash chain is broken at row ${editedRow.id}: its content does not match its hash.`);
    // The chain links again, so only its checkpoint shows it: nothing from the chain's first row on is vouched for.
    expect(verdictOf(recomputed.id)).toMatchObject({ ok: false, clinicName: recomputed.name, links: { ok: true }, vouchedThroughId: null, firstUnvouchedId: String(recomputedRows[0]!.id) });
    expect(verdictOf(recomputed.id).problems).toEqual([
      `Row ${recomputedRows[5]!.id} no longer has the hash checkpoint 1 signed: the chain up to it was rewritten and its hashes recomputed.`,
    ]);
    expect(verdictOf(untouched.id)).toMatchObject({ ok: true, problems: [], vouchedThroughId: String((await rowsOf(untouched.id))[5]!.id), rowsAfterCheckpoint: 2 });
    expect(publicKeyText(key.publicKey)).toMatch(/^MCowBQYDK2VwAyEA/);
  });

  it('the rows of each clinic and of no clinic are in the chain their clinic names', async () => {
    const clinic = await createClinic();
    await appendRows(clinic.id, 2);
    await recordAudit(db, { actorId: null, clinicId: null, action: 'auth.sign_in', entityType: 'User', entityId: `nobody${unique()}`, outcome: 'FAILURE' });
    const rows = await db.auditEvent.findMany({ where: { OR: [{ clinicId: clinic.id }, { chain: NO_CLINIC_CHAIN }] }, select: { clinicId: true, chain: true } });
    for (const row of rows) expect(row.chain).toBe(auditChainOf(row.clinicId));
    const verdict = await verifyAuditTrail({ publicKey: null, chains: [clinic.id, NO_CLINIC_CHAIN] });
    expect(verdict.chains.map((chain) => [chain.chain, chain.ok])).toEqual([
      [clinic.id, true],
      [NO_CLINIC_CHAIN, true],
    ]);
  });
});
