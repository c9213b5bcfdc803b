import { z } from 'zod';
import { MEDIA_LIMITS } from '@/lib/domain/media';
import { text } from './fields';
import { idSchema } from './id';

export const mediaDescriptionSchema = text('The description', MEDIA_LIMITS.descriptionChars).optional().default('');

export const featuredMediaSchema = z.strictObject({
  exerciseId: idSchema,
  /** Empty: patients see the drawing first. */
  mediaId: z.preprocess((value) => (value === '' ? undefined : value), idSchema.optional()),
});

export const removeMediaSchema = z.strictObject({ mediaId: idSchema });
