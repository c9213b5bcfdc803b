import 'server-only';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { AppError } from '../errors';
import { verifyPassword } from './password';

const NOTHING_SIGNED = 'That password is not right, so nothing was signed. Please try again.';

/**
 * Approvals and sign-offs are signatures, and resetting someone else's password is a deliberate act: the
 * actor types their own password again. A wrong password is recorded and nothing is done; `refusal` says
 * what was not done.
 */
export async function confirmPassword(
  actor: Actor,
  password: string,
  action: string,
  entity: { type: string; id: string; patientId?: string | null },
  refusal: string = NOTHING_SIGNED,
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (await verifyPassword(user?.passwordHash ?? null, password)) return;
  await recordAudit(db, actorDid(actor, action, { type: entity.type, id: entity.id, patientId: entity.patientId ?? null }, { outcome: 'FAILURE', after: { reason: 'password did not match' } }));
  throw new AppError('INVALID_INPUT', refusal, { password: ['Password is not right.'] });
}
