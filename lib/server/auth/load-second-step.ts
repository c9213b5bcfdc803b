import 'server-only';
import { db } from '../db';
import { hashSecondStepToken } from './start-second-step';

export type SecondStepMethod = 'passkey' | 'authenticator' | 'recovery';

/**
 * The unfinished sign-in a second-step token names: its user and the ways they can finish it, or null when
 * the token is unknown, used or expired (or its user deactivated).
 */
export async function loadSecondStep(token: string | null, now = new Date()): Promise<{ userId: string; challengeId: string; methods: SecondStepMethod[] } | null> {
  if (!token) return null;
  const pending = await db.authChallenge.findUnique({
    where: { tokenHash: hashSecondStepToken(token) },
    select: {
      id: true,
      purpose: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { id: true, isActive: true, _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } }, totpFactor: { select: { confirmedAt: true } } } },
    },
  });
  if (!pending || pending.purpose !== 'SECOND_STEP' || pending.usedAt || pending.expiresAt <= now || !pending.user.isActive) return null;
  const { user } = pending;
  const methods: SecondStepMethod[] = [];
  if (user._count.passkeys > 0) methods.push('passkey');
  if (user.totpFactor?.confirmedAt) methods.push('authenticator');
  if (user._count.recoveryCodes > 0) methods.push('recovery');
  return { userId: user.id, challengeId: pending.id, methods };
}
