// The second factor in Chromium: passkeys answered by Chromium's virtual WebAuthn authenticator (CDP), codes made
// by otplib from the key the account page shows, recovery codes read off the page. Every account here is fresh,
// so the demo users (who have no factor) and the other specs are not touched.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { DECOMPRESSION_PROTOCOL } from '../../../prisma/data/catalog';
import { nextIp, signInOverHttp } from '../authz/support/actors';
import { one, rows } from '../authz/support/database';
import { describeAnswer, loadActions, postAction } from '../authz/support/server-actions';
import { draftOf, shownItemsOf, suiteEmail, uniqueLastName } from '../authz/support/world';
import { isoDaysAgo } from '../support/clinic-day';
import { freshAccount } from '../support/fresh-account';
import { DEMO_PASSWORD } from '../support/sign-in';

async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

async function passwordStep(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'One more step' })).toBeVisible();
}

async function signOut(page: Page) {
  await page.context().clearCookies({ name: /next-auth/ });
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Regimen' })).toBeVisible();
}

async function addPasskey(page: Page) {
  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Second factor' });
  await section.getByLabel(/Name for this passkey/).fill('Test laptop');
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(section.getByText('Passkey added.')).toBeVisible();
  const codes = await section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
  expect(codes).toHaveLength(10);
  return codes;
}

test('a therapist adds a passkey, signs out, and signs in with the password and the passkey', async ({ page }) => {
  await virtualAuthenticator(page);
  const { email } = await freshAccount('THERAPIST');
  await passwordStepless(page, email);
  await addPasskey(page);
  await expect(page.getByRole('list', { name: 'Your passkeys' })).toContainText('Test laptop');
  await signOut(page);

  await passwordStep(page, email);
  // No session yet: the caseload still sends the browser to sign in.
  const before = await page.request.get('/caseload', { maxRedirects: 0 });
  expect(before.status()).toBeGreaterThanOrEqual(300);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page).toHaveURL(/\/caseload$/);
});

