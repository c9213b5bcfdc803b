import 'server-only';
import { hasSecondFactor } from '@/lib/domain/second-factor';
import { confirmWithPasswordSchema } from '@/lib/schemas/second-factor';
import { confirmPassword } from '../auth/confirm-password';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../parse-input';
import { issueRecoveryCodes } from './issue-recovery-codes';

/** A new set of recovery codes (the old ones stop working), after the password (or a passkey) again. Shown once. */
export async function makeRecoveryCodes({ actor, input }: { actor: Actor; input: unknown }): Promise<{ recoveryCodes: string[] }> {
  requirePermission(actor, 'account.second_factor');
  const { password, passkeyAnswer } = parseInput(confirmWithPasswordSchema, input);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { _count: { select: { passkeys: true } }, totpFactor: { select: { confirmedAt: true } } } });
  if (!hasSecondFactor({ passkeys: user._count.passkeys, hasAuthenticatorApp: Boolean(user.totpFactor?.confirmedAt) })) {
    throw new AppError('CONFLICT', 'Recovery codes come with a second factor. Add a passkey or an authenticator app first.');
  }
  await confirmPassword(actor, { password, passkeyAnswer }, 'second_factor.recovery_codes_made', { type: 'User', id: actor.userId }, 'That password is not right, so no new codes were made.');
  return db.$transaction(async (tx) => {
    const recoveryCodes = await issueRecoveryCodes(tx, actor.userId);
    await recordAudit(tx, actorDid(actor, 'second_factor.recovery_codes_made', { type: 'User', id: actor.userId }, { after: { count: recoveryCodes.length } }));
    return { recoveryCodes };
  });
}
