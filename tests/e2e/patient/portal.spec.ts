import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

// Sam Rivera's demo regimen: Walking, Hamstring stretch and Pelvic tilt are signed off; Knee flexion is
// waiting for the surgeon; Lying march is supervised; a draft adds Bridging. These steps change Sam's
// plan, so they run in order in one file.
test.describe.configure({ mode: 'serial' });

function exerciseHeadings(page: Page, sectionName: string) {
  return page.getByRole('region', { name: sectionName }).getByRole('heading', { level: 3 });
}

test('Sam sees exactly the cleared exercises, and nothing else reaches the browser', async ({ page }) => {
  await signIn(page, DEMO.patient);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(exerciseHeadings(page, 'Your home exercises')).toHaveText(['Walking', 'Hamstring stretch', 'Pelvic tilt']);
  await expect(exerciseHeadings(page, 'With your therapist')).toHaveText(['Lying march']);
  await expect(page.getByRole('region', { name: 'Your home exercises' }).getByText('10 minutes, 3 times a day, every day')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Stop and call us if…' })).toBeVisible();

  // Not only hidden: the HTML and the React Server Component payload never carry them.
  const response = await page.request.get('/portal');
  const body = await response.text();
  for (const secret of ['Knee flexion', 'Bridging', 'therapistNotes', 'contentHash']) {
    expect(body, secret).not.toContain(secret);
  }
});

test('Sam logs a session and sees it counted this week', async ({ page }) => {
  await signIn(page, DEMO.patient);
  const form = page.getByRole('form', { name: 'Log a session' });
  await form.getByLabel('Exercise').selectOption({ label: 'Pelvic tilt' });
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Choose your pain from 0 to 10' })).toBeVisible();
  await form.getByLabel(/Pain during or after/).selectOption('3');
  await form.getByLabel('Sets done').fill('1');
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved Pelvic tilt. Well done.');
  await expect(page.getByRole('list', { name: 'Recent sessions' }).getByText(/Pelvic tilt, done, 1 set, pain 3\/10/).first()).toBeVisible();
});

test('once the surgeon signs Knee flexion off, it appears for Sam', async ({ browser }) => {
  const surgeonPage = await browser.newPage();
  await signIn(surgeonPage, DEMO.surgeon);
  const request = surgeonPage.getByRole('article', { name: 'Knee flexion for Sam Rivera' });
  await expect(request).toBeVisible();
  await expect(request.getByText('Phase 2: Gentle movement')).toBeVisible();
  await request.getByLabel('Your password').fill('demo-password');
  await request.getByRole('button', { name: 'Record decision on Knee flexion' }).click();
  await expect(surgeonPage.getByRole('article', { name: 'Knee flexion for Sam Rivera' })).toHaveCount(0);
  await surgeonPage.close();

  const patientPage = await browser.newPage();
  await signIn(patientPage, DEMO.patient);
  await expect(exerciseHeadings(patientPage, 'Your home exercises')).toHaveText(['Walking', 'Hamstring stretch', 'Knee flexion', 'Pelvic tilt']);
  const body = await (await patientPage.request.get('/portal')).text();
  expect(body).not.toContain('Bridging');
});
