import { expect, test, type Browser } from '@playwright/test';
import sharp from 'sharp';
import { DEMO, signIn } from '../support/sign-in';

// Seeing how: Sam's drawings on a phone, a clinic photo that reaches Sam and nobody outside his care, and the
// printed programme. The photo goes on Calf raises ("Up on your toes" to Sam), which no other spec reads
// with a photo; these steps run in order.
test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 };
const DESCRIPTION = 'Hands on the counter, heels lifted, back straight';
let mediaPath = '';

async function phoneSession(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("Sam's portal shows each home exercise with its drawing, the first one on the first screen", async ({ browser }) => {
  const { context, page } = await phoneSession(browser, DEMO.patient);
  const cards = page.getByRole('list', { name: "Today's home exercises" }).getByRole('listitem');
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThan(3);
  for (let index = 0; index < count; index += 1) {
    const card = cards.nth(index);
    const name = await card.getByRole('heading', { level: 3 }).textContent();
    // The drawing names what the body does.
    await expect(card.getByRole('img').first(), `drawing of ${name}`).toHaveAccessibleName(/\w+ \w+ \w+/);
  }
  const first = cards.first();
  await expect(first.getByRole('img').first()).toBeInViewport();
  await expect(first.getByText(/^(Log|Change today's log of) /)).toBeInViewport();
  await context.close();
});

test('logging Daily walks on a phone takes two taps and the two pain scores', async ({ browser }) => {
  const { context, page } = await phoneSession(browser, DEMO.patient);
  const card = page.getByRole('list', { name: "Today's home exercises" }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Daily walks' }) });
  await card.getByText(/^(Log Daily walks|Change today's log of Daily walks)$/).click(); // tap 1
  const form = card.getByRole('form', { name: 'Log Daily walks' });
  // Done is already chosen, the day is today: only the pain scores are left to give.
  await form.getByLabel('Back pain').selectOption('2');
  await form.getByLabel('Leg pain').selectOption('1');
  await form.getByRole('button', { name: 'Save Daily walks' }).click(); // tap 2
  await expect(form.getByRole('status')).toHaveText('Saved Daily walks.');
  await expect(card.getByText('Done today')).toBeVisible();
  await context.close();
});

test('the therapist adds a photo to Calf raises and shows it first; Sam sees it in "How to do"', async ({ browser, page }) => {
  await signIn(page, DEMO.therapist);
  await page.goto('/catalog');
  await page.getByRole('link', { name: 'Calf raises', exact: true }).click();
  const upload = page.getByRole('form', { name: 'Add a photo or video of Calf raises' });
  await upload.getByLabel(/What it shows/).fill(DESCRIPTION);
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 60, g: 120, b: 180 } } })
    .jpeg()
    .toBuffer();
  await upload.getByLabel(/Photo or video/).setInputFiles({ name: 'calf-raises.jpg', mimeType: 'image/jpeg', buffer: photo });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload.getByRole('status')).toHaveText('Added.');
  const gallery = page.getByRole('region', { name: 'Photos and videos' });
  await expect(gallery.getByRole('img', { name: DESCRIPTION })).toBeVisible();
  await gallery.getByRole('button', { name: 'Show to patients first' }).click();
  await expect(gallery.getByText('Shown first')).toBeVisible();

  const { context, page: sam } = await phoneSession(browser, DEMO.patient);
  const card = sam.getByRole('list', { name: "Today's home exercises" }).getByRole('listitem').filter({ has: sam.getByRole('heading', { name: 'Up on your toes' }) });
  await card.getByText('How to do Up on your toes').click();
  const shown = card.getByRole('img', { name: DESCRIPTION });
  await expect(shown).toBeVisible();
  await expect.poll(() => shown.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
  mediaPath = (await shown.getAttribute('src')) ?? '';
  expect(mediaPath).toMatch(/^\/api\/media\/[\w-]+$/);
  const answer = await sam.request.get(mediaPath);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('image/jpeg');
  expect(answer.headers()['cache-control']).toContain('private');
  await context.close();
});

for (const [who, email] of [
  ["another clinic's therapist", DEMO.summitTherapist],
  ['a patient whose plan does not include it', 'fusion.patient@harbor.test'],
  ["another clinic's patient", DEMO.summitPatient],
] as const) {
  test(`${who} gets 404 for the photo`, async ({ page }) => {
    expect(mediaPath, 'the upload test ran first').not.toBe('');
    await signIn(page, email);
    const answer = await page.request.get(mediaPath);
    expect(answer.status()).toBe(404);
    expect(answer.headers()['content-type'] ?? '').not.toContain('image/');
  });
}

test('Sam prints his plan from the portal: a PDF of his programme', async ({ browser }) => {
  const { context, page } = await phoneSession(browser, DEMO.patient);
  const paper = page.getByRole('region', { name: 'Your plan on paper' });
  const [download] = await Promise.all([page.waitForEvent('download'), paper.getByRole('link', { name: 'Print your plan' }).click()]);
  expect(download.suggestedFilename()).toBe('exercise-plan.pdf');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The clinic's photo of Calf raises is in it (a JPEG image), in place of the drawing.
  expect(bytes.toString('latin1')).toMatch(/\/Subtype\s*\/Image[\s\S]*\/DCTDecode|\/DCTDecode[\s\S]*\/Subtype\s*\/Image/);
  await context.close();
});
