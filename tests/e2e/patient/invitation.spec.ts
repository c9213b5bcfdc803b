import { expect, test, type Page } from '@playwright/test';
import { isoDaysAgo } from '../support/clinic-day';
import { DEMO, DEMO_PASSWORD, signIn } from '../support/sign-in';

const NEW_PASSWORD = 'blue kettle on the hill';

/** Registers a patient of the test's own as the demo therapist (the demo patients' passwords are used by other tests). */
async function registerPatient(page: Page, prefix: string) {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const lastName = `${prefix}${stamp}`;
  const email = `morgan.${prefix.toLowerCase()}.${stamp}@example.test`;
  await signIn(page, DEMO.therapist);
  await page.goto('/patients/new');
  await page.getByLabel('First name').fill('Morgan');
  await page.getByLabel('Last name').fill(lastName);
  await page.getByLabel('Date of birth').fill('1981-06-09');
  await page.getByLabel('Phone').fill('555-0199');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Procedure').fill('Lumbar microdiscectomy (L5-S1)');
  await page.getByLabel('Surgery date').fill(isoDaysAgo(3));
  await page.getByLabel('Surgeon').selectOption({ label: 'Dr. Priya Shah' });
  await page.getByLabel('Protocol').selectOption({ label: 'Lumbar decompression (microdiscectomy, laminectomy)' });
  await page.getByRole('button', { name: 'Create patient' }).click();
  // Registration lands on the new patient's record (or their first draft): the invitation is on the record.
  const recordPath = /^\/patients\/(?!new$)[a-z0-9]+/;
  await expect(page).toHaveURL((url) => recordPath.test(url.pathname));
  const patientPath = new URL(page.url()).pathname.match(recordPath)![0];
  await page.goto(patientPath);
  await expect(page.getByRole('heading', { level: 1, name: `Morgan ${lastName}` })).toBeVisible();
  return { lastName, email, patientPath };
}