/** Signs in an account with no factor yet (one step). */
async function passwordStepless(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test('an authenticator app signs in with a generated code, and a recovery code works once only', async ({ page }) => {
  const { email } = await freshAccount('SURGEON');
  await passwordStepless(page, email);
  await page.goto('/account');
  const section = page.getByRole('region', { name: 'Second factor' });
  await section.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(section.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await section.getByLabel('Key for your authenticator app').textContent())!.trim();
  await section.getByLabel('6-digit code from the app').fill(await generate({ secret }));
  await section.getByRole('button', { name: 'Confirm the app' }).click();
  await expect(section.getByText('Authenticator app set up.')).toBeVisible();
  const codes = await section.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allTextContents();
  expect(codes).toHaveLength(10);
  await signOut(page);

  await passwordStep(page, email);
  // The confirming code's time step is used up: the code of the next step (accepted one step early).
  await page.getByLabel('6-digit code').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole('button', { name: 'Sign in with the code' }).click();
  await expect(page).toHaveURL(/\/sign-offs$/);
  await signOut(page);

  await passwordStep(page, email);
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]!);
  await page.getByRole('button', { name: 'Sign in with the recovery code' }).click();
  await expect(page).toHaveURL(/\/sign-offs$/);
  await signOut(page);

  await passwordStep(page, email);
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]!);
  await page.getByRole('button', { name: 'Sign in with the recovery code' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That recovery code is not right, or it was used before.' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('a passkey signs in place of the password: an admin resets a staff password with it', async ({ page }) => {
  await virtualAuthenticator(page);
  const admin = await freshAccount('ADMIN');
  const staff = await freshAccount('THERAPIST');
  await passwordStepless(page, admin.email);
  await addPasskey(page);
  await page.goto('/admin');
  const name = (await one<{ name: string }>('SELECT "name" FROM "User" WHERE "id" = $1', [staff.userId])).name;
  const row = page.getByRole('row').filter({ hasText: staff.email });
  await row.getByRole('button', { name: `Reset password for ${name}` }).click();
  const resetForm = row.getByRole('form', { name: `Reset password for ${name}` });
  await resetForm.getByRole('button', { name: 'Use passkey' }).click();
  await expect(row.getByRole('status')).toContainText('the old one no longer works');
  expect((await one<{ passwordHash: string | null }>('SELECT "passwordHash" FROM "User" WHERE "id" = $1', [staff.userId])).passwordHash).toBeNull();
  const audit = await rows<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "actorId" = $1 AND "action" IN ('auth.passkey_used', 'user.reset_password') ORDER BY "id"`, [admin.userId]);
  expect(audit.map((entry) => entry.action)).toEqual(['auth.passkey_used', 'user.reset_password']);
});

test('a clinic admin requires a second factor, and a therapist without one is sent to add one', async ({ page, browser }) => {
  // A clinic of its own, so the demo clinics never require a factor of the other specs' users.
  const tag = randomBytes(5).toString('hex');
  const clinicName = `Second Factor Clinic ${tag}`;
  await rows(`INSERT INTO "Clinic" ("id", "name", "createdAt") VALUES ($1, $2, now())`, [`c${randomBytes(12).toString('hex')}`, clinicName]);
  const insertUser = async (role: string) => {
    const email = `sf-${role.toLowerCase()}-${tag}@example.test`;
    await rows(
      `INSERT INTO "User" ("id", "clinicId", "email", "name", "role", "passwordHash", "isActive", "sessionVersion", "createdAt", "updatedAt")
       SELECT $1, c."id", $2, $3, $4::"Role", (SELECT "passwordHash" FROM "User" WHERE "email" = 'therapist@harbor.test'), true, 0, now(), now() FROM "Clinic" c WHERE c."name" = $5`,
      [`c${randomBytes(12).toString('hex')}`, email, `SF ${role} ${tag}`, role, clinicName],
    );
    return email;
  };
  const adminEmail = await insertUser('ADMIN');
  const therapistEmail = await insertUser('THERAPIST');

  await passwordStepless(page, adminEmail);
  await page.goto('/admin/clinic');
  const form = page.getByRole('form', { name: 'Second factor for staff' });
  await form.getByRole('radio', { name: /^Yes/ }).check();
  await form.getByRole('button', { name: 'Save second factor setting' }).click();
  await expect.poll(async () => (await one<{ required: boolean }>('SELECT "requireStaffSecondFactor" AS "required" FROM "Clinic" WHERE "name" = $1', [clinicName])).required).toBe(true);
  // The admin has no factor either: from now on only the account page opens.
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/account$/);

  const therapist = await browser.newPage();
  await passwordStepless(therapist, therapistEmail);
  await expect(therapist).toHaveURL(/\/account$/);
  await expect(therapist.getByRole('alert').first()).toContainText('Your clinic asks staff to add a second factor');
  await expect(therapist.getByRole('heading', { name: 'Change your password' })).toHaveCount(0);
  await therapist.goto('/caseload');
  await expect(therapist).toHaveURL(/\/account$/);
  await virtualAuthenticator(therapist);
  await addPasskey(therapist);
  await therapist.goto('/caseload');
  await expect(therapist).toHaveURL(/\/caseload$/);
  await therapist.close();
});

test('a surgeon signs off an exercise with a passkey in place of the password', async ({ page, playwright }, testInfo) => {
  // A surgeon and a therapist of their own, and a patient of theirs that nothing else uses: the demo surgeon never
  // gets a passkey (other specs sign in as them at the same time), and Sam's sign-offs stay for the other specs.
  const baseURL = testInfo.project.use.baseURL!;
  const actions = loadActions(path.resolve(testInfo.project.testDir, '..', '..'));
  const surgeon = await freshAccount('SURGEON');
  const therapist = await freshAccount('THERAPIST');
  const therapistContext = await signInOverHttp(playwright.request, baseURL, therapist.email);
  const post = (action: keyof typeof actions, pagePath: string, fields: Record<string, string>) => postAction(therapistContext, actions[action], pagePath, fields, { ip: nextIp(), origin: new URL(baseURL).origin });
  const protocol = await one<{ id: string }>(
    `SELECT r."id" FROM "Protocol" r JOIN "Clinic" c ON c."id" = r."clinicId" WHERE c."name" = 'Harbor Spine & Rehab' AND r."name" = $1`,
    [DECOMPRESSION_PROTOCOL.name],
  );
  const lastName = uniqueLastName('Zzpasskey');
  const registered = await post('createPatientAction', '/patients/new', {
    firstName: 'Avery',
    lastName,
    dateOfBirth: '1970-05-06',
    phone: '',
    email: suiteEmail(lastName.toLowerCase()),
    procedure: 'Lumbar microdiscectomy (L5-S1)',
    surgeryDate: isoDaysAgo(10),
    surgeonId: surgeon.userId,
    protocolId: protocol.id,
  });
  expect(registered.kind, describeAnswer(registered)).toBe('redirect');
  const patientId = /^\/patients\/([a-z0-9]+)\/draft$/.exec(registered.kind === 'redirect' ? registered.location : '')?.[1] ?? '';
  const draft = await draftOf(patientId);
  const approved = await post('approveVersionAction', `/patients/${patientId}/draft`, {
    patientId,
    versionId: draft.id,
    lockVersion: String(draft.lockVersion),
    password: DEMO_PASSWORD,
    shownItems: await shownItemsOf(draft.id),
  });
  expect(approved.kind, describeAnswer(approved)).toBe('redirect');
  await therapistContext.dispose();
  const [signOff] = await rows<{ id: string; exerciseName: string }>(
    `SELECT s."id", i."exerciseName" FROM "SignOff" s JOIN "PlanItem" i ON i."id" = s."itemId" WHERE s."patientId" = $1 AND s."status" = 'PENDING' ORDER BY i."position" LIMIT 1`,
    [patientId],
  );
  expect(signOff, 'approving the plan asked the fresh surgeon for a sign-off').toBeDefined();

  await virtualAuthenticator(page);
  await passwordStepless(page, surgeon.email);
  await addPasskey(page);
  await page.goto('/sign-offs');
  const request = page.getByRole('article', { name: `${signOff!.exerciseName} for Avery ${lastName}` });
  await request.getByLabel('Sign off: safe for the patient to do at home').check();
  // No password typed: the passkey answers in its place.
  await expect(request.getByLabel('Your password')).toHaveValue('');
  await request.getByRole('button', { name: 'Use passkey' }).click();
  await expect(request).toHaveCount(0);

  const decided = await one<{ status: string; surgeonId: string; signed: boolean }>('SELECT "status"::text AS "status", "surgeonId", "signatureHash" IS NOT NULL AS "signed" FROM "SignOff" WHERE "id" = $1', [signOff!.id]);
  expect(decided).toEqual({ status: 'SIGNED', surgeonId: surgeon.userId, signed: true });
  const audit = await rows<{ action: string }>(`SELECT "action" FROM "AuditEvent" WHERE "actorId" = $1 AND "action" IN ('auth.passkey_used', 'signoff.sign') ORDER BY "id"`, [surgeon.userId]);
  expect(audit.map((entry) => entry.action)).toEqual(['auth.passkey_used', 'signoff.sign']);
});
