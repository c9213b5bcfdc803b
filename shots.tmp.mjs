import { chromium } from '@playwright/test';
const base = process.env.BASE;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desk', { width: 1280, height: 900 }]]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, 'patient@harbor.test');
  await page.goto(`${base}/portal`);
  const section = page.getByRole('region', { name: 'Reminders' });
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: `/tmp/rem/shots/portal-reminders-${name}.png` });
  await page.getByRole('button', { name: /Make my calendar link|Make a new link/ }).click();
  await page.getByLabel('Your calendar link').waitFor();
  await section.screenshot({ path: `/tmp/rem/shots/portal-calendar-made-${name}.png` });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(name, 'portal scrollWidth', width);
  await context.close();
}
// Therapist: Sam's page, reset password so the invitation buttons show.
for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desk', { width: 1280, height: 900 }]]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, 'therapist@harbor.test');
  await page.goto(`${base}/patients`);
  await page.getByRole('link', { name: /Rivera/ }).first().click();
  await page.waitForURL(/\/patients\/[a-z0-9]+$/);
  const panel = page.getByRole('region', { name: 'Portal invitation' });
  if (await page.getByRole('button', { name: 'Reset password' }).count()) {
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByLabel('Your password, to confirm').fill('demo-password');
    await page.getByRole('button', { name: 'Reset password and make a link' }).click();
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
  } else {
    await page.getByRole('button', { name: 'Create invitation link' }).click();
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
  }
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `/tmp/rem/shots/patient-invitation-${name}.png` });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(name, 'patient page scrollWidth', width);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `/tmp/rem/shots/patient-invitation-print-${name}.png`, fullPage: true });
  await context.close();
}
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await signIn(page, 'admin@harbor.test');
await page.goto(`${base}/admin/clinic`);
await page.getByRole('region', { name: 'Mail' }).screenshot({ path: '/tmp/rem/shots/admin-mail-desk.png' });
await browser.close();
