import { expect, test, type Browser, type Page } from '@playwright/test';
import { isoDaysAgo } from '../support/clinic-day';
import { DEMO, DEMO_PASSWORD, signIn } from '../support/sign-in';

// The whole clinical story, through the browser, as the three roles: the therapist registers a patient
// and builds and approves a plan from the protocol, the surgeon signs off some items and declines one,
// the patient sees exactly the cleared items and logs a session, the therapist sees it and advances.
test.describe.configure({ mode: 'serial' });

const stamp = `${Date.now()}`;
const firstName = 'Quinn';
const lastName = `Story${stamp}`;
const fullName = `${firstName} ${lastName}`;
const email = `quinn.${stamp}@example.test`;
const patientPassword = 'green river stones 42';
// The decompression protocol's phases 1 and 2, by clinical name, in the order the draft lists them.
const PHASE_1 = ['Walking', 'Ankle pumps', 'Diaphragmatic breathing', 'Abdominal bracing', 'Quad sets', 'Gluteal squeeze'];
const PHASE_2 = ['Knee flexion', 'Lying march', 'Side-lying clam', 'Sit to stand', 'Calf raises', 'Standing hip abduction'];
let patientPath = '';

async function asTherapist(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, DEMO.therapist);
  return page;
}

async function approve(page: Page, versionNumber: number) {
  const approveForm = page.getByRole('form', { name: 'Approve' });
  await approveForm.getByLabel('Your password').fill(DEMO_PASSWORD);
  await approveForm.getByRole('button', { name: `Approve version ${versionNumber}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: fullName })).toBeVisible();
}

test('the therapist registers a patient and approves a plan from the protocol', async ({ browser }) => {
  const page = await asTherapist(browser);
  await page.getByRole('link', { name: 'New patient' }).click();
  await page.getByLabel('First name').fill(firstName);
  await page.getByLabel('Last name').fill(lastName);
  await page.getByLabel('Date of birth').fill('1972-02-29');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Procedure').fill('Lumbar microdiscectomy (L5-S1)');
  await page.getByLabel('Surgery date').fill(isoDaysAgo(8));
  await page.getByLabel('Surgeon').selectOption({ label: 'Dr. Priya Shah' });
  await page.getByLabel('Protocol').selectOption({ label: 'Lumbar decompression (microdiscectomy, laminectomy)' });
  await page.getByRole('button', { name: 'Create patient' }).click();

  // The first draft comes from phase 1: walking, circulation, breathing and muscle setting.
  await expect(page.getByRole('heading', { level: 1, name: `Draft version 1 for ${fullName}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Exercises' }).getByRole('heading', { level: 3 })).toHaveText(PHASE_1);
  patientPath = new URL(page.url()).pathname.replace(/\/draft$/, '');

  // A wrong password signs nothing.
  const approveForm = page.getByRole('form', { name: 'Approve' });
  await approveForm.getByLabel('Your password').fill('not my password');
  await approveForm.getByRole('button', { name: 'Approve version 1' }).click();
  await expect(approveForm.getByRole('alert').filter({ hasText: 'That password is not right' })).toBeVisible();
  await approve(page, 1);
  const current = page.getByRole('region', { name: 'Current plan' });
  await expect(current.getByRole('row', { name: /Walking/ })).toContainText('Waiting for surgeon');

  // Day 8: phase 2 is open. Advance, adjust a dosage, approve.
  const advance = page.getByRole('form', { name: 'Advance to phase 2' });
  await advance.getByLabel('Walks 5–10 minutes at a time, several times a day').check();
  await advance.getByRole('button', { name: 'Advance to phase 2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Draft version 2 for ${fullName}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Exercises' }).getByRole('heading', { level: 3 })).toHaveText([...PHASE_1, ...PHASE_2]);
  await expect(page.getByRole('list', { name: 'Criteria met' })).toContainText('Walks 5–10 minutes at a time, several times a day');

  const kneeFlexion = page.getByRole('form', { name: 'Knee flexion' });
  await kneeFlexion.getByLabel('Reps').fill('8');
  await kneeFlexion.getByRole('button', { name: 'Save Knee flexion' }).click();
  await expect(kneeFlexion.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('list', { name: 'Added' })).toContainText('Knee flexion: 1 set of 8');
  await approve(page, 2);

  await expect(current.getByRole('row', { name: /Walking/ })).toContainText('Waiting for surgeon');
  await expect(current.getByRole('row', { name: /Lying march/ })).toContainText('Cleared');
  await page.close();
});

