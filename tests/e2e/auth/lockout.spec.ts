// The probe's lockout findings, in Chromium against the production build: a guesser spread over many addresses
// (20 wrong passwords from 20 addresses) and made-up emails from a clinic's shared address cannot lock a clinician
// out. The browser they signed in on before is not blocked at all; a new address gets in within seconds. And a
// session that guesses at the password on a re-check is ended.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, trySignIn } from '../authz/support/actors';
import { baseUrlOf, projectRoot } from '../authz/support/checks';
import { closeDatabase } from '../authz/support/database';
import { loadActions, postAction } from '../authz/support/server-actions';
import { freshAccount, freshAddress } from '../support/fresh-account';

test.afterAll(async () => {
  await closeDatabase();
});

/** A browser at one address (the tests play the reverse proxy: X-Forwarded-For is believed from one hop). */
async function browserAt(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
  return context.newPage();
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a distributed guesser and made-up emails from the shared address block neither the known browser nor a new address', async ({ browser, playwright }, testInfo) => {
  testInfo.setTimeout(180_000);
  const baseURL = baseUrlOf(testInfo);
  const { email } = await freshAccount('SURGEON');
  const clinic = freshAddress();

  // The surgeon signs in at the clinic on their own computer, then signs out.
  const desk = await browserAt(browser, clinic);
  await submitSignIn(desk, email, DEMO_PASSWORD);
  await expect(desk).toHaveURL(/\/sign-offs$/);
  await desk.getByRole('button', { name: 'Sign out' }).click();
  await expect(desk).toHaveURL(/\/login$/);

  // The guesser: 20 wrong passwords from 20 addresses, then from the clinic's own address until it is turned away
  // there, and made-up emails from that address until the address is turned away for every unknown browser.
  const guess = async (address: string, who: string) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': address, connection: 'close' } });
    const isIn = await trySignIn(context, who, 'not the password');
    await context.dispose();
    expect(isIn).toBe(false);
  };
  // A guesser sends them all at once (and so is held a few seconds at most, like anyone else).
  await Promise.all(Array.from({ length: 20 }, () => guess(freshAddress(), email)));
  await Promise.all(Array.from({ length: 6 }, () => guess(clinic, email)));
  for (let batch = 0; batch < 3; batch += 1) await Promise.all(Array.from({ length: 7 }, (_, index) => guess(clinic, `made-up-${batch}-${index}-${Date.now()}@harbor.test`)));

  // A colleague's browser at the clinic that has never signed in to this account is told to wait...
  const colleague = await browserAt(browser, clinic);
  await submitSignIn(colleague, email, DEMO_PASSWORD);
  await expect(colleague.getByRole('alert').filter({ hasText: /Too many tries from here\. Please wait \d+ minutes? and try again\./ })).toBeVisible();
  await expect(colleague).toHaveURL(/\/login$/);

  // ...but the surgeon's own browser signs in at once,
  await submitSignIn(desk, email, DEMO_PASSWORD);
  await expect(desk).toHaveURL(/\/sign-offs$/);
  await expect(desk.getByRole('heading', { level: 1, name: 'Sign-offs' })).toBeVisible();

  // and from a new address (a phone at home) the right password gets in within seconds: held, never walled.
  const phone = await browserAt(browser, freshAddress());
  await submitSignIn(phone, email, DEMO_PASSWORD);
  await expect(phone).toHaveURL(/\/sign-offs$/);
  for (const page of [desk, colleague, phone]) await page.context().close();
});

test('ten wrong passwords on a re-check end the session: the fifth signs the user out', async ({ playwright }, testInfo) => {
  const baseURL = baseUrlOf(testInfo);
  const actions = loadActions(projectRoot(testInfo));
  const { email } = await freshAccount('THERAPIST');
  const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': freshAddress(), connection: 'close' } });
  expect(await trySignIn(context, email, DEMO_PASSWORD)).toBe(true);

  const codes: string[] = [];
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const answer = await postAction(context, actions.changePasswordAction, '/account', { currentPassword: `guess ${attempt}`, newPassword: 'a new long passphrase', repeatPassword: 'a new long passphrase' }, { ip: freshAddress() });
    codes.push(answer.kind === 'result' ? (answer.result.code ?? 'ok') : answer.kind);
  }
  expect(codes).toEqual([...Array(4).fill('INVALID_INPUT'), ...Array(6).fill('UNAUTHENTICATED')]);
  // The session is over: pages send the user to sign in, and next-auth says there is none.
  const page = await context.get('/caseload', { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/login$/);
  expect(await (await context.get('/api/auth/session')).json()).toEqual({});
  // Signing in again starts over.
  expect(await trySignIn(context, email, DEMO_PASSWORD)).toBe(true);
  await context.dispose();
});
