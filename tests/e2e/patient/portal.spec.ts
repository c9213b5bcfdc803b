import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

// Sam Rivera's demo regimen (phase 2 of the decompression protocol): Walking, Abdominal bracing, Quad sets,
// Gluteal squeeze and four phase 2 exercises are signed off; Knee flexion is waiting for the surgeon; Lying
// march is supervised; a draft adds Bridging. The portal shows each by its plain name. These steps change
// Sam's plan, so they run in order in one file.
const HOME = ['Daily walks', 'Tummy brace', 'Tighten your thigh', 'Squeeze your buttocks', 'Clams on your side', 'Sit to stand', 'Up on your toes', 'Leg out to the side'];
test.describe.configure({ mode: 'serial' });

function exerciseHeadings(page: Page, listName: string) {
  return page.getByRole('list', { name: listName }).getByRole('heading', { level: 3 });
}

test('Sam sees exactly the cleared exercises, and nothing else reaches the browser', async ({ page }) => {
  await signIn(page, DEMO.patient);
  await expect(page).toHaveURL(/\/portal$/);
  await expect(exerciseHeadings(page, "Today's home exercises")).toHaveText(HOME);
  await expect(exerciseHeadings(page, 'Exercises with your therapist')).toHaveText(['Foot lifts lying down']);
  await expect(page.getByRole('region', { name: 'Today' }).getByText('10 minutes, 3 times a day, every day')).toBeVisible();
  // Done at visits: no home schedule.
  await expect(page.getByRole('region', { name: 'With your therapist' }).getByText('1 set of 10, each side', { exact: true })).toBeVisible();
  // Whom to call is always in view, as tap-to-call links.
  const help = page.getByRole('complementary', { name: 'Get help' });
  await expect(help.getByRole('link', { name: 'call 911' })).toHaveAttribute('href', 'tel:911');
  await expect(help.getByRole('link', { name: '(555) 010-2000' })).toHaveAttribute('href', 'tel:5550102000');

  // Not only hidden: the HTML and the React Server Component payload never carry them.
  const response = await page.request.get('/portal');
  const body = await response.text();
  for (const secret of ['Knee flexion', 'Heel slides', 'Bridging', 'Bottom lifts', 'therapistNotes', 'contentHash']) {
    expect(body, secret).not.toContain(secret);
  }
});

