import 'server-only';
import { resetStaffPasswordSchema } from '@/lib/schemas/user';
import type { Actor } from '../authz/actor';
import { confirmPassword } from '../auth/confirm-password';
import { RESET_REFUSED, resetPassword } from '../invitations/reset-password';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';
import type { Prisma } from '../generated/prisma/client';

/**
 * An admin takes away the password of a staff member of their clinic who has forgotten it: the old password
 * stops working, the person is signed out everywhere, and the admin gets a one-time link for them to choose
 * a new one. The admin types their own password first, as for a signature.
 */
export async function resetStaffPassword({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'user.manage', 'FORBIDDEN');
  const { userId, password, passkeyAnswer } = parseInput(resetStaffPasswordSchema, input);
  // Their own password is changed on the account page, with the current one: never through a link.
  if (userId === actor.userId) throw new AppError('INVALID_INPUT', 'You cannot reset your own password here. Change it on Your account page.');
  const scope: Prisma.UserWhereInput = { clinicId: actor.clinicId, role: { not: 'PATIENT' }, isActive: true };
  const user = await db.user.findFirst({ where: { AND: [{ id: userId }, scope] }, select: { id: true, name: true } });
  if (!user) throw notFound('That person');
  await confirmPassword(actor, { password, passkeyAnswer }, 'user.reset_password', { type: 'User', id: user.id }, RESET_REFUSED);
  const invitation = await db.$transaction((tx) => resetPassword(tx, { actor, userId: user.id, scope, patientId: null }));
  return { user, invitation };
}
