import { z } from 'zod';
import { DATE_RANGE, isSaneDate } from '@/lib/domain/calendar';

// The building blocks every form schema is made of, so a kind of field is checked, and worded, one way.

/** Free text a person types: trimmed, with a length limit named in their words. */
export function text(label: string, max: number) {
  return z.string({ error: `${label} is required.` }).trim().max(max, `${label} is too long.`);
}

/** Search terms go straight into a query: refuse what PostgreSQL or Prisma cannot carry. */
export function searchText(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'The search is too long.')
    .refine((value) => !value.includes('\u0000') && value.isWellFormed(), 'The search has characters we cannot use.');
}

/** A checkbox: on when the browser sends "on" (or code sends true). */
export const booleanField = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

/** A whole number typed into a form field, or sent as a number by code. */
export function wholeNumber(label: string, { min, max }: { min: number; max: number }) {
  return z.preprocess(
    (value) => (typeof value !== 'string' ? value : value.trim() === '' ? undefined : Number(value)),
    z
      .number({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be a number.`) })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} can be at most ${max}.`),
  );
}

const OUT_OF_DATE = 'This form is out of date. Reload the page and try again.';

/**
 * The lock number of the record the form was rendered from (a draft, a protocol). A missing or garbled value
 * means the form did not come from the current page, so the save is refused rather than guessed.
 */
export const lockVersionSchema = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number({ error: OUT_OF_DATE }).int(OUT_OF_DATE).min(0, OUT_OF_DATE).max(2_147_483_647, OUT_OF_DATE),
);

/** A calendar date typed as YYYY-MM-DD, as a Date at midnight UTC: a real date, between 1900 and 2199 (DATE_RANGE). */
export function dateOnly(label: string) {
  return (
    z
      .string({ error: `${label} is required.` })
      // JavaScript rolls 1971-02-30 over to March 2nd: a date is real only if it survives the round trip.
      .transform((value, ctx) => {
        const problem = dateProblem(value, label);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: problem });
          return z.NEVER;
        }
        return new Date(`${value}T00:00:00.000Z`);
      })
  );
}

/** An optional date filter (a search form, a URL): '' when not given, else a real date in DATE_RANGE, kept as text. */
export function optionalDateText(label: string) {
  return z
    .string()
    .trim()
    .optional()
    .default('')
    .superRefine((value, ctx) => {
      const problem = value === '' ? null : dateProblem(value, label);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

function dateProblem(value: string, label: string): string | null {
  const date = new Date(`${value}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return `${label} must be a real date.`;
  if (!isSaneDate(value)) return `${label} must be between ${DATE_RANGE.first.slice(0, 4)} and ${DATE_RANGE.last.slice(0, 4)}.`;
  return null;
}

/** A password typed again to confirm an act (signing, approving, resetting someone else's). */
export function passwordConfirmation() {
  // Empty is allowed here: a passkey may answer instead, and confirmPassword asks for one or the other.
  return z.string().max(200, 'Password is too long.').optional().default('');
}

/**
 * A score or count typed as digits only ("7"), or sent as a whole number by code. "1e1", "0x5", "7.0" and
 * " 7 " are refused, not read as numbers: a patient's score is exactly what they chose.
 */
export function digitsNumber(label: string, { min, max }: { min: number; max: number }, message = `${label} must be a whole number from ${min} to ${max}.`) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? (/^[0-9]{1,3}$/.test(value) ? Number(value) : value === '' ? undefined : Number.NaN) : value),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );
}

/** The one-time key a form sends with a submit, so a double tap is recognised as the same submit. */
export const submissionKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'Reload the page and try again.')
  .optional();
