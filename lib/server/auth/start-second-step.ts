import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { SECOND_STEP_MINUTES } from '@/lib/domain/second-factor';
import type { Tx } from '../db';

export function hashSecondStepToken(token: string): string {
  return createHash('sha256').update(`second-step:${token}`).digest('hex');
}

/**
 * After the right password of a user with a second factor: no session yet, only a short-lived, single-use
 * token (given to the browser in an HttpOnly cookie, kept here as a hash) that lets this browser take the
 * second step for this user. Earlier unfinished second steps of the user end.
 */
export async function startSecondStep(tx: Tx, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.authChallenge.deleteMany({ where: { userId, purpose: 'SECOND_STEP' } });
  await tx.authChallenge.create({ data: { userId, purpose: 'SECOND_STEP', tokenHash: hashSecondStepToken(token), expiresAt: new Date(now.getTime() + SECOND_STEP_MINUTES * 60_000) } });
  return token;
}
