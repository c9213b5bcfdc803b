import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
}

test('a patient cannot open clinician pages', async ({ page }) => {
  await signIn(page, DEMO.patient);
  for (const path of ['/caseload', '/catalog', '/admin', '/sign-offs', '/catalog/new']) {
    await expectNotFound(page, path);
  }
});

test("the Summit therapist cannot find or open anything of Harbor's", async ({ browser }) => {
  // Collect Harbor's record addresses as Harbor's therapist sees them.
  const harbor = await browser.newPage();
  await signIn(harbor, DEMO.therapist);
  await harbor.goto('/caseload');
  const samLink = harbor.getByRole('link', { name: 'Sam Rivera' });
  await expect(samLink).toBeVisible();
  const samPath = await samLink.getAttribute('href');
  await harbor.goto('/catalog?q=Bridging');
  const bridgingPath = await harbor.getByRole('link', { name: 'Bridging' }).getAttribute('href');
  expect(samPath).toMatch(/^\/patients\//);
  expect(bridgingPath).toMatch(/^\/catalog\//);
  await harbor.close();

  const summit = await browser.newPage();
  await signIn(summit, DEMO.summitTherapist);
  await summit.goto('/caseload');
  await expect(summit.getByRole('link', { name: 'Sam Rivera' })).toHaveCount(0);
  await expect(summit.getByRole('link', { name: 'Robin Hale' })).toBeVisible();
  await summit.goto('/catalog?q=Bridging');
  // Summit has its own catalog: its Bridging is a different record from Harbor's.
  const summitBridging = await summit.getByRole('link', { name: 'Bridging' }).getAttribute('href');
  expect(summitBridging).not.toBe(bridgingPath);
  await expectNotFound(summit, samPath!);
  await expectNotFound(summit, bridgingPath!);
  await expectNotFound(summit, `${bridgingPath!}/edit`);
});

test('the therapist browses and searches the catalog', async ({ page }) => {
  await signIn(page, DEMO.therapist);
  await page.getByRole('link', { name: 'Exercise catalog' }).click();
  await expect(page.getByRole('heading', { name: 'Exercise catalog' })).toBeVisible();
  for (const name of ['Walking', 'Hamstring stretch', 'Knee flexion', 'Pelvic tilt', 'Lying march', 'Bridging']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.getByRole('searchbox', { name: 'Search' }).fill('pelvic');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: 'Pelvic tilt', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Walking', exact: true })).toHaveCount(0);

  await page.getByRole('link', { name: 'Pelvic tilt', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Instructions for the patient' })).toBeVisible();
  // Therapists read the catalog; only admins change it.
  await expect(page.getByRole('link', { name: 'Edit exercise' })).toHaveCount(0);
});

test('the admin adds, edits and retires an exercise', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/catalog/new');
  const name = `Seated heel raise ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel(/Instructions for the patient/).fill('Sit tall on a firm chair.\nLift both heels, then lower them slowly.');
  await page.getByLabel('Body region').fill('Legs');
  await page.getByLabel('Position').fill('Sitting');
  await page.getByLabel('Reps').fill('10');
  await page.getByLabel('Sets', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Save exercise' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Sets must be at least 1' })).toBeVisible();
  // The form keeps what was typed after a refused save.
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);

  await page.getByLabel('Sets', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Save exercise' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByRole('link', { name: 'Edit exercise' }).click();
  await page.getByLabel('Times a day').fill('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('2 sets of 10, twice a day')).toBeVisible();

  await page.getByRole('button', { name: 'Retire exercise' }).click();
  await expect(page.getByText('Retired', { exact: true })).toBeVisible();
  await page.goto(`/catalog?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('link', { name })).toHaveCount(0);
});
