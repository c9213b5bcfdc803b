// The app behind PgBouncer in transaction pooling mode (Debian's package, started here in front of a private
// PostgreSQL), served by two worker processes (WEB_CONCURRENCY=2). In transaction mode a server connection
// belongs to a client for one transaction only, so nothing may rely on session state: no named prepared
// statements (node-postgres, under Prisma's adapter, sends unnamed ones), no session-level advisory locks (the
// audit chains and the checkpoint writers take pg_advisory_xact_lock), no LISTEN (pg-boss polls), no SET outside
// a transaction. Sign-ins, every kind of page, concurrent audited saves on both workers, signed audit checkpoints
// and `audit:verify` all go through the pooler; no page may fail and no worker may crash.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logSessionOverHttp, todayIn } from './support/log-session';
import { askEveryWorker, startNextServer, Visitor, type NextServer } from './support/next-server';
import { startPgBouncer, type PgBouncer } from './support/pgbouncer';
import { migrate, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { bin, runCommand, waitFor } from './support/processes';

const WORKERS = 2;
const STREAMS = 4;
const SAVES_PER_STREAM = 8;

let database: PrivatePostgres | undefined;
let bouncer: PgBouncer | undefined;
let app: NextServer | undefined;
let env: Record<string, string> = {};
let patientId = '';
let walkingId = '';
let visitors: Record<'patient' | 'therapist' | 'surgeon' | 'admin', Visitor>;

beforeAll(async () => {
  database = await startPrivatePostgres();
  // Migrations go straight to PostgreSQL: `prisma migrate` holds a session-level advisory lock (README).
  await migrate(database.url);
  bouncer = await startPgBouncer(database);
  const keyFile = path.join(database.dir, 'audit-signing-key.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });
  env = {
    DATABASE_URL: bouncer.url,
    DATABASE_POOL_MAX: '8',
    NEXTAUTH_SECRET: 'faults-only-secret-not-for-production',
    REGIMEN_AUDIT_KEY_FILE: keyFile,
    REGIMEN_AUDIT_CHECKPOINT_SECONDS: '2',
  };
  // The demo data, written through the data layer and the pooler.
  await runCommand(bin('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env: { ...process.env, ...env, REGIMEN_QUIET_LOGS: '1' }, timeoutMs: 180_000 });
  const sam = await database.query<{ id: string }>(`SELECT id FROM "Patient" WHERE "firstName" = 'Sam' AND "lastName" = 'Rivera'`);
  patientId = sam.rows[0]?.id ?? '';
  const walking = await database.query<{ id: string }>(`SELECT e.id FROM "Exercise" e JOIN "Clinic" c ON c.id = e."clinicId" WHERE e.name = 'Walking' AND c.name = 'Harbor Spine & Rehab'`);
  walkingId = walking.rows[0]?.id ?? '';
  expect(patientId).not.toBe('');
  expect(walkingId).not.toBe('');
  app = await startNextServer(env, { workers: WORKERS });
  const visitor = (label: string) => new Visitor(app!.baseUrl, label);
  visitors = { patient: visitor('patient'), therapist: visitor('therapist'), surgeon: visitor('surgeon'), admin: visitor('admin') };
  for (const [role, signedIn] of Object.entries(visitors)) await signedIn.signIn(`${role}@harbor.test`, 'demo-password');
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await bouncer?.stop();
  await database?.destroy();
}, 60_000);

function expectSameServer(when: string) {
  expect(app!.isSameProcess(), `the production server (primary ${app!.pid}, workers ${app!.workerPids.join(', ')}) is the same running processes ${when} (${app!.exitStatus() ?? 'running'})`).toBe(true);
  expect(app!.processErrors(), `uncaught exceptions or unhandled rejections in the production server ${when}:\n${app!.output().slice(-4_000)}`).toEqual([]);
}

const PAGES: Array<{ who: keyof typeof visitors; path: () => string; shows: string[]; contentType?: string }> = [
  { who: 'patient', path: () => '/portal', shows: ['Sam Rivera', 'Daily walks'] },
  { who: 'patient', path: () => '/account', shows: ['Your account', 'Change your password'] },
  { who: 'therapist', path: () => '/caseload', shows: ['Your caseload', 'Rivera'] },
  { who: 'therapist', path: () => `/patients/${patientId}`, shows: ['Rivera', 'Walking', 'Sessions and pain'] },
  { who: 'therapist', path: () => '/catalog', shows: ['Walking', 'Hamstring stretch'] },
  { who: 'therapist', path: () => '/protocols', shows: ['Protocols'] },
  { who: 'surgeon', path: () => '/sign-offs', shows: ['Sign-offs', 'Knee flexion'] },
  { who: 'admin', path: () => '/admin', shows: ['Clinic users', 'Jordan Lee'] },
  { who: 'admin', path: () => '/admin/audit', shows: ['session.log'] },
  { who: 'admin', path: () => '/api/audit/export', shows: ['session.log'], contentType: 'text/csv' },
];

describe('behind PgBouncer in transaction mode, two app processes', () => {
  it('every page answers on each worker', async () => {
    for (const page of PAGES) {
      const answers = await askEveryWorker(app!, () => visitors[page.who].request(page.path()), `${page.who} GET ${page.path()}`);
      for (const [worker, answer] of answers) {
        const where = `${page.who} GET ${page.path()} on worker ${worker}: ${answer.status} ${answer.body.slice(0, 200)}`;
        expect(answer.status, where).toBe(200);
        if (page.contentType) expect(answer.contentType, where).toContain(page.contentType);
        for (const text of page.shows) expect(answer.body, where).toContain(text);
      }
    }
    expectSameServer('after the pages');
  });

  it('concurrent audited saves on both workers are all there, each with its one audit row', async () => {
    const performedOn = todayIn('America/New_York');
    const outcomes = await Promise.all(
      Array.from({ length: STREAMS }, async (_, stream) => {
        const saved = [];
        for (let call = 0; call < SAVES_PER_STREAM; call += 1) {
          saved.push(await logSessionOverHttp(visitors.patient, { exerciseId: walkingId, performedOn, note: `pooled ${stream}-${call}`, backPain: call % 4 }));
        }
        return saved;
      }),
    );
    const saves = outcomes.flat();
    expect(saves.filter((save) => save.kind !== 'ok').map((save) => save.kind)).toEqual([]);
    expect(new Set(saves.map((save) => save.answer.worker)).size, 'workers that took saves').toBe(WORKERS);
    const ids = saves.map((save) => save.sessionId!);
    const audits = await database!.query<{ entityId: string; rows: string }>(
      `SELECT "entityId", count(*) AS rows FROM "AuditEvent" WHERE action = 'session.log' AND "entityId" = ANY($1) GROUP BY "entityId"`,
      [ids],
    );
    expect(audits.rows.length).toBe(ids.length);
    expect(audits.rows.filter((row) => Number(row.rows) !== 1)).toEqual([]);
    expectSameServer('after the saves');
  });

  it('both workers sign audit checkpoints through the pooler, and audit:verify through it finds every chain intact', async () => {
    await waitFor('a checkpoint of Harbor\u2019s chain covering the saves', 60_000, async () => {
      const { rows } = await database!.query<{ covered: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM "AuditChainCheckpoint" c WHERE c."lastEventId" >= (SELECT max(id) FROM "AuditEvent" WHERE action = 'session.log')) AS covered`,
      );
      return rows[0]?.covered ? true : undefined;
    }, 500);
    const verify = await runCommand(bin('tsx'), ['--conditions=react-server', 'scripts/audit-verify.ts'], { env: { ...process.env, ...env, REGIMEN_QUIET_LOGS: '1' } });
    expect(verify.stdout).toContain('Audit trail intact.');
    expect(verify.stdout).toMatch(/Harbor Spine & Rehab \(clinic \w+\): hash chain intact, \d+ rows; checkpoints: \d+ checked/);
    // Everything went through PgBouncer, in transaction mode.
    const pools = await bouncer!.admin<{ database: string; pool_mode: string }>('SHOW POOLS');
    expect(pools.find((pool) => pool.database === 'postgres')?.pool_mode).toBe('transaction');
    const stats = await bouncer!.admin<{ database: string; total_xact_count: string }>('SHOW STATS');
    expect(Number(stats.find((row) => row.database === 'postgres')?.total_xact_count ?? 0)).toBeGreaterThan(100);
    expectSameServer('at the end');
  });
});
