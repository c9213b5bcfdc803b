import 'server-only';
import { verify } from 'otplib';
import { normaliseAuthenticatorCode } from '@/lib/domain/second-factor';
import { db } from '../db';
import { openFactorSecret } from './factor-key';

/**
 * Checks a code from `userId`'s authenticator app: the current code, or the one just before or after (clocks
 * drift). A code is accepted once: the time step it belongs to is recorded, and a code of that step or an
 * earlier one is refused afterwards (two requests racing with one code: one wins). `confirmed: false` checks the
 * app being set up instead of the confirmed one.
 */
export async function verifyAuthenticatorCode(userId: string, typed: string, { confirmed = true, now = new Date() }: { confirmed?: boolean; now?: Date } = {}): Promise<boolean> {
  const code = normaliseAuthenticatorCode(typed);
  if (!code) return false;
  const factor = await db.totpFactor.findUnique({ where: { userId }, select: { secretSealed: true, confirmedAt: true, lastUsedStep: true } });
  if (!factor || (factor.confirmedAt !== null) !== confirmed) return false;
  const secret = openFactorSecret(factor.secretSealed, userId);
  if (!secret) return false;
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30, ...(factor.lastUsedStep !== null ? { afterTimeStep: factor.lastUsedStep } : {}) }).catch(() => null);
  if (!result?.valid) return false;
  const step = (result as { timeStep: number }).timeStep;
  const claimed = await db.totpFactor.updateMany({ where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] }, data: { lastUsedStep: step } });
  return claimed.count === 1;
}
