import 'server-only';
import { z } from 'zod';
import { idSchema } from '@/lib/schemas/id';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseInput } from '../parse-input';
import { issueInvitation } from '../invitations/issue-invitation';

const schema = z.strictObject({ userId: idSchema });

/**
 * A new one-time link for a staff member of the admin's clinic who has not set a password yet (a lost or
 * expired link). Someone who has a password gets a link only through resetStaffPassword.
 */
export async function inviteStaffUser({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'user.manage', 'FORBIDDEN');
  const { userId } = parseInput(schema, input);
  const user = await db.user.findFirst({ where: { id: userId, clinicId: actor.clinicId, role: { not: 'PATIENT' }, isActive: true }, select: { id: true, name: true } });
  if (!user) throw notFound('That person');
  const invitation = await db.$transaction((tx) => issueInvitation(tx, { actor, userId: user.id, patientId: null }));
  return { user, invitation };
}
