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
type Viewport = { width: number; height: number };

// One test per page, so a page's time is its own (a test once visited sixteen pages and ran axe on each: on a
// busy 2-core machine that went past any fixed limit). Each audience signs in once, in beforeAll.
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

/** A signed-in browser state for `email` (null: signed out), made once per audience and reused by each page's test. */
async function sessionFor(browser: Browser, viewport: Viewport, email: string | null) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (email) await signIn(page, email);
  const storageState = await context.storageState();
  return { storageState, page, close: () => context.close() };
}

/** Where a therapist's pages are, found from the lists a therapist sees: Sam's record, the first exercise and protocol. */
async function therapistPlaces(page: Page) {
  await page.goto('/caseload');
  const sam = await page.getByRole('link', { name: 'Sam Rivera' }).first().getAttribute('href');
  expect(sam).toMatch(/^\/patients\/[\w-]+$/);
  await page.goto(`${sam}`);
  const compare = await page.getByRole('link', { name: /^Compare/ }).first().getAttribute('href');
  await page.goto('/catalog');
  const exercise = await page.getByRole('link', { name: 'Walking', exact: true }).getAttribute('href');
  await page.goto('/protocols');
  const protocol = await page.getByRole('link', { name: /decompression/i }).first().getAttribute('href');
  return { sam, compare, exercise, protocol };
}

type Places = Record<string, string | null>;

const AUDIENCES: Array<{ name: string; email: string | null; find?: (page: Page) => Promise<Places>; visits: Array<[string, (places: Places) => string]> }> = [
  {
    name: 'signed out',
    email: null,
    visits: [
      ['Sign in', () => '/login'],
      ['Invitation, not valid', () => '/invite/not-a-real-invitation-token'],
      ['Not found', () => '/no-such-page'],
    ],
  },
  {
    name: 'therapist',
    email: DEMO.therapist,
    find: therapistPlaces,
    visits: [
      ['Caseload', () => '/caseload'],
      ['Patients', () => '/patients'],
      ['New patient', () => '/patients/new'],
      ["Sam's record", ({ sam }) => `${sam}`],
      ["Sam's record, older sessions", ({ sam }) => `${sam}?sessions=2`],
      ["Sam's draft", ({ sam }) => `${sam}/draft`],
      ["Sam's version 1", ({ sam }) => `${sam}/versions/1`],
      ['Compare versions', ({ sam, compare }) => compare ?? `${sam}/compare?from=1&to=2`],
      ['Catalog', () => '/catalog'],
      ['New exercise', () => '/catalog/new'],
      ['Exercise', ({ exercise }) => `${exercise}`],
      ['Edit exercise', ({ exercise }) => `${exercise}/edit`],
      ['Protocols', () => '/protocols'],
      ['Protocol', ({ protocol }) => `${protocol}`],
      ['Account', () => '/account'],
      ['Not found, inside the clinic', () => '/patients/no-such-patient'],
    ],
  },
  {
    name: 'surgeon',
    email: DEMO.surgeon,
    find: async (page) => {
      await page.goto('/sign-offs');
      return { sam: await page.getByRole('link', { name: 'Sam Rivera' }).first().getAttribute('href') };
    },
    visits: [
      ['Sign-off queue', () => '/sign-offs'],
      ["Sam's record, as his surgeon", ({ sam }) => `${sam}`],
      ['Account', () => '/account'],
    ],
  },
  {
    name: 'clinic admin',
    email: DEMO.admin,
    visits: [
      ['Admin: people', () => '/admin'],
      ['Admin: audit trail', () => '/admin/audit'],
      ['Admin: clinic settings', () => '/admin/clinic'],
      ['Caseload, as admin', () => '/caseload'],
      ['Account', () => '/account'],
    ],
  },
  {
    name: 'patient',
    email: DEMO.patient,
    visits: [
      ['Portal', () => '/portal'],
      ['Account', () => '/account'],
      ['Not found, as a patient', () => '/caseload'],
    ],
  },
];

for (const [size, viewport] of VIEWPORTS) {
  for (const audience of AUDIENCES) {
    test.describe(`every page at ${size} size: ${audience.name}`, () => {
      let storageState: Awaited<ReturnType<typeof sessionFor>>['storageState'];
      let places: Places = {};

      test.beforeAll(async ({ browser }) => {
        const session = await sessionFor(browser, viewport, audience.email);
        storageState = session.storageState;
        if (audience.find) places = await audience.find(session.page);
        await session.close();
      });

      for (const [name, pathOf] of audience.visits) {
        test(name, async ({ browser }) => {
          const context = await browser.newContext({ viewport, storageState });
          await check(await context.newPage(), { name, path: pathOf(places) });
          await context.close();
        });
      }

      if (audience.name === 'patient') {
        test('Portal, opened up', async ({ browser }) => {
          const context = await browser.newContext({ viewport, storageState });
          const page = await context.newPage();
          // The folded parts of the portal, opened: the warning signs and the first exercise's log and steps.
          await page.goto('/portal');
          await page.getByText('Warning signs', { exact: true }).click();
          await page.getByText(/^(Log|Change today's log of) /).first().click();
          await page.getByText(/^How to do /).first().click();
          await check(page, { name: 'Portal, opened up', path: '/portal' }, { navigate: false });
          await context.close();
        });
      }
    });
  }
}