test('Sam logs Tummy brace where it stands on the list and sees it counted', async ({ page }) => {
  await signIn(page, DEMO.patient);
  const item = page.getByRole('list', { name: "Today's home exercises" }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Tummy brace' }) });
  await item.getByText(/^(Log Tummy brace|Change today's log of Tummy brace)$/).click();
  const form = page.getByRole('form', { name: 'Log Tummy brace' });
  await form.getByRole('button', { name: 'Save Tummy brace' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'Back pain: Choose your pain from 0 to 10.' })).toBeVisible();
  await form.getByLabel('Back pain').selectOption('3');
  await form.getByLabel('Leg pain').selectOption('1');
  await form.getByText('More: sets, day, note').click();
  await form.getByLabel('Sets done').fill('1');
  await form.getByRole('button', { name: 'Save Tummy brace' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved Tummy brace.');
  await expect(item.getByText('Done today')).toBeVisible();
  await page.getByText('What you logged lately').click();
  await expect(page.getByRole('list', { name: 'Recent sessions' }).getByText(/Tummy brace, done, 1 set, back pain 3, leg pain 1/).first()).toBeVisible();
  // The week chart counts today, and says so in words for a screen reader.
  const week = page.getByRole('region', { name: 'This week' });
  const todayRow = week.getByRole('table', { name: 'Your last 7 days' }).getByRole('row').last();
  // Done, back pain, leg pain: today's worst back pain is the 3 just logged (the seeded logs of today say 2).
  await expect(todayRow.getByRole('cell').nth(1)).toHaveText('3');
});

test('Sam logs high pain with a note; the therapist sees the alert first, the note and the chart, and acknowledges it', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const sam = await phone.newPage();
  await signIn(sam, DEMO.patient);
  await sam.getByText(/^(Log Daily walks|Change today's log of Daily walks)$/).click();
  const form = sam.getByRole('form', { name: 'Log Daily walks' });
  await form.getByLabel('Back pain').selectOption('8');
  await form.getByLabel('Leg pain').selectOption('3');
  await form.getByText('More: sets, day, note').click();
  await form.getByLabel('Note (optional)').fill('Sharp pain in my lower back');
  await form.getByRole('button', { name: 'Save Daily walks' }).click();
  await expect(form.getByRole('alert')).toContainText('Stop Daily walks for today.');
  await expect(form.getByRole('alert').getByRole('link', { name: '(555) 010-2000' })).toHaveAttribute('href', 'tel:5550102000');
  await phone.close();

  const therapist = await browser.newPage();
  await signIn(therapist, DEMO.therapist);
  const alerts = therapist.getByRole('region', { name: 'Alerts' });
  const painAlert = alerts.getByRole('listitem').filter({ hasText: 'Sam Rivera' }).filter({ hasText: 'Back pain 8/10' });
  await expect(painAlert).toBeVisible();
  await painAlert.getByRole('link', { name: 'Sam Rivera' }).click();
  const sessions = therapist.getByRole('region', { name: 'Sessions and pain' });
  await expect(sessions.getByRole('row').filter({ hasText: 'Sharp pain in my lower back' })).toContainText('8');
  await expect(sessions.getByRole('img', { name: /Back and leg pain by day since surgery/ })).toBeVisible();
  await expect(sessions.getByRole('img', { name: /Weekly adherence/ })).toBeVisible();
  const open = sessions.getByRole('form', { name: /Acknowledge pain alert/ });
  await open.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(open.getByRole('alert')).toContainText('Write a short note');
  await open.getByLabel('Note').fill('Called Sam: rest today, walk shorter tomorrow.');
  await open.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(sessions.getByRole('form', { name: /Acknowledge pain alert/ })).toHaveCount(0);
  await therapist.reload();
  await therapist.getByText('Recently acknowledged alerts').click();
  await expect(therapist.getByRole('region', { name: 'Sessions and pain' })).toContainText('Called Sam: rest today, walk shorter tomorrow.');
  await therapist.close();
});

test('Sam reports new numbness and is told to call 911 at once; the surgeon sees it beside the sign-off request', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const sam = await phone.newPage();
  await signIn(sam, DEMO.patient);
  const help = sam.getByRole('complementary', { name: 'Get help' });
  await help.getByText('Warning signs', { exact: true }).click();
  const report = help.getByRole('form', { name: 'Tell your care team' });
  await report.getByLabel('New numbness between your legs or around your bottom.').check();
  await report.getByRole('button', { name: 'Tell my care team' }).click();
  const answer = report.getByRole('alert');
  await expect(answer).toContainText('Call 911 now.');
  await expect(answer.getByRole('link', { name: 'Call 911 now.' })).toHaveAttribute('href', 'tel:911');
  await expect(answer).toContainText('We told your care team.');
  await phone.close();

  const surgeon = await browser.newPage();
  await signIn(surgeon, DEMO.surgeon);
  await expect(surgeon.getByRole('region', { name: 'Alerts' }).getByRole('listitem').filter({ hasText: 'Sam Rivera' })).toContainText('New numbness between your legs');
  const request = surgeon.getByRole('article', { name: 'Knee flexion for Sam Rivera' });
  await expect(request).toContainText('Prescribed by');
  await expect(request).toContainText('Jordan Lee');
  await expect(request).toContainText(/Latest pain\s*Back 8\/10/);
  await expect(request).toContainText('New numbness between your legs');
  await expect(request).toContainText('Walking, Abdominal bracing, Quad sets, Gluteal squeeze, Side-lying clam');
  await surgeon.close();
});

test("another clinic's therapist gets 404 for Sam's record", async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, DEMO.summitTherapist);
  await expect(page.getByRole('region', { name: 'Alerts' })).not.toContainText('Sam Rivera');
  const harborTherapist = await browser.newPage();
  await signIn(harborTherapist, DEMO.therapist);
  await harborTherapist.getByRole('link', { name: 'Sam Rivera' }).first().click();
  const samPath = new URL(harborTherapist.url()).pathname;
  await harborTherapist.close();
  const response = await page.goto(samPath);
  expect(response?.status()).toBe(404);
  expect(await page.content()).not.toContain('Sharp pain in my lower back');
  await page.close();
});

test("the surgeon records a 5 kg lifting limit; Sam sees it in place of the protocol's, and the therapist is warned of a conflicting exercise", async ({ browser }) => {
  const surgeon = await browser.newPage();
  await signIn(surgeon, DEMO.surgeon);
  await surgeon.getByRole('link', { name: 'All your patients' }).click();
  await surgeon.getByRole('link', { name: /Rivera, Sam/ }).click();
  const orders = surgeon.getByRole('region', { name: "Surgeon's orders" });
  await expect(orders).toContainText('No orders yet');
  await expect(orders.getByRole('list', { name: 'Restrictions in force' })).toContainText('Do not lift more than 4 kg.');
  const form = orders.getByRole('form', { name: 'Record orders' });
  await form.getByLabel('Lifting limit').fill('60');
  await form.getByLabel('Your password').fill('demo-password');
  await form.getByRole('button', { name: 'Sign orders' }).click();
  await expect(form.getByRole('alert')).toContainText('The lifting limit must be from 0 to 50 kg.');
  await form.getByLabel('Lifting limit').fill('5');
  await form.getByRole('button', { name: 'Sign orders' }).click();
  await expect(form.getByRole('status')).toHaveText('Orders version 1 signed.');
  await surgeon.reload();
  await expect(surgeon.getByRole('region', { name: "Surgeon's orders" })).toContainText('Version 1, signed by Dr. Priya Shah');
  await surgeon.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const sam = await phone.newPage();
  await signIn(sam, DEMO.patient);
  const care = sam.getByRole('region', { name: 'Take care for now' });
  await expect(care).toContainText('Your surgeon set these limits for you:');
  await expect(care.getByRole('list', { name: 'Your limits' })).toContainText('Do not lift more than 5 kg.');
  await expect(care).not.toContainText('4 kg');
  await phone.close();

  const therapist = await browser.newPage();
  await signIn(therapist, DEMO.therapist);
  await therapist.goto('/caseload');
  await therapist.getByRole('link', { name: 'Sam Rivera' }).first().click();
  await therapist.getByRole('link', { name: /Open draft/ }).click();
  await expect(therapist.getByRole('list', { name: 'Restrictions in force for this draft' })).toContainText('Do not lift more than 5 kg.');
  const add = therapist.getByRole('form', { name: 'Add an exercise' });
  await add.getByLabel('Exercise').selectOption({ label: 'Lifting practice' });
  await add.getByRole('button', { name: 'Add exercise' }).click();
  await expect(add.getByRole('alert')).toContainText(/Lifting practice loads .*lifting/);
  await expect(therapist.getByRole('region', { name: 'Lifting practice' }).getByRole('note')).toContainText("the surgeon's orders rule out for now");
  await therapist.close();
});

test('once the surgeon signs Knee flexion off, it appears for Sam', async ({ browser }) => {
  const surgeonPage = await browser.newPage();
  await signIn(surgeonPage, DEMO.surgeon);
  const request = surgeonPage.getByRole('article', { name: 'Knee flexion for Sam Rivera' });
  await expect(request).toBeVisible();
  await expect(request.getByText(/Phase 2: Gentle movement, from day 7/)).toBeVisible();
  // Neither decision is made for the surgeon.
  await expect(request.getByLabel('Sign off: safe for the patient to do at home')).not.toBeChecked();
  await expect(request.getByLabel('Decline', { exact: true })).not.toBeChecked();
  await request.getByLabel('Your password').fill('demo-password');
  await request.getByRole('button', { name: 'Record decision on Knee flexion' }).click();
  await expect(request.getByRole('alert').filter({ hasText: 'Choose sign off or decline.' })).toBeVisible();
  await request.getByLabel('Sign off: safe for the patient to do at home').check();
  await request.getByRole('button', { name: 'Record decision on Knee flexion' }).click();
  await expect(surgeonPage.getByRole('article', { name: 'Knee flexion for Sam Rivera' })).toHaveCount(0);
  await surgeonPage.close();

  const patientPage = await browser.newPage();
  await signIn(patientPage, DEMO.patient);
  await expect(exerciseHeadings(patientPage, "Today's home exercises")).toHaveText([...HOME.slice(0, 4), 'Heel slides', ...HOME.slice(4)]);
  const body = await (await patientPage.request.get('/portal')).text();
  expect(body).not.toContain('Bridging');
  expect(body).not.toContain('Bottom lifts');
});
