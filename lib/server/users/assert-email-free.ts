import 'server-only';
import type { Actor } from '../authz/actor';
import type { Tx } from '../db';
import { AppError } from '../errors';

/** The one answer for an email that is taken outside the actor's clinic, or taken at the same moment. */
export const EMAIL_UNAVAILABLE = 'That email cannot be used. Use a different email address.';

export const EMAIL_IN_CLINIC = 'That email already belongs to an account in this clinic. Use a different email address.';

/**
 * Refuses an email that already belongs to an account, before a new account is made with it.
 *
 * Emails are unique across all clinics (they are what people sign in with), so some refusal is unavoidable.
 * What it says is chosen so that it confirms no more than that uniqueness:
 * - an account of the actor's own clinic is named as such: the clinic can find it and fix a real duplicate
 *   (the same patient registered twice, a colleague added again);
 * - an account of another clinic gets EMAIL_UNAVAILABLE, the same words a race on the unique index gets
 *   (see conflictOnUnique at the callers), so the answer never says the email is registered, nor where.
 */
export async function assertEmailFree(tx: Tx, actor: Actor, email: string): Promise<void> {
  const existing = await tx.user.findUnique({ where: { email }, select: { clinicId: true } });
  if (!existing) return;
  if (existing.clinicId === actor.clinicId) throw new AppError('CONFLICT', EMAIL_IN_CLINIC, { email: ['Already used in this clinic.'] });
  throw new AppError('CONFLICT', EMAIL_UNAVAILABLE, { email: ['Use a different email address.'] });
}
