import { expect, test } from '@playwright/test';
import { DEMO, signIn } from '../support/sign-in';

test('the admin filters the audit trail and exports it as CSV', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();

  const filters = page.getByRole('form', { name: 'Filter the audit trail' });
  await filters.getByLabel('Patient').selectOption({ label: 'Sam Rivera' });
  // Actions in words on the page; the CSV keeps the codes.
  await filters.getByLabel('Action').selectOption({ label: 'Approved a plan version' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('Approved a plan version');
  await expect(rows.nth(1)).toContainText('Plan version');
  await expect(rows.nth(1)).not.toContainText('plan.approve');
  await expect(rows.nth(1)).not.toContainText(/\bc[a-z0-9]{24}\b/); // no ids
  await expect(rows.nth(1)).toContainText('Sam Rivera');
  await expect(rows.nth(1)).toContainText('Jordan Lee');
  for (const cells of await rows.allTextContents()) expect(cells).not.toContain('Signed in');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export as CSV' }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  const [header, ...lines] = text.trim().split('\r\n');
  expect(header).toBe('id,at,actorId,clinicId,action,entityType,entityId,patientId,outcome,ip,before,after,prevHash,hash');
  expect(lines.length).toBeGreaterThanOrEqual(2);
  for (const line of lines) expect(line).toContain(',plan.approve,');
});

test('nobody but the admin sees the audit trail', async ({ page }) => {
  await signIn(page, DEMO.therapist);
  expect((await page.goto('/admin/audit'))?.status()).toBe(404);
  const response = await page.request.get('/api/audit/export');
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain('hash');
});
