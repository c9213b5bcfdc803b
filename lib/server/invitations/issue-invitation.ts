import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Tx } from '../db';
import { AppError, notFound } from '../errors';
import { hashInvitationToken } from './hash-invitation-token';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type CreatedInvitation = { path: string; expiresAt: Date };

export const ALREADY_HAS_PASSWORD =
  'This account already has a password, so no set-password link was made. If the password is forgotten, use Reset password instead.';

/**
 * Issues a one-time link for a user to set their password, inside the caller's transaction. Internal: the
 * caller has already checked that the actor may invite this user. The token is returned once and never
 * stored: only its SHA-256 is. A new link replaces every earlier unused one, so only the newest link works.
 *
 * Only an account that has no password gets a link. Whoever holds the link chooses the password, so a link
 * for an account that has one would let the person who asked for it (an admin, a therapist) become that
 * account. Taking a password away is a separate, deliberate step: the reset functions clear it first.
 */
export async function issueInvitation(tx: Tx, { actor, userId, patientId }: { actor: Actor; userId: string; patientId: string | null }): Promise<CreatedInvitation> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  // Two people clicking at once: the second waits here, then sees and replaces the first link. Accepting a
  // link takes the same lock before it sets the password, so the check below cannot miss a password that
  // is being set right now.
  const [account] = await tx.$queryRaw<Array<{ isPasswordless: boolean }>>`
    SELECT "passwordHash" IS NULL AS "isPasswordless" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  if (!account) throw notFound('That person');
  if (!account.isPasswordless) throw new AppError('CONFLICT', ALREADY_HAS_PASSWORD);
  const replaced = await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  const invitation = await tx.invitation.create({
    data: { userId, tokenHash: hashInvitationToken(token), expiresAt, createdById: actor.userId },
    select: { id: true, expiresAt: true },
  });
  await recordAudit(tx, actorDid(actor, 'invitation.create', { type: 'Invitation', id: invitation.id, patientId }, { after: { userId, expiresAt: invitation.expiresAt, replacedCount: replaced.count } }));
  return { path: `/invite/${token}`, expiresAt };
}
