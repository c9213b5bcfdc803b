import 'server-only';
import { LAST_FACTOR, mayRemoveFactor } from '@/lib/domain/second-factor';
import { removePasskeySchema } from '@/lib/schemas/second-factor';
import { confirmPassword } from '../auth/confirm-password';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';

/** Removes one of the actor's passkeys, after their password (or a passkey) again. Another user's passkey is not found. */
export async function removePasskey({ actor, input }: { actor: Actor; input: unknown }): Promise<void> {
  requirePermission(actor, 'account.second_factor');
  const { passkeyId, password, passkeyAnswer } = parseInput(removePasskeySchema, input);
  const passkey = await db.passkey.findFirst({ where: { id: passkeyId, userId: actor.userId }, select: { id: true, name: true } });
  if (!passkey) throw notFound('That passkey');
  await confirmPassword(actor, { password, passkeyAnswer }, 'second_factor.passkey_removed', { type: 'Passkey', id: passkey.id }, 'That password is not right, so nothing was removed.');
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { role: true, clinic: { select: { requireStaffSecondFactor: true } }, totpFactor: { select: { confirmedAt: true } } } });
    const remaining = { passkeys: (await tx.passkey.count({ where: { userId: actor.userId } })) - 1, hasAuthenticatorApp: Boolean(user.totpFactor?.confirmedAt) };
    if (!mayRemoveFactor({ role: user.role, clinicRequiresForStaff: user.clinic.requireStaffSecondFactor }, remaining)) throw new AppError('CONFLICT', LAST_FACTOR);
    await tx.passkey.delete({ where: { id: passkey.id } });
    await recordAudit(tx, actorDid(actor, 'second_factor.passkey_removed', { type: 'Passkey', id: passkey.id }, { before: { name: passkey.name } }));
  });
}
