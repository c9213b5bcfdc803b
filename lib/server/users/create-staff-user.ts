import 'server-only';
import { createStaffUserSchema } from '@/lib/schemas/user';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { conflictOnUnique } from '../errors';
import { parseInput } from '../parse-input';
import { issueInvitation } from '../invitations/issue-invitation';
import { assertEmailFree, EMAIL_UNAVAILABLE } from './assert-email-free';

/**
 * An admin adds a therapist, surgeon or admin to the clinic. The account has no password until the person
 * uses the one-time invitation link returned here; the account and its link are made together.
 */
export async function createStaffUser({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'user.manage', 'FORBIDDEN');
  const data = parseInput(createStaffUserSchema, input);
  return db
    .$transaction(async (tx) => {
      await assertEmailFree(tx, actor, data.email);
      const user = await tx.user.create({ data: { ...data, clinicId: actor.clinicId }, select: { id: true, name: true, email: true, role: true } });
      await recordAudit(tx, actorDid(actor, 'user.create', { type: 'User', id: user.id }, { after: user }));
      const invitation = await issueInvitation(tx, { actor, userId: user.id, patientId: null });
      return { user, invitation };
    })
    .catch(conflictOnUnique(EMAIL_UNAVAILABLE));
}
