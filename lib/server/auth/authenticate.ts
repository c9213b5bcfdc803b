import 'server-only';
import { db } from '../db';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { verifyPassword } from './password';
import { recordSignInFailure, recordSignInSuccess, signInWaitMinutes } from './sign-in-throttle';
import { startSession } from './start-session';

type Credentials = { email: string; password: string; ip: string | null };

/**
 * Checks an email and password. Returns the user on success and null otherwise, never saying which part
 * was wrong. Success and failure are both recorded in the audit trail.
 */
export async function authenticate({ email, password, ip }: Credentials) {
  const waitMinutes = await signInWaitMinutes(email, ip);
  if (waitMinutes > 0) {
    const blocked = await db.user.findUnique({ where: { email }, select: { id: true, clinicId: true } });
    await recordAudit(db, { actorId: blocked?.id ?? null, clinicId: blocked?.clinicId ?? null, action: 'auth.sign_in', entityType: 'User', entityId: blocked?.id ?? null, outcome: 'DENIED', ip, after: { reason: 'too many failed attempts' } });
    throw new AppError('RATE_LIMITED', `Too many attempts. Please wait ${waitMinutes} ${waitMinutes === 1 ? 'minute' : 'minutes'} and try again.`);
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, clinicId: true, email: true, name: true, isActive: true, sessionVersion: true, passwordHash: true },
  });
  const isValid = (await verifyPassword(user?.passwordHash ?? null, password)) && Boolean(user?.isActive);
  const sessionId = await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: user?.id ?? null,
      clinicId: user?.clinicId ?? null,
      action: 'auth.sign_in',
      entityType: 'User',
      entityId: user?.id ?? null,
      outcome: isValid ? 'SUCCESS' : 'FAILURE',
      ip,
    });
    return isValid && user ? startSession(tx, user.id, ip) : null;
  });
  if (!sessionId || !user) {
    await recordSignInFailure(email, ip);
    return null;
  }
  await recordSignInSuccess(email, ip);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId };
}
