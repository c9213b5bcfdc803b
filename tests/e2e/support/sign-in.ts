import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO = {
  admin: 'admin@harbor.test',
  therapist: 'therapist@harbor.test',
  surgeon: 'surgeon@harbor.test',
  patient: 'patient@harbor.test',
  summitTherapist: 'therapist@summit.test',
  summitPatient: 'patient@summit.test',
} as const;

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
