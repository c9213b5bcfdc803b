// The probe's smaller findings, over HTTP against the production build (`npm start`, scripts/serve.mjs):
// malformed requests answer 400 or 413 with the plain page and every security header, cross-origin server-action
// posts answer 403, next-auth's session endpoint answers nothing for a session the app ended, and links are built
// from the configured public address, whatever the request's Host headers say.
import { expect, test, type APIRequestContext, type APIResponse, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, nextIp, signInOverHttp } from '../authz/support/actors';
import { baseUrlOf, projectRoot } from '../authz/support/checks';
import { closeDatabase, rows } from '../authz/support/database';
import { loadActions, postAction, type ActionRef } from '../authz/support/server-actions';
import { freshAccount } from '../support/fresh-account';

test.afterAll(async () => {
  await closeDatabase();
});

/** Every header proxy.ts puts on a page, checked on an answer Next.js never made. */
function expectEverySecurityHeader(response: APIResponse, label: string) {
  const headers = response.headers();
  expect(headers['content-security-policy'], label).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers['content-security-policy'], label).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['x-frame-options'], label).toBe('DENY');
  expect(headers['referrer-policy'], label).toBe('same-origin');
  expect(headers['permissions-policy'], label).toContain('camera=()');
  expect(headers['cross-origin-opener-policy'], label).toBe('same-origin');
  expect(headers['cache-control'], label).toContain('no-store');
  expect(headers['strict-transport-security'], label).toContain('max-age=');
}

async function expectPlainRefusal(response: APIResponse, status: number, label: string) {
  expect(response.status(), label).toBe(status);
  expect(response.headers()['content-type'], label).toContain('text/html');
  const body = await response.text();
  expect(body, label).toMatch(/<h1>That request (could not be read|was too large|came from another site)<\/h1>/);
  expect(body, label).not.toMatch(/at \S+ \(|node_modules|Error:/);
  expectEverySecurityHeader(response, label);
}

function actionsOf(testInfo: TestInfo) {
  return loadActions(projectRoot(testInfo));
}

/** A multipart body with its fields in this order (the argument list "0" goes last, as the browser sends it). */
function multipart(...fields: Array<[string, string]>) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return form;
}

test.describe('malformed requests', () => {
  test('a server action posted what no form sends answers 400 or 413 with the plain page and every security header', async ({ playwright }, testInfo) => {
    const action: ActionRef = actionsOf(testInfo).changePasswordAction;
    const context = await playwright.request.newContext({ baseURL: baseUrlOf(testInfo), extraHTTPHeaders: { 'x-forwarded-for': nextIp(), connection: 'close' } });
    const headers = { 'Next-Action': action.id, Accept: 'text/x-component' };
    const text = { ...headers, 'Content-Type': 'text/plain;charset=UTF-8' };
    const cases: Array<[string, number, Parameters<APIRequestContext['post']>[1]]> = [
      ['a body that is not JSON', 400, { headers: text, data: 'not json' }],
      ['JSON nested 50,000 deep', 400, { headers: text, data: `${'['.repeat(50_000)}${']'.repeat(50_000)}` }],
      ['no body at all (the argument list missing)', 400, { headers: text, data: '' }],
      ['an argument list that is not a list', 400, { headers: text, data: '"patientId"' }],
      ['an argument that points at a part of the body that is not there', 400, { headers: text, data: '[null,"$Q1"]' }],
      ['a multipart form without its argument list', 400, { headers, multipart: multipart(['_1_currentPassword', 'x']) }],
      ['a multipart argument list that does not parse', 400, { headers, multipart: multipart(['0', '[null,']) }],
      ['no content type', 400, { headers, data: Buffer.from('[null]') }],
      ['a JSON content type', 400, { headers: { ...headers, 'Content-Type': 'application/json' }, data: Buffer.from('{') }],
      ['a body over 1 MB', 413, { headers: text, data: `["${'a'.repeat(1_100_000)}"]` }],
      ['a multipart body over 1 MB', 413, { headers, multipart: multipart(['_1_currentPassword', 'a'.repeat(1_100_000)], ['0', '[null,"$K1"]']) }],
    ];
    for (const [label, status, options] of cases) {
      await expectPlainRefusal(await context.post('/account', { ...options, maxRedirects: 0 }), status, label);
    }
    // What the form itself sends still works: the action answers (here: no session).
    const form = await postAction(context, action, '/account', { currentPassword: 'x', newPassword: 'y', repeatPassword: 'y' }, { ip: nextIp() });
    expect(form).toMatchObject({ kind: 'result', status: 200, result: { ok: false, code: 'UNAUTHENTICATED' } });
    await context.dispose();
  });

  test('a path whose percent-encoding does not decode answers 400, pages and route handlers alike', async ({ request }) => {
    for (const path of ['/patients/%zz', '/%E0%A4%A', '/api/audit/%zz', '/api/auth/%E0']) {
      await expectPlainRefusal(await request.get(path, { maxRedirects: 0 }), 400, path);
    }
  });

  test('JSON that does not parse, posted to a route handler, answers 400', async ({ request }) => {
    for (const path of ['/api/auth/callback/credentials', '/api/auth/signout']) {
      await expectPlainRefusal(await request.post(path, { headers: { 'Content-Type': 'application/json' }, data: Buffer.from('{"email":'), maxRedirects: 0 }), 400, path);
    }
  });

  test('headers too large for the server answer 431 with every security header', async ({ request }) => {
    const response = await request.get('/login', { headers: { 'x-padding': 'a'.repeat(20_000) } });
    expect(response.status()).toBe(431);
    expectEverySecurityHeader(response, 'oversized headers');
  });
});

