import 'server-only';
import { randomBytes } from 'node:crypto';
import { formatRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodeFrom } from '@/lib/domain/second-factor';
import { hashRecoveryCode } from '../auth/hash-recovery-code';
import type { Tx } from '../db';

/** A new set of recovery codes for `userId`, replacing every earlier one. Returns them as shown (once). */
export async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const code = recoveryCodeFrom(randomBytes(32));
    if (code) codes.add(code);
  }
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: [...codes].map((code) => ({ userId, codeHash: hashRecoveryCode(userId, code) })) });
  return [...codes].map(formatRecoveryCode);
}
