import 'server-only';
import { invitationTokenSchema } from '@/lib/schemas/invitation';
import { db } from '../db';
import { hashInvitationToken } from './hash-invitation-token';
import { invitationState } from './invitation-state';

export type InvitationView = { status: 'valid'; firstName: string } | { status: 'expired' } | { status: 'used' } | { status: 'passwordSet' } | { status: 'unknown' };

/** Public: whoever holds the link may learn whether it still works, and the first name it greets. */
export async function getInvitation({ token }: { token: string }): Promise<InvitationView> {
  const parsed = invitationTokenSchema.safeParse(token);
  if (!parsed.success) return { status: 'unknown' };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(parsed.data) },
    select: { expiresAt: true, usedAt: true, user: { select: { name: true, passwordHash: true, patient: { select: { firstName: true } } } } },
  });
  if (!invitation) return { status: 'unknown' };
  const state = invitationState(invitation, new Date());
  if (state !== 'valid') return { status: state };
  // acceptInvitation refuses such a link; the page says so before the form is filled in. Only whether a
  // password exists is used here: the hash itself goes no further.
  if (invitation.user.passwordHash !== null) return { status: 'passwordSet' };
  return { status: 'valid', firstName: invitation.user.patient?.firstName ?? invitation.user.name };
}
