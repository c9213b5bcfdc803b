import 'server-only';
import { z } from 'zod';
import { newPasswordSchema } from '@/lib/schemas/auth';
import type { Actor } from '../auth/actor';
import { endAllSessions } from '../auth/end-sessions';
import { hashPassword, verifyPassword } from '../auth/password';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { AppError, parseInput } from '../errors';

const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string().min(1, 'Enter your current password.').max(200),
    newPassword: newPasswordSchema,
    repeatPassword: z.string().max(200),
  })
  .refine((input) => input.newPassword === input.repeatPassword, { message: 'The two new passwords are not the same.', path: ['repeatPassword'] })
  .refine((input) => input.newPassword !== input.currentPassword, { message: 'Choose a password different from the current one.', path: ['newPassword'] });

/** Changes the actor's own password and ends every session they have, this one included. */
export async function changePassword({ actor, input }: { actor: Actor; input: unknown }): Promise<void> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user?.passwordHash ?? null, currentPassword))) {
    await recordAudit(db, { actorId: actor.userId, clinicId: actor.clinicId, action: 'user.change_password', entityType: 'User', entityId: actor.userId, outcome: 'FAILURE', ip: actor.ip });
    throw new AppError('INVALID_INPUT', 'Your current password is not right, so nothing was changed.', { currentPassword: ['Not right.'] });
  }
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    await endAllSessions(tx, actor.userId);
    await recordAudit(tx, { actorId: actor.userId, clinicId: actor.clinicId, action: 'user.change_password', entityType: 'User', entityId: actor.userId, outcome: 'SUCCESS', ip: actor.ip });
  });
}
