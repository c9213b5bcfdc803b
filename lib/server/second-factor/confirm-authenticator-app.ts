import 'server-only';
import { confirmAuthenticatorAppSchema } from '@/lib/schemas/second-factor';
import { verifyAuthenticatorCode } from '../auth/verify-authenticator-code';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../parse-input';
import { issueRecoveryCodes } from './issue-recovery-codes';

/**
 * Confirms the authenticator app being set up with a code it shows: from then on it is a second factor. A first
 * second factor comes with a new set of recovery codes, returned to be shown once.
 */
export async function confirmAuthenticatorApp({ actor, input }: { actor: Actor; input: unknown }): Promise<{ recoveryCodes: string[] | null }> {
  requirePermission(actor, 'account.second_factor');
  const { code } = parseInput(confirmAuthenticatorAppSchema, input);
  const pending = await db.totpFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } });
  if (!pending || pending.confirmedAt) throw new AppError('CONFLICT', 'There is no authenticator app waiting to be set up. Start again.');
  if (!(await verifyAuthenticatorCode(actor.userId, code, { confirmed: false }))) {
    await recordAudit(db, actorDid(actor, 'second_factor.authenticator_added', { type: 'User', id: actor.userId }, { outcome: 'FAILURE', after: { reason: 'code did not match' } }));
    throw new AppError('INVALID_INPUT', 'That code is not right. Enter the newest 6-digit code from the app.', { code: ['That code is not right.'] });
  }
  return db.$transaction(async (tx) => {
    const confirmed = await tx.totpFactor.updateMany({ where: { userId: actor.userId, confirmedAt: null }, data: { confirmedAt: new Date() } });
    if (confirmed.count !== 1) throw new AppError('CONFLICT', 'That authenticator app is already set up.');
    await recordAudit(tx, actorDid(actor, 'second_factor.authenticator_added', { type: 'User', id: actor.userId }));
    const unusedCodes = await tx.recoveryCode.count({ where: { userId: actor.userId, usedAt: null } });
    if (unusedCodes > 0) return { recoveryCodes: null };
    const recoveryCodes = await issueRecoveryCodes(tx, actor.userId);
    await recordAudit(tx, actorDid(actor, 'second_factor.recovery_codes_made', { type: 'User', id: actor.userId }, { after: { count: recoveryCodes.length } }));
    return { recoveryCodes };
  });
}
