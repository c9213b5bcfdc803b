import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

const GENERIC = 'That email and password do not match an active account.';

const HOMES = [
  { who: 'clinic admin', email: DEMO.admin, path: '/admin', heading: 'Clinic users' },
  { who: 'therapist', email: DEMO.therapist, path: '/caseload', heading: 'Your caseload' },
  { who: 'surgeon', email: DEMO.surgeon, path: '/sign-offs', heading: 'Sign-offs' },
  { who: 'patient', email: DEMO.patient, path: '/portal', heading: 'Hello, Sam' },
];

for (const home of HOMES) {
  test(`a ${home.who} signs in and lands on their home`, async ({ page }) => {
    await signIn(page, home.email);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole('heading', { level: 1, name: home.heading })).toBeVisible();
  });
}

test('wrong credentials get one generic message and no session', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.therapist);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: GENERIC })).toBeVisible();

  await page.getByLabel('Email').fill('nobody@harbor.test');
  await page.getByLabel('Password').fill('whatever-it-is');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: GENERIC })).toBeVisible();

  await page.goto('/caseload');
  await expect(page).toHaveURL(/\/login$/);
});

test('signing out ends the session', async ({ page }) => {
  await signIn(page, DEMO.therapist);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/caseload');
  await expect(page).toHaveURL(/\/login$/);
});

test('signed-out visitors are sent to the sign-in page', async ({ page }) => {
  for (const path of ['/portal', '/caseload', '/catalog', '/admin']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
});
