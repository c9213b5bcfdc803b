import { z } from 'zod';
import { passwordConfirmation } from './fields';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long.')
  .pipe(z.email('Enter a valid email address.'));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(200, 'Password is too long.'),
});

export const newPasswordSchema = z
  .string()
  .min(12, 'Use at least 12 characters.')
  .max(200, 'Password is too long.');

/** The password typed again to sign: approving a plan, signing off an exercise. */
export const signaturePasswordSchema = passwordConfirmation('Enter your password to sign.');

/** The acting person's own password, typed again to confirm that they mean to reset someone else's. */
export const ownPasswordSchema = passwordConfirmation('Enter your own password to confirm.');
