import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from '../support/sign-in';

// A staff member's way in, as the admin sees it: a one-time link while they have no password, and once they
// have one, only a deliberate reset (the admin's own password, the old one ended, signed out everywhere).

async function setPasswordFromLink(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Repeat password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/(portal|caseload|sign-offs|admin)$/);
}

test('a new link only before the first password; after it, the admin resets it and the old password and sessions end', async ({ browser, page }) => {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const name = `Reset Tester ${stamp}`;
  const email = `reset-${stamp}@example.test`;
  await signIn(page, DEMO.admin);
  const addForm = page.getByRole('form', { name: 'Add a person' });
  await addForm.getByLabel('Full name').fill(name);
  await addForm.getByLabel('Email').fill(email);
  await addForm.getByLabel('Role').selectOption({ label: 'Spine surgeon' });
  await addForm.getByRole('button', { name: 'Add person' }).click();
  const firstLink = await addForm.getByLabel(`Invitation link for ${name}`).inputValue();

  // No password yet: the row offers a new link (the first one was lost), and no reset.
  await page.reload();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row.getByRole('cell', { name: 'Not set yet' })).toBeVisible();
  await expect(row.getByRole('button', { name: `Reset password for ${name}` })).toHaveCount(0);
  await row.getByRole('button', { name: `New sign-in link for ${name}` }).click();
  const secondLink = await row.getByLabel(`Invitation link for ${name}`).inputValue();
  expect(secondLink).not.toBe(firstLink);

  const surgeonContext = await browser.newContext();
  const surgeon = await surgeonContext.newPage();
  await surgeon.goto(firstLink);
  await expect(surgeon.getByRole('heading', { level: 1, name: 'This link no longer works' })).toBeVisible();
  await setPasswordFromLink(surgeon, secondLink, 'the surgeon chose this');
  await expect(surgeon).toHaveURL(/\/sign-offs$/);

  // Now they have a password: no link can replace it, only a reset.
  await page.reload();
  await expect(row.getByRole('cell', { name: 'Set', exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `New sign-in link for ${name}` })).toHaveCount(0);
  await row.getByRole('button', { name: `Reset password for ${name}` }).click();
  const resetForm = row.getByRole('form', { name: `Reset password for ${name}` });
  await expect(resetForm).toContainText('stops');
  await expect(resetForm).toContainText('signs them out on every device');

  await resetForm.getByLabel('Your password, to confirm').fill('not my password');
  await resetForm.getByRole('button', { name: 'Reset password and make a link' }).click();
  await expect(resetForm.getByRole('alert')).toContainText('That password is not right, so nothing was reset.');
  await surgeon.goto('/sign-offs');
  await expect(surgeon).toHaveURL(/\/sign-offs$/);

  await resetForm.getByLabel('Your password, to confirm').fill(DEMO_PASSWORD);
  await resetForm.getByRole('button', { name: 'Reset password and make a link' }).click();
  const announcement = row.getByRole('status');
  await expect(announcement).toContainText('the old one no longer works and they are signed out everywhere');
  const resetLink = await row.getByLabel(`Invitation link for ${name}`).inputValue();
  await expect(row.getByRole('cell', { name: 'Not set yet' })).toBeVisible();

  // The surgeon's session has ended, and the old password no longer signs in.
  await surgeon.goto('/sign-offs');
  await expect(surgeon).toHaveURL(/\/login$/);
  await surgeon.getByLabel('Email').fill(email);
  await surgeon.getByLabel('Password').fill('the surgeon chose this');
  await surgeon.getByRole('button', { name: 'Sign in' }).click();
  await expect(surgeon.getByRole('alert').filter({ hasText: 'do not match an active account' })).toBeVisible();

  // The new link lets them choose a new password.
  await setPasswordFromLink(surgeon, resetLink, 'the surgeon chose again');
  await expect(surgeon).toHaveURL(/\/sign-offs$/);
  await surgeonContext.close();
});
