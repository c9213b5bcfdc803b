import 'server-only';
import type { Actor } from './actor';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { AppError } from '../errors';
import { verifyPassword } from './password';

/**
 * Approvals and sign-offs are signatures: the signer types their password again. A wrong password is
 * recorded and nothing is signed.
 */
export async function confirmPassword(actor: Actor, password: string, action: string, entity: { type: string; id: string; patientId?: string | null }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (await verifyPassword(user?.passwordHash ?? null, password)) return;
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: actor.userId,
      clinicId: actor.clinicId,
      action,
      entityType: entity.type,
      entityId: entity.id,
      patientId: entity.patientId ?? null,
      outcome: 'FAILURE',
      ip: actor.ip,
      after: { reason: 'password did not match' },
    }),
  );
  throw new AppError('INVALID_INPUT', 'That password is not right, so nothing was signed. Please try again.', { password: ['Password is not right.'] });
}
