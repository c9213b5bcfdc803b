import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

// On a phone the clinic's user list (/admin) becomes one card per person: an email wider than the card, such as
// a long name at a hospital's own domain, breaks inside the card rather than pushing the page sideways. The long
// email is written into the page here, not stored, so no other spec sees it.
const LONG_EMAIL = 'alexandra.konstantinopoulou@northwestspinehospital.example';

const sidewaysScroll = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

test("a long email in the clinic's user list does not push the page sideways on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  const email = page.getByText('therapist@harbor.test', { exact: true });
  await expect(email).toBeVisible();
  await email.evaluate((cell, long) => {
    cell.textContent = long;
  }, LONG_EMAIL);
  await expect(page.getByText(LONG_EMAIL, { exact: true })).toBeVisible();
  expect(await page.evaluate(sidewaysScroll), 'the page scrolls sideways by this many pixels').toBeLessThanOrEqual(0);
  await context.close();
});
