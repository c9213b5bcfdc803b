import { z } from 'zod';

/** The id of one of our records (cuid). Parsed in the data layer, where a malformed id is simply "not found". */
export const idSchema = z.string().trim().min(1, 'Missing id.').max(64, 'Invalid id.').regex(/^[a-z0-9]+$/i, 'Invalid id.');

/** An id in a filter, where empty means "any". */
export const optionalIdSchema = z.string().trim().max(64).regex(/^[a-z0-9]*$/i, 'Invalid id.').optional().default('');
