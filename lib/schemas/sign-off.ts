import { z } from 'zod';
import { idSchema } from './id';
import { passkeyAnswerSchema, signaturePasswordSchema } from './auth';

export const decideSignOffSchema = z
  .strictObject({
    signOffId: idSchema,
    decision: z.enum(['SIGN', 'DECLINE'], { error: 'Choose sign off or decline.' }),
    contentHash: z.string().regex(/^[a-f0-9]{64}$/, 'Reload the page and try again.'),
    reason: z.string().trim().max(1_000, 'The reason is too long.').optional().default(''),
    password: signaturePasswordSchema,
    passkeyAnswer: passkeyAnswerSchema,
  })
  .superRefine((input, ctx) => {
    if (input.decision === 'DECLINE' && input.reason.length < 5) {
      ctx.addIssue({ code: 'custom', message: 'Say why you are declining, so the therapist can adjust the plan.', path: ['reason'] });
    }
  });