test('the surgeon signs off three items and declines one', async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, DEMO.surgeon);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-offs' })).toBeVisible();
  for (const exercise of ['Walking', 'Abdominal bracing', 'Sit to stand']) {
    const request = page.getByRole('article', { name: `${exercise} for ${fullName}` });
    await expect(request).toContainText('day 8');
    await request.getByLabel('Sign off: safe for the patient to do at home').check();
    await request.getByLabel('Your password').fill(DEMO_PASSWORD);
    await request.getByRole('button', { name: `Record decision on ${exercise}` }).click();
    await expect(request).toHaveCount(0);
  }
  // Supervised items never reach the surgeon.
  await expect(page.getByRole('article', { name: `Lying march for ${fullName}` })).toHaveCount(0);

  const knee = page.getByRole('article', { name: `Knee flexion for ${fullName}` });
  await expect(knee).toContainText('1 set of 8');
  await knee.getByLabel('Decline', { exact: true }).check();
  await knee.getByLabel('Your password').fill(DEMO_PASSWORD);
  await knee.getByRole('button', { name: 'Record decision on Knee flexion' }).click();
  await expect(knee.getByRole('alert').filter({ hasText: 'Say why you are declining' })).toBeVisible();
  await knee.getByLabel('Reason (needed to decline)').fill('Too early after this disc repair; do it with the therapist first.');
  await knee.getByRole('button', { name: 'Record decision on Knee flexion' }).click();
  await expect(knee).toHaveCount(0);
  await page.close();
});

test('the patient sees exactly the cleared items and logs a session; the therapist sees it', async ({ browser }) => {
  const therapist = await asTherapist(browser);
  await therapist.goto(patientPath);
  await expect(therapist.getByRole('region', { name: 'Declined by the surgeon' })).toContainText('Too early after this disc repair');
  const panel = therapist.getByRole('region', { name: 'Portal invitation' });
  await panel.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await panel.getByLabel('Invitation link').inputValue();
  expect(link).toContain('/invite/');

  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneContext.newPage();
  await phone.goto(link);
  await phone.getByLabel('New password').fill(patientPassword);
  await phone.getByLabel('Repeat password').fill(patientPassword);
  await phone.getByRole('button', { name: 'Set password' }).click();
  await expect(phone).toHaveURL(/\/(portal|caseload|sign-offs|admin)$/);
  await expect(phone).toHaveURL(/\/portal$/);

  const home = phone.getByRole('list', { name: "Today's home exercises" });
  const withTherapist = phone.getByRole('list', { name: 'Exercises with your therapist' });
  // The plain names patients read: Walking, Abdominal bracing, Sit to stand; Lying march with the therapist.
  await expect(home.getByRole('heading', { level: 3 })).toHaveText(['Daily walks', 'Tummy brace', 'Sit to stand']);
  await expect(withTherapist.getByRole('heading', { level: 3 })).toHaveText(['Foot lifts lying down']);
  const payload = await (await phone.request.get('/portal')).text();
  expect(payload).not.toContain('Knee flexion');
  expect(payload).not.toContain('Heel slides');

  await phone.getByText('Log Daily walks', { exact: true }).click();
  const log = phone.getByRole('form', { name: 'Log Daily walks' });
  await log.getByLabel('Back pain').selectOption('8');
  await log.getByLabel('Leg pain').selectOption('2');
  await log.getByText('More: sets, day, note').click();
  await log.getByLabel('Note (optional)').fill('Sharp pain after the second walk.');
  await log.getByRole('button', { name: 'Save Daily walks' }).click();
  // High pain: never "well done", but stop and whom to call.
  await expect(log.getByRole('alert')).toContainText('Stop Daily walks for today.');
  await expect(log.getByRole('alert')).toContainText('We told your care team.');
  await phoneContext.close();

  await therapist.goto('/caseload');
  const row = therapist.getByRole('row', { name: new RegExp(fullName) });
  await expect(row).toContainText('Back 8, leg 2');
  await expect(row).toContainText('Pain alert');
  await expect(row).toContainText('Declined by surgeon');
  await expect(row).toContainText('Phase 2: Gentle movement');
  await therapist.close();
});

test('the therapist advances the patient early, with a reason', async ({ browser }) => {
  const page = await asTherapist(browser);
  await page.goto(patientPath);
  const advance = page.getByRole('form', { name: 'Advance to phase 3' });
  await expect(page.getByRole('region', { name: 'Next phase' })).toContainText('Earliest start: day 14 after surgery');
  await advance.getByRole('button', { name: 'Advance to phase 3' }).click();
  await expect(advance.getByRole('alert')).toContainText('reason');
  await advance.getByLabel(/Reason/).fill('Strong and pain-free in clinic; surgeon agreed at review.');
  await advance.getByRole('button', { name: 'Advance to phase 3' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Draft version 3 for ${fullName}` })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Added' })).toContainText('Bridging');
  await expect(page.getByText('Reason: Strong and pain-free in clinic; surgeon agreed at review.')).toBeVisible();
  await approve(page, 3);
  await page.getByRole('link', { name: 'Compare version 2 with 3' }).click();
  await expect(page.getByRole('list', { name: 'Added' })).toContainText('Bridging');
  await page.close();
});
