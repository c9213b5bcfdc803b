import { expect, test, type Browser } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from '../support/sign-in';

// Each test adds its own person through the admin's form, so ending their sessions touches nobody else.
async function addPerson(browser: Browser, role: 'Physical therapist' | 'Spine surgeon') {
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const name = `Session Tester ${stamp}`;
  const email = `session-${stamp}@example.test`;
  const form = admin.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Full name').fill(name);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByRole('button', { name: 'Add person' }).click();
  const link = await form.getByLabel(`Invitation link for ${name}`).inputValue();

  const setup = await browser.newPage();
  const password = 'a long session passphrase';
  await setup.goto(link);
  await setup.getByLabel('New password', { exact: true }).fill(password);
  await setup.getByLabel('Repeat password').fill(password);
  await setup.getByRole('button', { name: 'Set password' }).click();
  await expect(setup).toHaveURL(/\/(portal|caseload|sign-offs|admin)$/);
  await setup.close();
  return { admin, name, email, password };
}

test('deactivating a user ends their session on the very next request', async ({ browser }) => {
  const { admin, name, email, password } = await addPerson(browser, 'Physical therapist');
  const context = await browser.newContext();
  const user = await context.newPage();
  await signIn(user, email, password);
  await expect(user).toHaveURL(/\/caseload$/);

  await admin.reload();
  await admin.getByRole('button', { name: `Deactivate ${name}` }).click();
  await expect(admin.getByRole('button', { name: `Reactivate ${name}` })).toBeVisible();

  await user.goto('/catalog');
  await expect(user).toHaveURL(/\/login$/);
  await user.getByLabel('Email').fill(email);
  await user.getByLabel('Password').fill(password);
  await user.getByRole('button', { name: 'Sign in' }).click();
  await expect(user.getByRole('alert').filter({ hasText: 'do not match an active account' })).toBeVisible();
  await context.close();
  await admin.close();
});

test('signing out everywhere ends the sessions on other devices too', async ({ browser }) => {
  const { admin, email, password } = await addPerson(browser, 'Spine surgeon');
  await admin.close();
  const phone = await (await browser.newContext()).newPage();
  const desk = await (await browser.newContext()).newPage();
  await signIn(phone, email, password);
  await signIn(desk, email, password);

  await desk.getByRole('link', { name: 'Your account' }).click();
  await desk.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(desk).toHaveURL(/\/login$/);

  await phone.goto('/sign-offs');
  await expect(phone).toHaveURL(/\/login$/);
});

test('changing the password ends every session; the new password works', async ({ browser }) => {
  const { admin, email, password } = await addPerson(browser, 'Physical therapist');
  await admin.close();
  const other = await (await browser.newContext()).newPage();
  const page = await (await browser.newContext()).newPage();
  await signIn(other, email, password);
  await signIn(page, email, password);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not the password');
  await form.getByLabel(/^New password/).fill('brand new passphrase');
  await form.getByLabel('Repeat new password').fill('brand new passphrase');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'current password is not right' })).toBeVisible();

  await form.getByLabel('Current password').fill(password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await other.goto('/caseload');
  await expect(other).toHaveURL(/\/login$/);
  await signIn(page, email, 'brand new passphrase');
  await expect(page).toHaveURL(/\/caseload$/);
});

test('session cookies are HttpOnly and SameSite', async ({ page }) => {
  await signIn(page, DEMO.therapist, DEMO_PASSWORD);
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name.includes('session-token'));
  expect(cookie).toBeDefined();
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
});

test('every page carries the security headers', async ({ page }) => {
  await signIn(page, DEMO.patient);
  for (const path of ['/login', '/portal']) {
    const response = await page.request.get(path);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers['cache-control'], path).toContain('no-store');
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['strict-transport-security'], path).toContain('max-age=');
  }
});

test('a cross-origin POST to a route handler is refused', async ({ request }) => {
  const response = await request.post('/api/auth/signout', { headers: { origin: 'https://attacker.example' }, form: { csrfToken: 'x' } });
  expect(response.status()).toBe(403);
});
