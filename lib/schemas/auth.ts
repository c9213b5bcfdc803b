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

/** The second step of signing in: how, and the answer (a code, or a passkey's answer as JSON). */
export const secondStepSchema = z.object({
  method: z.enum(['passkey', 'authenticator', 'recovery']),
  answer: z.string().min(1).max(20_000),
});

export const newPasswordSchema = z
  .string()
  .min(12, 'Use at least 12 characters.')
  .max(200, 'Password is too long.');

/**
 * The password typed again to sign: approving a plan, signing off an exercise, a surgeon's order. It may be
 * left empty when a passkey answers instead (passkeyAnswerSchema); confirmPassword asks for one of the two.
 */
export const signaturePasswordSchema = passwordConfirmation();

/** The acting person's own password, typed again to confirm that they mean to reset someone else's (or a passkey). */
export const ownPasswordSchema = passwordConfirmation();

/** A passkey's answer (the JSON the browser gives), in place of the password typed again. */
export const passkeyAnswerSchema = z.string().max(20_000, 'That passkey answer is too long. Please try again.').optional().default('');
