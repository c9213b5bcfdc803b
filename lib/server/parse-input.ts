import 'server-only';
import type { ZodType } from 'zod';
import '@/lib/schemas/plain-messages';
import { AppError, fieldErrorsOf, notFound } from './errors';

// Where untrusted input becomes typed values: every data-access function parses what it is given here, ids
// included, so a server action or route handler only passes the raw values on.

const ID_PATTERN = /^[a-z0-9]{1,64}$/i;

/**
 * For ids passed next to the parsed input (route params, form fields): anything that is not an id of
 * ours is simply "not found", and never reaches a query.
 */
export function parseId(value: unknown, what: string): string {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  throw notFound(what);
}

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function containsUnstorableText(value: unknown, depth = 0): boolean {
  // NUL cannot be stored in PostgreSQL text, a lone surrogate half cannot cross Prisma's JSON protocol,
  // and other control characters (tab and line breaks are fine) have no place in clinical text.
  if (typeof value === 'string') return CONTROL_CHARACTERS.test(value) || !value.isWellFormed();
  if (depth > 5 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((entry) => containsUnstorableText(entry, depth + 1));
}

/** Parses untrusted input; bad input becomes a clear INVALID_INPUT error and nothing else happens. */
export function parseInput<T>(schema: ZodType<T>, input: unknown): T {
  // PostgreSQL cannot store a NUL character in text; refuse it here with a clear message for every input.
  if (containsUnstorableText(input)) throw new AppError('INVALID_INPUT', 'Please check the form. Some text has characters we cannot store.');
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error);
  // Our schemas' messages name the field in the user's words ("Days a week can be at most 7.").
  const first = result.error.issues[0];
  throw new AppError('INVALID_INPUT', `Please check the form. ${first?.message ?? 'Something in it is not right.'}`, fieldErrors);
}
