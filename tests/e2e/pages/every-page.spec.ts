import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

// Every page of the app, as the person who uses it, on a phone (390x844) and at a desk (1280x900): axe finds
// no accessibility violation, and nothing scrolls sideways. Pages are found by following links from the
// demo data, as a user would reach them. Only reads: nothing here changes the demo data.

const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['desk', { width: 1280, height: 900 }],
] as const;

type Visit = { name: string; path: string };

// A test visits up to fifteen pages and runs axe on each: beside the other worker on a 2-core machine (the
// authorization matrix) that took two minutes, the default timeout, and more. Not a timing check: room to finish.
test.describe.configure({ timeout: 360_000 });

async function check(page: Page, visit: Visit, { navigate = true } = {}) {
  if (navigate) {
    const response = await page.goto(visit.path);
    expect.soft(response?.status(), `${visit.name}: status`).toBeLessThan(500);
    await page.waitForLoadState('networkidle');
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect.soft(overflow, `${visit.name} (${visit.path}) scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect.soft(found, `${visit.name} (${visit.path}): axe violations`).toEqual([]);
}

async function signedIn(browser: Browser, viewport: { width: number; height: number }, email: string | null) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (email) await signIn(page, email);
  return { context, page };
}

/** Sam's record and the first catalog exercise and protocol, found from the lists a therapist sees. */
async function therapistVisits(page: Page): Promise<Visit[]> {
  await page.goto('/caseload');
  const sam = await page.getByRole('link', { name: 'Sam Rivera' }).first().getAttribute('href');
  expect(sam).toMatch(/^\/patients\/[\w-]+$/);
  await page.goto(`${sam}`);
  const compare = await page.getByRole('link', { name: /^Compare/ }).first().getAttribute('href');
  await page.goto('/catalog');
  const exercise = await page.getByRole('link', { name: 'Walking', exact: true }).getAttribute('href');
  await page.goto('/protocols');
  const protocol = await page.getByRole('link', { name: /decompression/i }).first().getAttribute('href');
  return [
    { name: 'Caseload', path: '/caseload' },
    { name: 'Patients', path: '/patients' },
    { name: 'New patient', path: '/patients/new' },
    { name: "Sam's record", path: `${sam}` },
    { name: "Sam's record, older sessions", path: `${sam}?sessions=2` },
    { name: "Sam's draft", path: `${sam}/draft` },
    { name: "Sam's version 1", path: `${sam}/versions/1` },
    { name: 'Compare versions', path: compare ?? `${sam}/compare?from=1&to=2` },
    { name: 'Catalog', path: '/catalog' },
    { name: 'New exercise', path: '/catalog/new' },
    { name: 'Exercise', path: `${exercise}` },
    { name: 'Edit exercise', path: `${exercise}/edit` },
    { name: 'Protocols', path: '/protocols' },
    { name: 'Protocol', path: `${protocol}` },
    { name: 'Account', path: '/account' },
    { name: 'Not found, inside the clinic', path: '/patients/no-such-patient' },
  ];
}

for (const [size, viewport] of VIEWPORTS) {
  test.describe(`every page at ${size} size`, () => {
    test('signed out: sign-in, an invitation link that does not work, not found', async ({ browser }) => {
      const { context, page } = await signedIn(browser, viewport, null);
      for (const visit of [
        { name: 'Sign in', path: '/login' },
        { name: 'Invitation, not valid', path: '/invite/not-a-real-invitation-token' },
        { name: 'Not found', path: '/no-such-page' },
      ]) {
        await check(page, visit);
      }
      await context.close();
    });

    test('therapist pages', async ({ browser }) => {
      const { context, page } = await signedIn(browser, viewport, DEMO.therapist);
      for (const visit of await therapistVisits(page)) await check(page, visit);
      await context.close();
    });

    test('surgeon pages', async ({ browser }) => {
      const { context, page } = await signedIn(browser, viewport, DEMO.surgeon);
      await page.goto('/sign-offs');
      const sam = await page.getByRole('link', { name: 'Sam Rivera' }).first().getAttribute('href');
      for (const visit of [
        { name: 'Sign-off queue', path: '/sign-offs' },
        { name: "Sam's record, as his surgeon", path: `${sam}` },
        { name: 'Account', path: '/account' },
      ]) {
        await check(page, visit);
      }
      await context.close();
    });

    test('clinic admin pages', async ({ browser }) => {
      const { context, page } = await signedIn(browser, viewport, DEMO.admin);
      for (const visit of [
        { name: 'Admin: people', path: '/admin' },
        { name: 'Admin: audit trail', path: '/admin/audit' },
        { name: 'Admin: clinic settings', path: '/admin/clinic' },
        { name: 'Caseload, as admin', path: '/caseload' },
        { name: 'Account', path: '/account' },
      ]) {
        await check(page, visit);
      }
      await context.close();
    });

    test('patient pages', async ({ browser }) => {
      const { context, page } = await signedIn(browser, viewport, DEMO.patient);
      for (const visit of [
        { name: 'Portal', path: '/portal' },
        { name: 'Account', path: '/account' },
        { name: 'Not found, as a patient', path: '/caseload' },
      ]) {
        await check(page, visit);
      }
      // The folded parts of the portal, opened: the warning signs and the first exercise's log and steps.
      await page.goto('/portal');
      await page.getByText('Warning signs', { exact: true }).click();
      await page.getByText(/^(Log|Change today's log of) /).first().click();
      await page.getByText(/^How to do /).first().click();
      await check(page, { name: 'Portal, opened up', path: '/portal' }, { navigate: false });
      await context.close();
    });
  });
}
