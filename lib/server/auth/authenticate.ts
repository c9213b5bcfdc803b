import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import { signInWaitMessage } from '@/lib/domain/throttle';
import { db } from '../db';
import { recordAudit } from '../audit/record-audit';
import { rateLimited } from '../errors';
import { issueDeviceToken, knownDeviceId } from './device-token';
import { verifyPassword } from './password';
import { admitSignIn, recordSignInSuccess } from './sign-in-throttle';
import { startSecondStep } from './start-second-step';
import { startSession } from './start-session';
import { userHasSecondFactor } from './user-has-second-factor';
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
 * Checks an email and password. Returns the user on success (with a new known-device token for the browser), a
 * second-step token when the user has a second factor (complete-second-step.ts opens the session), and null
 * otherwise, never saying which part was wrong. Attempts are throttled (lib/domain/throttle.ts): a refused one throws RATE_LIMITED with the wait, and is audited as DENIED. Success and failure are both audited.
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
  // A user with a second factor gets no session for the password alone: only a token for the second step.
  const hasSecondFactor = isValid && user ? await userHasSecondFactor(user.id) : false;
  const opened = await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      actorId: user?.id ?? null,
      clinicId: user?.clinicId ?? null,
      action: hasSecondFactor ? 'auth.password_accepted' : 'auth.sign_in',
      entityType: 'User',
      entityId: user?.id ?? null,
      outcome: isValid ? 'SUCCESS' : 'FAILURE',
      ip,
      ...(attempt.deviceId || hasSecondFactor ? { after: { ...(attempt.deviceId ? { knownDevice: true } : {}), ...(hasSecondFactor ? { secondStep: 'awaited' } : {}) } } : {}),
    });
    if (!isValid || !user) return null;
    return hasSecondFactor ? { secondStepToken: await startSecondStep(tx, user.id) } : { sessionId: await startSession(tx, user.id, ip) };
  });
  // A failure was counted when the attempt was admitted.
  if (!opened || !user) return null;
  // The right password: the account's password counters, re-checks included, start over (wrong second steps are
  // counted on their own, complete-second-step.ts).
  await Promise.all([recordSignInSuccess(attempt, admission, counters), counters.passwordRecheck.clear(user.id)]);
  if (opened.secondStepToken) return { kind: 'second_step' as const, id: user.id, token: opened.secondStepToken };
  return { kind: 'signed_in' as const, id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId: opened.sessionId, deviceToken: issueDeviceToken(user.id) };
}
