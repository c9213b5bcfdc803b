// Two processes of the app on one database share the sign-in throttle's counters (they live in PostgreSQL:
// lib/server/auth/throttle-counters.ts), so failures spread over both block as they would on one, and a restart
// does not reset them. Both processes also sign audit checkpoints, each chain numbered once between them. The
// production server (`npm start`) twice, on a build, against a private PostgreSQL seeded with the demo data.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNextServer, Visitor, type NextServer } from './support/next-server';
import { migrate, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { bin, runCommand, waitFor } from './support/processes';

let database: PrivatePostgres | undefined;
let folder = '';
let env: Record<string, string> = {};
const servers: NextServer[] = [];

beforeAll(async () => {
  database = await startPrivatePostgres();
  await migrate(database.url);
  folder = mkdtempSync(path.join(tmpdir(), 'regimen-shared-'));
  const keyFile = path.join(folder, 'audit-signing-key.pem');
  writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });
  env = {
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: 'faults-only-secret-not-for-production',
    // The test plays the reverse proxy, to choose each attempt's address.
    REGIMEN_TRUSTED_PROXY_HOPS: '1',
    REGIMEN_AUDIT_KEY_FILE: keyFile,
    REGIMEN_AUDIT_CHECKPOINT_SECONDS: '2',
  };
  await runCommand(bin('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env: { ...process.env, ...env, REGIMEN_QUIET_LOGS: '1' }, timeoutMs: 180_000 });
  servers.push(await startNextServer(env), await startNextServer(env));
}, 300_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await database?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
}, 60_000);

let addressCount = 0;
const newAddress = () => `198.51.100.${(addressCount += 1)}`;

/** One sign-in attempt through next-auth's form post: in, a wrong password, or told to wait. */
async function attempt(server: NextServer, email: string, password: string, address: string): Promise<'in' | 'wrong' | 'wait'> {
  const visitor = new Visitor(server.baseUrl, 'attempt');
  const csrf = await visitor.request('/api/auth/csrf', { headers: { 'x-forwarded-for': address } });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await visitor.request('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
  });
  if (visitor.isSignedIn) return 'in';
  const error = new URL((JSON.parse(answer.body) as { url: string }).url).searchParams.get('error') ?? '';
  return error.startsWith('RATE_LIMITED') ? 'wait' : 'wrong';
}

describe('two app processes on one database', () => {
  it('failures spread over both block as they would on one, and a restart does not reset them', async () => {
    const [first, second] = servers as [NextServer, NextServer];
    const address = newAddress();
    const answers = [];
    for (let index = 0; index < 5; index += 1) answers.push(await attempt(index % 2 === 0 ? first : second, 'therapist@harbor.test', 'not the password', address));
    expect(answers).toEqual(Array(5).fill('wrong'));
    // Three failures on one process and two on the other: the sixth is refused on either.
    expect(await attempt(first, 'therapist@harbor.test', 'demo-password', address)).toBe('wait');
    expect(await attempt(second, 'therapist@harbor.test', 'demo-password', address)).toBe('wait');

    // A process started afresh (a restart, or a third process) sees the same counts.
    await second.stop();
    servers[1] = await startNextServer(env);
    expect(await attempt(servers[1]!, 'therapist@harbor.test', 'demo-password', address)).toBe('wait');
    // From another address the therapist gets in at once, on either process.
    expect(await attempt(first, 'therapist@harbor.test', 'demo-password', newAddress())).toBe('in');
    expect(await attempt(servers[1]!, 'therapist@harbor.test', 'demo-password', newAddress())).toBe('in');
    for (const server of servers) expect(server.processErrors()).toEqual([]);
  });

  it("both sign audit checkpoints into each clinic's one numbered chain, and audit:verify finds every chain intact", async () => {
    const [first, second] = servers as [NextServer, NextServer];
    // Activity on both, so both have rows to sign.
    await attempt(first, 'surgeon@harbor.test', 'not the password', newAddress());
    await attempt(second, 'admin@harbor.test', 'not the password', newAddress());
    await waitFor('two checkpoints of one chain', 30_000, async () => {
      const { rows } = await database!.query<{ count: string }>('SELECT max(n)::text AS "count" FROM (SELECT count(*) AS n FROM "AuditChainCheckpoint" GROUP BY "chain") AS per_chain');
      return Number(rows[0]!.count) >= 2 ? true : undefined;
    });
    const { rows } = await database!.query<{ chain: string; seqs: number[] }>('SELECT "chain", array_agg("seq" ORDER BY "seq") AS "seqs" FROM "AuditChainCheckpoint" GROUP BY "chain"');
    for (const { seqs } of rows) expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    const verify = await runCommand(bin('tsx'), ['--conditions=react-server', 'scripts/audit-verify.ts'], { env: { ...process.env, ...env, REGIMEN_QUIET_LOGS: '1' } });
    expect(verify.stdout).toContain('Audit trail intact.');
    expect(verify.stdout).toMatch(/Harbor Spine & Rehab \(clinic \w+\): hash chain intact, \d+ rows; checkpoints: \d+ checked, the newest that holds is \d+/);
  });
});
