import { z } from 'zod';
import { PASSKEY_NAME_MAX } from '@/lib/domain/second-factor';
import { ownPasswordSchema, passkeyAnswerSchema } from './auth';
import { idSchema } from './id';

/** The password typed again (or a passkey) before a factor is removed or new recovery codes are made. */
const confirmation = { password: ownPasswordSchema, passkeyAnswer: passkeyAnswerSchema };

export const addPasskeySchema = z.strictObject({
  name: z.string().trim().max(PASSKEY_NAME_MAX, `Keep the name under ${PASSKEY_NAME_MAX} characters.`).optional().default(''),
  answer: z.string().min(1, 'The passkey did not answer. Please try again.').max(20_000, 'The passkey answer is too long.'),
});

export const removePasskeySchema = z.strictObject({ passkeyId: idSchema, ...confirmation });

export const confirmAuthenticatorAppSchema = z.strictObject({
  code: z.string().max(20, 'Enter the 6-digit code from the app.'),
});

export const confirmWithPasswordSchema = z.strictObject(confirmation);

export const staffSecondFactorSchema = z.strictObject({
  required: z.enum(['yes', 'no'], { error: 'Choose whether staff must have a second factor.' }),
});
