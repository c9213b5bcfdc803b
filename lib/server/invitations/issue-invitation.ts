import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { hashInvitationToken } from './hash-invitation-token';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type CreatedInvitation = { path: string; expiresAt: Date };

/**
 * Issues a one-time link for a user to set their password. Internal: the caller has already checked that
 * the actor may invite this user. The token is returned once and never stored: only its SHA-256 is. A new
 * link replaces every earlier unused one, so only the newest link works.
 */
export async function issueInvitation({ actor, userId, patientId }: { actor: Actor; userId: string; patientId: string | null }): Promise<CreatedInvitation> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  await db.$transaction(async (tx) => {
    // Two therapists clicking at once: the second waits here, then sees and replaces the first link.
    await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
    const replaced = await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    const invitation = await tx.invitation.create({
      data: { userId, tokenHash: hashInvitationToken(token), expiresAt, createdById: actor.userId },
      select: { id: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: actor.clinicId,
      action: 'invitation.create',
      entityType: 'Invitation',
      entityId: invitation.id,
      patientId,
      outcome: 'SUCCESS',
      ip: actor.ip,
      after: { userId, expiresAt: invitation.expiresAt, replacedCount: replaced.count },
    });
  });
  return { path: `/invite/${token}`, expiresAt };
}
