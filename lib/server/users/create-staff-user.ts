import 'server-only';
import { createStaffUserSchema } from '@/lib/schemas/user';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, conflictOnUnique, parseInput } from '../errors';
import { issueInvitation } from '../invitations/issue-invitation';

/**
 * An admin adds a therapist, surgeon or admin to the clinic. The account has no password until the person
 * uses the one-time invitation link returned here.
 */
export async function createStaffUser({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'user.manage', 'FORBIDDEN');
  const data = parseInput(createStaffUserSchema, input);
  const user = await db
    .$transaction(async (tx) => {
      const taken = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
      if (taken) throw new AppError('CONFLICT', 'That email already belongs to an account.', { email: ['Email already in use.'] });
      const created = await tx.user.create({ data: { ...data, clinicId: actor.clinicId }, select: { id: true, name: true, email: true, role: true } });
      await recordAudit(tx, { actorId: actor.userId, clinicId: actor.clinicId, action: 'user.create', entityType: 'User', entityId: created.id, outcome: 'SUCCESS', ip: actor.ip, after: created });
      return created;
    })
    .catch(conflictOnUnique('That email already belongs to an account.'));
  const invitation = await issueInvitation({ actor, userId: user.id, patientId: null });
  return { user, invitation };
}
