import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { signInWaitMessage } from '@/lib/domain/throttle';
import { db } from '../db';
import { recordAudit } from '../audit/record-audit';
import { rateLimited } from '../errors';
import { issueDeviceToken, knownDeviceId } from './device-token';
import { verifyPassword } from './password';
import { admitSignIn, recordSignInSuccess } from './sign-in-throttle';
import { startSession } from './start-session';
import { throttleCounters, type ThrottleCounters } from './throttle-counters';

type Credentials = {
  email: string;
  password: string;
  ip: string | null;
  /** The known-device tokens the browser sent (known-device-cookie.ts); one for this account makes it a known browser. */
  deviceTokens?: readonly string[];
};

type Options = {
  counters?: ThrottleCounters;
  /** How a hold is waited out (tests record it instead of waiting). */
  pause?: (ms: number) => Promise<unknown>;
};

/**
 * Checks an email and password. Returns the user on success (with a new known-device token for the browser) and
 * null otherwise, never saying which part was wrong. Attempts are throttled (lib/domain/throttle.ts): a refused
 * one throws RATE_LIMITED with the wait, and is audited as DENIED. Success and failure are both audited.
 */
export async function authenticate({ email, password, ip, deviceTokens = [] }: Credentials, { counters = throttleCounters(), pause = sleep }: Options = {}) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, clinicId: true, email: true, name: true, isActive: true, sessionVersion: true, passwordHash: true },
  });
  const attempt = { email, ip, deviceId: user ? knownDeviceId(deviceTokens, user.id) : null };
  const admission = await admitSignIn(attempt, counters);
  if (admission.kind === 'refused') {
    await recordAudit(db, { actorId: user?.id ?? null, clinicId: user?.clinicId ?? null, action: 'auth.sign_in', entityType: 'User', entityId: user?.id ?? null, outcome: 'DENIED', ip, after: { reason: 'too many failed attempts' } });
    throw rateLimited(signInWaitMessage(admission.waitMs), admission.waitMs);
  }
  if (admission.holdSeconds > 0) await pause(admission.holdSeconds * 1_000);
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
      ...(attempt.deviceId ? { after: { knownDevice: true } } : {}),
    });
    return isValid && user ? startSession(tx, user.id, ip) : null;
  });
  // A failure was counted when the attempt was admitted.
  if (!sessionId || !user) return null;
  // Signing in proves the password: the account's counters, password re-checks included, start over.
  await Promise.all([recordSignInSuccess(attempt, admission, counters), counters.passwordRecheck.clear(user.id)]);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId, deviceToken: issueDeviceToken(user.id) };
}
