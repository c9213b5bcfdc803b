import { z } from 'zod';
import { RESTRICTION_LIMITS } from '@/lib/domain/restrictions';
import { passkeyAnswerSchema, signaturePasswordSchema } from './auth';
import { dateOnly, digitsNumber, text, wholeNumber } from './fields';
import { idSchema } from './id';

// The surgeon's order form: each restriction is "allowed" or restricted (a limit, or avoid), and may end on
// a date or when the plan reaches a phase. Empty fields are "not used".

const empty = (value: unknown) => (value === '' || value === null ? undefined : value);

const until = {
  untilDate: z.preprocess(empty, dateOnly('The until date').optional()),
  untilPhaseId: z.preprocess(empty, idSchema.optional()),
};

const ONE_END = 'Give an until date or an until phase, not both.';

export const surgeonOrderSchema = z
  .strictObject({
    patientId: idSchema,
    /** The order version the surgeon's page showed (0 when there was none). */
    basedOnVersion: wholeNumber('Order version', { min: 0, max: 100_000 }),
    password: signaturePasswordSchema,
    passkeyAnswer: passkeyAnswerSchema,
    note: text('The note', 1_000).optional().default(''),
    liftingRule: z.enum(['ALLOWED', 'LIMIT'], { error: 'Choose no lifting limit, or a limit.' }),
    liftingLimit: z.preprocess(empty, digitsNumber('The lifting limit', { min: 0, max: 999 }, 'The lifting limit must be a whole number.').optional()),
    liftingUnit: z.preprocess(empty, z.enum(['KG', 'LB'], { error: 'Choose kg or lb.' }).optional().default('KG')),
    liftingUntilDate: until.untilDate,
    liftingUntilPhaseId: until.untilPhaseId,
    bendingRule: z.enum(['ALLOWED', 'AVOID'], { error: 'Choose whether bending is allowed.' }),
    bendingUntilDate: until.untilDate,
    bendingUntilPhaseId: until.untilPhaseId,
    twistingRule: z.enum(['ALLOWED', 'AVOID'], { error: 'Choose whether twisting is allowed.' }),
    twistingUntilDate: until.untilDate,
    twistingUntilPhaseId: until.untilPhaseId,
    sittingRule: z.enum(['ALLOWED', 'LIMIT'], { error: 'Choose no sitting limit, or a limit.' }),
    sittingMinutes: z.preprocess(empty, digitsNumber('Sitting minutes', { min: 0, max: 999 }, 'Sitting minutes must be a whole number.').optional()),
    sittingUntilDate: until.untilDate,
    sittingUntilPhaseId: until.untilPhaseId,
    drivingRule: z.enum(['ALLOWED', 'AVOID'], { error: 'Choose whether driving is allowed.' }),
    drivingUntilDate: until.untilDate,
    drivingUntilPhaseId: until.untilPhaseId,
  })
  .superRefine((order, ctx) => {
    if (order.liftingRule === 'LIMIT') {
      const range = order.liftingUnit === 'LB' ? RESTRICTION_LIMITS.liftingLb : RESTRICTION_LIMITS.liftingKg;
      if (order.liftingLimit === undefined || order.liftingLimit < range.min || order.liftingLimit > range.max) {
        ctx.addIssue({ code: 'custom', path: ['liftingLimit'], message: `The lifting limit must be from ${range.min} to ${range.max} ${order.liftingUnit === 'LB' ? 'lb' : 'kg'}.` });
      }
    }
    if (order.sittingRule === 'LIMIT') {
      const range = RESTRICTION_LIMITS.sittingMinutes;
      if (order.sittingMinutes === undefined || order.sittingMinutes < range.min || order.sittingMinutes > range.max) {
        ctx.addIssue({ code: 'custom', path: ['sittingMinutes'], message: `The sitting limit must be from ${range.min} to ${range.max} minutes.` });
      }
    }
    for (const kind of ['lifting', 'bending', 'twisting', 'sitting', 'driving'] as const) {
      if (order[`${kind}UntilDate`] && order[`${kind}UntilPhaseId`]) ctx.addIssue({ code: 'custom', path: [`${kind}UntilDate`], message: ONE_END });
    }
  });

export type SurgeonOrderInput = z.infer<typeof surgeonOrderSchema>;
