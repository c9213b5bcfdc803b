import 'server-only';
import { LAST_FACTOR, mayRemoveFactor } from '@/lib/domain/second-factor';
import { confirmWithPasswordSchema } from '@/lib/schemas/second-factor';
import { confirmPassword } from '../auth/confirm-password';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../parse-input';

/** Removes the actor's authenticator app (set up or half set up), after their password (or a passkey) again. */
export async function removeAuthenticatorApp({ actor, input }: { actor: Actor; input: unknown }): Promise<void> {
  requirePermission(actor, 'account.second_factor');
  const { password, passkeyAnswer } = parseInput(confirmWithPasswordSchema, input);
  const app = await db.totpFactor.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } });
  if (!app) throw new AppError('NOT_FOUND', 'You have no authenticator app set up.');
  await confirmPassword(actor, { password, passkeyAnswer }, 'second_factor.authenticator_removed', { type: 'User', id: actor.userId }, 'That password is not right, so nothing was removed.');
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { role: true, clinic: { select: { requireStaffSecondFactor: true } }, _count: { select: { passkeys: true } } } });
    if (app.confirmedAt && !mayRemoveFactor({ role: user.role, clinicRequiresForStaff: user.clinic.requireStaffSecondFactor }, { passkeys: user._count.passkeys, hasAuthenticatorApp: false })) {
      throw new AppError('CONFLICT', LAST_FACTOR);
    }
    await tx.totpFactor.delete({ where: { userId: actor.userId } });
    await recordAudit(tx, actorDid(actor, 'second_factor.authenticator_removed', { type: 'User', id: actor.userId }, { before: { confirmed: Boolean(app.confirmedAt) } }));
  });
}
