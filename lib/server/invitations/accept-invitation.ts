import 'server-only';
import { chosenPasswordSchema, INVITATION_PROBLEMS, invitationTokenSchema, type InvitationProblem } from '@/lib/schemas/invitation';
import { recordAudit } from '../audit/record-audit';
import { hashPassword } from '../auth/password';
import { db } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../parse-input';
import { hashInvitationToken } from './hash-invitation-token';
import { invitationState } from './invitation-state';

function refused(problem: InvitationProblem): AppError {
  return new AppError('INVALID_INPUT', INVITATION_PROBLEMS[problem].explanation);
}

/**
 * Sets a first password through an invitation link, once, for an account that has none. Every other session
 * of the account ends. Returns the email to sign in with.
 */
export async function acceptInvitation({
  token,
  password,
  repeatPassword,
  ip,
}: {
  token: unknown;
  password: unknown;
  repeatPassword: unknown;
  ip: string | null;
}): Promise<{ email: string }> {
  const chosen = parseInput(chosenPasswordSchema, { password, repeatPassword });
  const parsedToken = invitationTokenSchema.safeParse(token);
  if (!parsedToken.success) throw refused('unknown');
  // Argon2 is slow on purpose: hash before the transaction so no row or connection is held meanwhile.
  const passwordHash = await hashPassword(chosen.password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashInvitationToken(parsedToken.data) },
      select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { clinicId: true, patient: { select: { id: true } } } } },
    });
    if (!invitation) throw refused('unknown');
    const state = invitationState(invitation, now);
    if (state !== 'valid') throw refused(state);
    // The account's row first, as issueInvitation and the password resets lock it: one order, no deadlock.
    const [account] = await tx.$queryRaw<Array<{ isPasswordless: boolean }>>`
      SELECT "passwordHash" IS NULL AS "isPasswordless" FROM "User" WHERE "id" = ${invitation.userId} FOR UPDATE`;
    // Two tabs may submit the same link at once: the row lock lets exactly one of them mark it used.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw refused('used');
    // A link only ever sets a first password: an account that has one (a link issued before links were
    // limited to accounts without a password) is refused, and the claim above rolls back with it.
    if (!account?.isPasswordless) throw refused('passwordSet');
    const user = await tx.user.update({
      where: { id: invitation.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true },
    });
    await recordAudit(tx, {
      actorId: invitation.userId,
      clinicId: invitation.user.clinicId,
      action: 'invitation.accept',
      entityType: 'Invitation',
      entityId: invitation.id,
      patientId: invitation.user.patient?.id ?? null,
      outcome: 'SUCCESS',
      ip,
    });
    return { email: user.email };
  });
}
