import 'server-only';
import { resetPatientPasswordSchema } from '@/lib/schemas/patient';
import type { Actor } from '../authz/actor';
import { confirmPassword } from '../auth/confirm-password';
import { RESET_REFUSED, resetPassword } from '../invitations/reset-password';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';
import type { CreatedInvitation } from '../invitations/issue-invitation';

/**
 * A patient's own therapist takes away the portal password the patient has forgotten: it stops working, the
 * patient is signed out everywhere, and the therapist gets a new one-time link for the patient to choose a
 * new one. The therapist types their own password first, as for a signature.
 */
export async function resetPatientPassword({ actor, input }: { actor: Actor; input: unknown }): Promise<CreatedInvitation> {
  // The same people who invite the patient: their own therapist, nobody else.
  requirePermission(actor, 'patient.password.reset');
  const { patientId, password, passkeyAnswer } = parseInput(resetPatientPasswordSchema, input);
  const visible = { AND: [{ id: patientId }, patientVisibleTo(actor)] };
  const patient = await db.patient.findFirst({ where: visible, select: { id: true, userId: true } });
  if (!patient) throw notFound('That patient');
  const { userId } = patient;
  if (!userId) throw new AppError('INVALID_INPUT', 'This patient has no portal account, so there is no password to reset.');
  await confirmPassword(actor, { password, passkeyAnswer }, 'user.reset_password', { type: 'User', id: userId, patientId: patient.id }, RESET_REFUSED);
  return db.$transaction((tx) => resetPassword(tx, { actor, userId, scope: { patient: visible }, patientId: patient.id }));
}
