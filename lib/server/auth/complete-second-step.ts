import 'server-only';
import { SECOND_STEP_LIMIT } from '@/lib/domain/second-factor';
import { waitInWords } from '@/lib/domain/throttle';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { AppError, rateLimited } from '../errors';
import { issueDeviceToken } from './device-token';
import { loadSecondStep, type SecondStepMethod } from './load-second-step';
import { SECOND_STEP_EXPIRED } from './start-passkey-sign-in';
import { startSession } from './start-session';
import { throttleCounters, type ThrottleCounters } from './throttle-counters';
import { useRecoveryCode } from './use-recovery-code';
import { verifyAuthenticatorCode } from './verify-authenticator-code';
import { verifyPasskeyAnswer } from './verify-passkey-answer';

export type SecondStepAnswer = { method: SecondStepMethod; answer: string };

const WRONG: Record<SecondStepMethod, string> = {
  authenticator: 'That code is not right. Check the app and try the newest code.',
  recovery: 'That recovery code is not right, or it was used before.',
  passkey: 'That passkey did not work. Try again, or use another way.',
};

/**
 * The second step of signing in: the browser holds the token the right password gave it (start-second-step.ts)
 * and answers with a passkey, a code from the authenticator app or a recovery code. Only a right answer opens a
 * session (and uses up the token). Wrong answers are counted per account in the shared counters: past
 * SECOND_STEP_LIMIT the second step is refused until the window passes, whichever browser asks. Every answer is
 * audited (auth.second_factor; a recovery code also as auth.recovery_code_used).
 */
export async function completeSecondStep(
  { token, method, answer, ip }: SecondStepAnswer & { token: string | null; ip: string | null },
  { counters = throttleCounters() }: { counters?: ThrottleCounters } = {},
) {
  const pending = await loadSecondStep(token);
  if (!pending || !pending.methods.includes(method)) throw new AppError('UNAUTHENTICATED', SECOND_STEP_EXPIRED);
  const user = await db.user.findUniqueOrThrow({ where: { id: pending.userId }, select: { id: true, clinicId: true, email: true, name: true, sessionVersion: true } });
  const audit = { actorId: user.id, clinicId: user.clinicId, entityType: 'User', entityId: user.id, ip };
  // Counted before the check, so parallel guesses cannot get past the limit; a right answer clears the count.
  const { count, msUntilReset } = await counters.secondStep.add(user.id, 1);
  if (count > SECOND_STEP_LIMIT.failures) {
    await recordAudit(db, { ...audit, action: 'auth.second_factor', outcome: 'DENIED', after: { method, reason: 'too many wrong answers' } });
    throw rateLimited(`Too many wrong tries. Please wait ${waitInWords(msUntilReset)} and sign in again.`, msUntilReset);
  }
  const isRight = await (async () => {
    switch (method) {
      case 'passkey':
        return (await verifyPasskeyAnswer(user.id, 'PASSKEY_SIGN_IN', answer)) !== null;
      case 'authenticator':
        return verifyAuthenticatorCode(user.id, answer);
      case 'recovery':
        return useRecoveryCode(user.id, answer);
      default: {
        const unhandled: never = method;
        throw new Error(`Unhandled method ${String(unhandled)}`);
      }
    }
  })();
  if (!isRight) {
    await recordAudit(db, { ...audit, action: 'auth.second_factor', outcome: 'FAILURE', after: { method } });
    throw new AppError('INVALID_INPUT', WRONG[method], { answer: [WRONG[method]] });
  }
  const sessionId = await db.$transaction(async (tx) => {
    // The token works once: a second right answer racing this one finds it used.
    const taken = await tx.authChallenge.updateMany({ where: { id: pending.challengeId, usedAt: null }, data: { usedAt: new Date() } });
    if (taken.count !== 1) return null;
    await recordAudit(tx, { ...audit, action: 'auth.second_factor', outcome: 'SUCCESS', after: { method } });
    if (method === 'recovery') {
      const left = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
      await recordAudit(tx, { ...audit, action: 'auth.recovery_code_used', outcome: 'SUCCESS', after: { recoveryCodesLeft: left } });
    }
    await recordAudit(tx, { ...audit, action: 'auth.sign_in', outcome: 'SUCCESS', after: { secondFactor: method } });
    return startSession(tx, user.id, ip);
  });
  if (!sessionId) throw new AppError('UNAUTHENTICATED', SECOND_STEP_EXPIRED);
  await counters.secondStep.clear(user.id);
  return { kind: 'signed_in' as const, id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId, deviceToken: issueDeviceToken(user.id) };
}
