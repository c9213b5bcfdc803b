import 'server-only';
import { z } from 'zod';
import { newPasswordSchema } from '@/lib/schemas/auth';
import type { Actor } from '../authz/actor';
import { endAllSessions } from '../auth/end-sessions';
import { confirmPassword } from '../auth/confirm-password';
import { hashPassword } from '../auth/password';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { parseInput } from '../parse-input';

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
  // The shared re-check: wrong current passwords count towards ending the session, as for a signature.
  await confirmPassword(actor, currentPassword, 'user.change_password', { type: 'User', id: actor.userId }, 'Your current password is not right, so nothing was changed.', { field: 'currentPassword' });
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    await endAllSessions(tx, actor.userId);
    await recordAudit(tx, actorDid(actor, 'user.change_password', { type: 'User', id: actor.userId }));
  });
}
