import 'server-only';
import { normaliseRecoveryCode } from '@/lib/domain/second-factor';
import { db } from '../db';
import { hashRecoveryCode } from './hash-recovery-code';

/** Uses up one of `userId`'s recovery codes: true the first time a code is given, false ever after. */
export async function useRecoveryCode(userId: string, typed: string, now = new Date()): Promise<boolean> {
  const code = normaliseRecoveryCode(typed);
  if (!code) return false;
  const used = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(userId, code), usedAt: null }, data: { usedAt: now } });
  return used.count === 1;
}
