import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

// Other tests rely on the seeded protocols: these only read them, and make their own protocol to edit.

const CONFLICT = 'Someone else changed this protocol while you were editing. Reload to see their changes; nothing was saved.';

function phase(page: Page, name: string): Locator {
  return page.getByRole('region', { name });
}

/** The exercises a phase adds, in order, as its table lists them. */
function exercisesOf(section: Locator): Locator {
  return section.getByRole('table').getByRole('rowheader');
}

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
}

test('the therapist reads the decompression protocol, phase by phase', async ({ page }) => {
  const name = 'Lumbar decompression (microdiscectomy, laminectomy)';
  await signIn(page, DEMO.therapist);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Protocols' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Protocols' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lumbar fusion', exact: true })).toBeVisible();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  const phaseHeadings = page.getByRole('heading', { level: 2, name: /^Phase \d+:/ });
  await expect(phaseHeadings).toHaveText(['Phase 1: Protect and walk', 'Phase 2: Gentle movement', 'Phase 3: More movement', 'Phase 4: Build strength', 'Phase 5: Back to full activity']);

  const first = phase(page, 'Phase 1: Protect and walk');
  await expect(first.getByText('From day 0 after surgery')).toBeVisible();
  await expect(exercisesOf(first)).toHaveText(['Walking', 'Ankle pumps', 'Diaphragmatic breathing', 'Abdominal bracing', 'Quad sets', 'Gluteal squeeze']);
  await expect(first.getByRole('row', { name: /^Walking/ })).toContainText('10 minutes, 3 times a day, every day');

  const second = phase(page, 'Phase 2: Gentle movement');
  await expect(second.getByText('From day 7 after surgery')).toBeVisible();
  await expect(second.getByRole('listitem').filter({ hasText: 'If it is the same or worse, or has come back, do not advance: refer to the surgeon first' })).toBeVisible();
  await expect(exercisesOf(second)).toHaveText(['Knee flexion', 'Lying march', 'Side-lying clam', 'Sit to stand', 'Calf raises', 'Standing hip abduction']);
  await expect(second.getByRole('row', { name: /^Lying march/ })).toContainText('Supervised in clinic');
  await expect(second.getByRole('row', { name: /^Knee flexion/ })).toContainText('Self-directed at home');

  const third = phase(page, 'Phase 3: More movement');
  await expect(third.getByText('From day 14 after surgery')).toBeVisible();
  await expect(exercisesOf(third)).toContainText(['Bridging']);
  // Only the last phase offers to be removed.
  await expect(page.getByRole('button', { name: /^Remove phase/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Remove phase 5' })).toBeVisible();
});

test('the therapist builds a new protocol, and a bad dosage or a stale page changes nothing', async ({ page, context }) => {
  // One protocol is built up step by step through a dozen saves, each waiting for the page to refresh.
  test.slow();
  const name = `Cervical post-op ${Date.now()}`;
  await signIn(page, DEMO.therapist);
  await page.goto('/protocols');

  const newProtocol = page.getByRole('form', { name: 'New protocol' });
  await newProtocol.getByLabel('Name').fill(name);
  await newProtocol.getByLabel(/Description/).fill('After anterior cervical discectomy and fusion.');
  await newProtocol.getByRole('button', { name: 'Create protocol' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('This protocol has no phases yet.')).toBeVisible();

  const addPhase = page.getByRole('form', { name: 'Add a phase' });
  await addPhase.getByLabel('Phase name').fill('Protect the neck');
  await addPhase.getByLabel(/Earliest day after surgery/).fill('2');
  await addPhase.getByLabel(/Entry criteria/).fill('Wound dry\nPain controlled with tablets');
  await addPhase.getByLabel(/Precautions/).fill('Do not lift more than a full kettle.');
  await addPhase.getByRole('button', { name: 'Add phase' }).click();

  const first = phase(page, 'Phase 1: Protect the neck');
  await expect(first).toBeVisible();
  await expect(first.getByText('From day 2 after surgery')).toBeVisible();
  await expect(first.getByRole('listitem')).toHaveText(['Wound dry', 'Pain controlled with tablets']);
  await expect(first.getByRole('paragraph').filter({ hasText: 'Do not lift more than a full kettle.' })).toBeVisible();

  // A second phase may not start before the first: the form says which day to use.
  await page.getByRole('form', { name: 'Add a phase' }).getByLabel('Phase name').fill('Gentle movement');
  await page.getByRole('form', { name: 'Add a phase' }).getByLabel(/Earliest day after surgery/).fill('1');
  await page.getByRole('form', { name: 'Add a phase' }).getByRole('button', { name: 'Add phase' }).click();
  await expect(page.getByRole('form', { name: 'Add a phase' }).getByRole('alert')).toContainText(
    "Phase 2 can't start before phase 1, which starts from day 2 after surgery. Use day 2 or later.",
  );
  await expect(page.getByRole('heading', { level: 2, name: /^Phase 2/ })).toHaveCount(0);

  // Choosing an exercise fills in its catalog dosage, which the therapist can then change.
  const addExercise = page.getByRole('form', { name: 'Add an exercise to phase 1' });
  await addExercise.getByLabel('Exercise', { exact: true }).selectOption({ label: 'Walking' });
  await expect(addExercise.getByLabel('Minutes')).toHaveValue('10');
  await addExercise.getByLabel('Mode').selectOption({ label: 'Self-directed at home' });
  await addExercise.getByLabel('Times a day').fill('2');
  await addExercise.getByRole('button', { name: 'Add exercise to phase 1' }).click();
  await expect(exercisesOf(first)).toHaveText(['Walking']);
  const walking = first.getByRole('row', { name: /^Walking/ });
  await expect(walking).toContainText('10 minutes, twice a day, every day');
  await expect(walking).toContainText('Self-directed at home');
  await expect(page.getByRole('form', { name: 'Add an exercise to phase 1' }).getByRole('option', { name: 'Walking' })).toHaveCount(0);

  const changeWalking = page.getByRole('form', { name: 'Change Walking in phase 1' });
  await changeWalking.getByLabel('Minutes').fill('15');
  await changeWalking.getByRole('button', { name: 'Save Walking in phase 1' }).click();
  await expect(walking).toContainText('15 minutes, twice a day, every day');

  await page.getByRole('form', { name: 'Change Walking in phase 1' }).getByLabel('Days a week').fill('9');
  await page.getByRole('button', { name: 'Save Walking in phase 1' }).click();
  await expect(page.getByRole('form', { name: 'Change Walking in phase 1' }).getByRole('alert')).toContainText('Days a week can be at most 7.');
  await expect(walking).toContainText('15 minutes, twice a day, every day');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Change Walking in phase 1' }).getByLabel('Days a week')).toHaveValue('7');
  await expect(first.getByRole('row', { name: /^Walking/ })).toContainText('15 minutes, twice a day, every day');

  // A second tab still shows the page as it was before the next save there.
  const stale = await context.newPage();
  await stale.goto(page.url());
  await page.getByRole('form', { name: 'Edit phase 1' }).getByLabel('Phase name').fill('Protect and heal');
  await page.getByRole('button', { name: 'Save phase 1' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Phase 1: Protect and heal' })).toBeVisible();

  await stale.getByRole('form', { name: 'Change Walking in phase 1' }).getByLabel('Minutes').fill('30');
  await stale.getByRole('button', { name: 'Save Walking in phase 1' }).click();
  await expect(stale.getByRole('form', { name: 'Change Walking in phase 1' }).getByRole('alert')).toContainText(CONFLICT);
  await stale.reload();
  const healed = phase(stale, 'Phase 1: Protect and heal');
  await expect(healed.getByRole('row', { name: /^Walking/ })).toContainText('15 minutes, twice a day, every day');
  await stale.close();

  const current = phase(page, 'Phase 1: Protect and heal');
  await page.getByRole('button', { name: 'Remove Walking from phase 1' }).click();
  await expect(current.getByRole('table')).toHaveCount(0);
  await page.getByRole('button', { name: 'Remove phase 1' }).click();
  await expect(page.getByText('This protocol has no phases yet.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Phase 1/ })).toHaveCount(0);
});

test('a patient and a surgeon get 404 for protocols', async ({ browser }) => {
  for (const email of [DEMO.patient, DEMO.surgeon]) {
    const page = await browser.newPage();
    await signIn(page, email);
    await expectNotFound(page, '/protocols');
    await page.close();
  }
});

test("the Summit therapist cannot open Harbor's protocol", async ({ browser }) => {
  const name = 'Lumbar decompression (microdiscectomy, laminectomy)';
  const harbor = await browser.newPage();
  await signIn(harbor, DEMO.therapist);
  await harbor.goto('/protocols');
  const harborPath = await harbor.getByRole('link', { name, exact: true }).getAttribute('href');
  expect(harborPath).toMatch(/^\/protocols\/[a-z0-9]+$/);
  await harbor.close();

  const summit = await browser.newPage();
  await signIn(summit, DEMO.summitTherapist);
  await summit.goto('/protocols');
  const summitPath = await summit.getByRole('link', { name, exact: true }).getAttribute('href');
  expect(summitPath).not.toBe(harborPath);
  await expectNotFound(summit, harborPath!);
  await summit.close();
});
