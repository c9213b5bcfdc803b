import { z } from 'zod';
import { WARNING_SIGN_CODES } from '@/lib/domain/warning-signs';
import { submissionKeySchema } from './fields';

export const reportWarningSignsSchema = z.strictObject({
  signs: z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z
      .array(z.enum(WARNING_SIGN_CODES, { error: 'Choose the signs you have from the list.' }), { error: 'Choose the signs you have from the list.' })
      .min(1, 'Choose at least one sign you have.')
      .max(WARNING_SIGN_CODES.length, 'Choose the signs you have from the list.'),
  ),
  submissionKey: submissionKeySchema,
});
