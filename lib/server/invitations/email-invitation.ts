import 'server-only';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { enqueueMail } from '../mail/enqueue-mail';
import { mailSettings } from '../mail/mail-settings';
import { parseId } from '../parse-input';
import { issueInvitation, type CreatedInvitation } from './issue-invitation';

export const MAIL_NOT_SET_UP = 'Email is not set up for this clinic, so nothing was sent. Copy or print the link instead.';

/**
 * Makes a new one-time link for the patient and emails it to their portal account's address, in one
 * transaction: the link replaces every earlier one, and the email is queued only if the link is made. The
 * link is also returned, so the therapist can still print or copy the same one. Sending happens in the
 * queue: a mail server that is down does not fail this, it is retried (and the clinic admin sees failures).
 */
export async function emailInvitation({ actor, patientId: rawPatientId }: { actor: Actor; patientId: unknown }): Promise<CreatedInvitation & { email: string }> {
  requirePermission(actor, 'invitation.issue');
  const patientId = parseId(rawPatientId, 'That patient');
  const patient = await db.patient.findFirst({ where: { AND: [{ id: patientId }, patientVisibleTo(actor)] }, select: { id: true, userId: true, user: { select: { email: true } } } });
  if (!patient) throw notFound('That patient');
  const { userId, user } = patient;
  if (!userId || !user) throw new AppError('INVALID_INPUT', 'This patient has no portal account yet, so there is nothing to invite them to.');
  if (!mailSettings().isConfigured) throw new AppError('INVALID_INPUT', MAIL_NOT_SET_UP);
  return db.$transaction(async (tx) => {
    const invitation = await issueInvitation(tx, { actor, userId, patientId: patient.id });
    const messageId = await enqueueMail(tx, { clinicId: actor.clinicId, userId, patientId: patient.id, kind: 'INVITATION', linkPath: invitation.path });
    await recordAudit(tx, actorDid(actor, 'invitation.email', { type: 'MailMessage', id: messageId, patientId: patient.id }));
    return { ...invitation, email: user.email };
  });
}
