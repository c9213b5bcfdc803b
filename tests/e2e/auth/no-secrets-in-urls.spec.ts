import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from '../support/sign-in';

// Known product bug, pinned (test.fail: this test passes only while the bug is there; once it is fixed, drop
// test.fail). The app's forms are sent by React (onSubmit) and name no method. Sent before the page's script has
// run (a slow phone, a tap while the page loads, JavaScript turned off), the browser sends such a form its own
// way: a GET to the page's address with every field in the query string. The sign-in form then puts the
// password into the address (browser history, server and proxy logs, the Referer of the next request); the
// acknowledge form puts a clinician's note about a patient there (seen once in tests/e2e/patient/portal.spec.ts,
// which clicked before the page was ready). With JavaScript off it happens every time, which this test uses.
test.fail('a form sent before the page’s script runs never puts the password into the address', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.therapist);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
  expect(decodeURIComponent(new URL(page.url()).search), 'the query string of the page the form led to').not.toContain(DEMO_PASSWORD);
  await context.close();
});
