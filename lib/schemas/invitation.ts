import { z } from 'zod';
import { newPasswordSchema } from './auth';

/** The shape of an invitation token: 32 random bytes in base64url are 43 characters. */
export const invitationTokenSchema = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

export const PASSWORDS_DIFFER = 'The two passwords are not the same. Type the same password in both boxes.';

/**
 * The password a patient chooses, typed twice. The issues carry no field path on purpose: the message a
 * patient reads is then plain words, not "repeatPassword: ...".
 */
export const chosenPasswordSchema = z
  .strictObject({ password: z.string().max(200), repeatPassword: z.string().max(200) })
  .superRefine(({ password, repeatPassword }, ctx) => {
    for (const issue of newPasswordSchema.safeParse(password).error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', message: issue.message });
    }
    if (password !== repeatPassword) ctx.addIssue({ code: 'custom', message: PASSWORDS_DIFFER });
  });

export type InvitationProblem = 'expired' | 'used' | 'passwordSet' | 'unknown';

/** What a patient is told when a link cannot be used, on the page and when a form is refused. */
export const INVITATION_PROBLEMS: Record<InvitationProblem, { title: string; explanation: string }> = {
  expired: { title: 'This link has expired', explanation: 'This link has expired. Ask your care team for a new one.' },
  used: {
    title: 'This link no longer works',
    explanation:
      'This link has already been used, or your care team has made a newer one. If you have set your password, sign in. If not, ask your care team for a new link.',
  },
  passwordSet: {
    title: 'This account already has a password',
    explanation:
      'This account already has a password, so this link cannot set one. Sign in with your password. If you have forgotten it, ask your care team or clinic admin to reset it.',
  },
  unknown: {
    title: 'This link does not work',
    explanation: 'We could not find this link. Check that it was typed exactly, or ask your care team for a new one.',
  },
};
