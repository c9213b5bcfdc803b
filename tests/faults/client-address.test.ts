// The address in the audit trail and the sign-in throttle comes from the connection, not from what a client
// writes in X-Forwarded-For: `npm start` (scripts/serve.mjs) with no trusted proxy, as a clinic runs it without
// one. Runs the production build against a private PostgreSQL, like the other tests in this folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNextServer, Visitor, type NextServer } from './support/next-server';
import { migrate, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';
import { bin, runCommand } from './support/processes';

let server: PrivatePostgres | undefined;
let next: NextServer | undefined;

beforeAll(async () => {
  server = await startPrivatePostgres();
  await migrate(server.url);
  const env = { DATABASE_URL: server.url, NEXTAUTH_SECRET: 'faults-only-secret-not-for-production' };
  await runCommand(bin('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env: { ...process.env, ...env, REGIMEN_QUIET_LOGS: '1' }, timeoutMs: 180_000 });
  next = await startNextServer(env);
}, 240_000);

afterAll(async () => {
  await next?.stop();
  await server?.destroy();
}, 60_000);

async function signInEvents() {
  const rows = await server!.query<{ outcome: string; ip: string | null }>(`SELECT "outcome", "ip" FROM "AuditEvent" WHERE "action" = 'auth.sign_in' ORDER BY "id"`);
  return rows.rows;
}

describe('with no trusted proxy', () => {
  it('a forged X-Forwarded-For is not what the audit trail records: the connection address is', async () => {
    const visitor = new Visitor(next!.baseUrl, 'forger');
    const csrf = await visitor.request('/api/auth/csrf');
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email: 'therapist@harbor.test', password: 'not-the-password', json: 'true' });
    const before = (await signInEvents()).length;

    await visitor.request('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.66, 198.51.100.1' },
      body: form.toString(),
    });

    const events = (await signInEvents()).slice(before);
    expect(events).toEqual([{ outcome: 'FAILURE', ip: '127.0.0.1' }]);
  });
});