test('a therapist invites a new patient, who sets a password from the link on a phone and signs in', async ({ page, browser }) => {
  await registerPatient(page, 'Invite');

  const panel = page.getByRole('region', { name: 'Portal invitation' });
  await panel.getByRole('button', { name: 'Create invitation link' }).click();
  const linkField = panel.getByLabel('Invitation link');
  await expect(linkField).toHaveValue(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  const qrCode = panel.getByRole('img', { name: 'QR code for the invitation link' });
  await expect(qrCode).toBeVisible();
  await expect(panel).toContainText('Expires on');
  await expect(panel.getByRole('button', { name: 'Print' })).toBeVisible();
  // No SMTP_URL in this run: the email button is there and says why it cannot send.
  await expect(panel.getByRole('button', { name: 'Email invitation' })).toBeDisabled();
  await expect(panel).toContainText('Email is not set up for this clinic');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await expect(panel).toContainText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // The printed sheet carries only the code, the link and the instructions for the patient.
  const instructions = panel.getByRole('paragraph').filter({ hasText: 'Scan this code with your phone camera' });
  await expect(instructions).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(instructions).toBeVisible();
  await expect(instructions).toContainText('The link works once and expires on');
  await expect(qrCode).toBeVisible();
  await expect(panel.getByRole('paragraph').filter({ hasText: link })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Create invitation link' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // The patient opens the link on their own device: no session, nothing shared with the therapist.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(link);
  await expect(phone.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
  await expect(phone.getByRole('main')).toContainText('Hello Morgan.');
  // The token is in the address: the page tells the browser never to send it on as a Referer (a head tag has no role).
  await expect(phone.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');

  await phone.getByLabel('New password').fill(NEW_PASSWORD);
  await phone.getByLabel('Repeat password').fill(`${NEW_PASSWORD}s`);
  await phone.getByRole('button', { name: 'Set password' }).click();
  await expect(phone.getByRole('alert').filter({ hasText: 'The two passwords are not the same.' })).toBeVisible();

  await phone.getByLabel('Repeat password').fill(NEW_PASSWORD);
  await phone.getByRole('button', { name: 'Set password' }).click();
  // A first visit that just works: signed in with the new password, straight onto the portal.
  await expect(phone).toHaveURL(/\/portal$/);
  await expect(phone.getByRole('heading', { level: 1, name: 'Hello, Morgan' })).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await phoneContext.close();

  // The link works once.
  const laterContext = await browser.newContext();
  const later = await laterContext.newPage();
  await later.goto(link);
  await expect(later.getByRole('heading', { level: 1, name: 'This link no longer works' })).toBeVisible();
  await expect(later.getByRole('button', { name: 'Set password' })).toHaveCount(0);
  await laterContext.close();
});

test('a link that was never issued explains itself and offers no form', async ({ page }) => {
  await page.goto(`/invite/${'A'.repeat(43)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('ask your care team for a new one');
  await expect(page.getByLabel('New password')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set password' })).toHaveCount(0);
});

test('once the patient has a password, the therapist can only reset it: the old one and every session end, a new link works', async ({ page, browser }) => {
  const { lastName, email } = await registerPatient(page, 'Reset');
  const fullName = `Morgan ${lastName}`;
  const panel = page.getByRole('region', { name: 'Portal invitation' });
  await panel.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await panel.getByLabel('Invitation link').inputValue();

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(link);
  await phone.getByLabel('New password').fill(NEW_PASSWORD);
  await phone.getByLabel('Repeat password').fill(NEW_PASSWORD);
  await phone.getByRole('button', { name: 'Set password' }).click();
  await expect(phone).toHaveURL(/\/(portal|caseload|sign-offs|admin)$/);
  await expect(phone).toHaveURL(/\/portal$/);

  // A link would let whoever holds it choose the patient's password: with one set, only the reset is offered.
  await page.reload();
  await expect(panel).toContainText(`${fullName} has set a password and can sign in to the portal.`);
  await expect(panel.getByRole('button', { name: 'Create invitation link' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Reset password' }).click();
  const resetForm = panel.getByRole('form', { name: `Reset ${fullName}’s password` });
  await resetForm.getByLabel('Your password, to confirm').fill('not my password');
  await resetForm.getByRole('button', { name: 'Reset password and make a link' }).click();
  await expect(resetForm.getByRole('alert')).toContainText('That password is not right, so nothing was reset.');
  await phone.reload();
  await expect(phone).toHaveURL(/\/portal$/);

  await resetForm.getByLabel('Your password, to confirm').fill(DEMO_PASSWORD);
  await resetForm.getByRole('button', { name: 'Reset password and make a link' }).click();
  await expect(panel.getByRole('status')).toContainText(`Password reset. ${fullName}’s old password no longer works and they are signed out everywhere.`);
  await expect(panel.getByRole('img', { name: 'QR code for the invitation link' })).toBeVisible();
  const resetLink = await panel.getByLabel('Invitation link').inputValue();
  expect(resetLink).not.toBe(link);

  // The phone's session has ended, and the old password no longer signs in.
  await phone.reload();
  await expect(phone).toHaveURL(/\/login$/);
  await phone.getByLabel('Email').fill(email);
  await phone.getByLabel('Password').fill(NEW_PASSWORD);
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.getByRole('alert').filter({ hasText: 'do not match an active account' })).toBeVisible();

  await phone.goto(resetLink);
  await phone.getByLabel('New password').fill(`${NEW_PASSWORD} again`);
  await phone.getByLabel('Repeat password').fill(`${NEW_PASSWORD} again`);
  await phone.getByRole('button', { name: 'Set password' }).click();
  await expect(phone).toHaveURL(/\/(portal|caseload|sign-offs|admin)$/);
  await expect(phone).toHaveURL(/\/portal$/);
  await phoneContext.close();
});