test.describe('cross-origin writes', () => {
  test('a server action posted from another site answers 403, with every security header, and does nothing', async ({ playwright }, testInfo) => {
    const { email } = await freshAccount('THERAPIST');
    const context = await signInOverHttp(playwright.request, baseUrlOf(testInfo), email);
    const actions = actionsOf(testInfo);
    for (const origin of ['https://evil.test', 'null']) {
      const answer = await context.post('/account', {
        headers: { 'Next-Action': actions.signOutEverywhereAction.id, Accept: 'text/x-component', Origin: origin },
        multipart: multipart(['0', '[null,"$K1"]']),
        maxRedirects: 0,
      });
      await expectPlainRefusal(answer, 403, `from ${origin}`);
    }
    // A form posted without JavaScript, from another site, is refused the same way.
    await expectPlainRefusal(await context.post('/account', { headers: { Origin: 'https://evil.test' }, multipart: multipart([`$ACTION_ID_${actions.signOutEverywhereAction.id}`, '']), maxRedirects: 0 }), 403, 'a form without JavaScript');
    // Still signed in: nothing was done.
    expect(((await (await context.get('/api/auth/session')).json()) as { user?: { email?: string } }).user?.email).toBe(email);
    await context.dispose();
  });
});

test.describe('next-auth’s session endpoint', () => {
  async function sessionOf(context: APIRequestContext) {
    const response = await context.get('/api/auth/session');
    expect(response.status()).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  test('answers nothing for a session the app has ended: signed out everywhere, deactivated, or signed out with the cookie kept', async ({ playwright }, testInfo) => {
    const baseURL = baseUrlOf(testInfo);
    const { email, userId } = await freshAccount('SURGEON');
    const desk = await signInOverHttp(playwright.request, baseURL, email);
    expect(await sessionOf(desk)).toMatchObject({ user: { email } });

    // "Sign out everywhere" or a password change bumps the session version.
    await rows('UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE "id" = $1', [userId]);
    expect(await sessionOf(desk)).toEqual({});

    const phone = await signInOverHttp(playwright.request, baseURL, email);
    await rows('UPDATE "User" SET "isActive" = false WHERE "id" = $1', [userId]);
    expect(await sessionOf(phone)).toEqual({});
    await rows('UPDATE "User" SET "isActive" = true WHERE "id" = $1', [userId]);

    // Signing out ends the session row; a copy of the cookie kept from before is worth nothing.
    const laptop = await signInOverHttp(playwright.request, baseURL, email);
    const kept = (await laptop.storageState()).cookies.find((cookie) => cookie.name === 'next-auth.session-token');
    const { csrfToken } = (await (await laptop.get('/api/auth/csrf')).json()) as { csrfToken: string };
    await laptop.post('/api/auth/signout', { form: { csrfToken, json: 'true' } });
    const replay = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `next-auth.session-token=${kept?.value ?? ''}`, connection: 'close' } });
    expect(await sessionOf(replay)).toEqual({});
    for (const context of [desk, phone, laptop, replay]) await context.dispose();
  });
});

test.describe('links from the configured public address', () => {
  test('an invitation link is the public address, whatever Host or X-Forwarded-Host the request names', async ({ playwright }, testInfo) => {
    const baseURL = baseUrlOf(testInfo);
    const publicOrigin = new URL(process.env.NEXTAUTH_URL ?? baseURL).origin;
    const admin = await signInOverHttp(playwright.request, baseURL, 'admin@harbor.test', DEMO_PASSWORD);
    const answer = await admin.post('/admin', {
      headers: { 'Next-Action': actionsOf(testInfo).createStaffUserAction.id, Accept: 'text/x-component', Host: 'evil.test', 'X-Forwarded-Host': 'evil.test', 'X-Forwarded-Proto': 'https', 'x-forwarded-for': nextIp() },
      multipart: multipart(['_1_name', 'Link Probe'], ['_1_email', `link-probe-${Date.now()}@harbor.test`], ['_1_role', 'SURGEON'], ['0', '[null,"$K1"]']),
      maxRedirects: 0,
    });
    const body = await answer.text();
    const url = /"url":"([^"]+)"/.exec(body)?.[1];
    expect(url, body.slice(0, 300)).toBeDefined();
    expect(new URL(url!).origin).toBe(publicOrigin);
    expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
    expect(body).not.toContain('evil.test');
    await admin.dispose();
  });
});
