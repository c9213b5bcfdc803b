import 'server-only';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseId } from '../parse-input';
import { issueInvitation, type CreatedInvitation } from './issue-invitation';

export { INVITATION_LIFETIME_MS, type CreatedInvitation } from './issue-invitation';

/**
 * Makes a one-time link for a patient to set their password, while their portal account has none. The
 * token is returned once and never stored: only its SHA-256 is. A new link replaces every earlier unused
 * one, so only the newest link works.
 */
export async function createInvitation({ actor, patientId: rawPatientId }: { actor: Actor; patientId: unknown }): Promise<CreatedInvitation> {
  // Inviting is part of treating the patient: their own therapist does it, nobody else.
  requirePermission(actor, 'invitation.issue');
  const patientId = parseId(rawPatientId, 'That patient');
  const patient = await db.patient.findFirst({ where: { AND: [{ id: patientId }, patientVisibleTo(actor)] }, select: { id: true, userId: true } });
  if (!patient) throw notFound('That patient');
  const { userId } = patient;
  if (!userId) throw new AppError('INVALID_INPUT', 'This patient has no portal account yet, so there is nothing to invite them to.');

  return db.$transaction((tx) => issueInvitation(tx, { actor, userId, patientId: patient.id }));
}
