import 'server-only';
import { db } from '../db';
import { recordAudit } from '../audit/record-audit';
import { verifyPassword } from './password';
import { startSession } from './start-session';

type Credentials = { email: string; password: string; ip: string | null };

/**
 * Checks an email and password. Returns the user on success and null otherwise, never saying which part
 * was wrong. Success and failure are both recorded in the audit trail.
 */
export async function authenticate({ email, password, ip }: Credentials) {
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
  if (!sessionId || !user) return null;
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId };
}
