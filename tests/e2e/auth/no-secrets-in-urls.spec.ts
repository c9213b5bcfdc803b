import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from '../support/sign-in';

// The app's forms are sent by React (onSubmit). Sent before the page's script has run (a slow phone, a tap while
// the page loads, JavaScript turned off), the browser sends a form its own way: each form names method="post",
// so the fields go in the body, never the address (browser history, logs, the Referer of the next request).
// tests/unit/forms-post.test.ts keeps every form so; with JavaScript off, this proves it in the browser.
test('a form sent before the page’s script runs never puts the password into the address', async ({ browser }) => {
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
