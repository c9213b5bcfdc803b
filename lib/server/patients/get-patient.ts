import 'server-only';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId } from '../parse-input';

const patientSelect = {
  id: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  phone: true,
  email: true,
  userId: true,
  // Only whether the portal account has a password is used (below); the hash is never returned.
  user: { select: { passwordHash: true } },
  careTeam: { select: { user: { select: { id: true, name: true, role: true } } } },
  episodes: {
    select: { id: true, procedure: true, surgeryDate: true, surgeon: { select: { id: true, name: true } }, protocol: { select: { id: true, name: true } } },
    orderBy: { surgeryDate: 'desc' },
  },
} as const;

/**
 * Where the patient's portal sign-in stands: no account (nothing to invite), an account waiting for its
 * first password (a set-password link may be made), or an account with a password (only a reset).
 */
export type PortalAccount = 'none' | 'awaitingPassword' | 'hasPassword';

function portalAccountOf(userId: string | null, passwordHash: string | null): PortalAccount {
  if (userId === null) return 'none';
  return passwordHash === null ? 'awaitingPassword' : 'hasPassword';
}

/**
 * One patient's record, if the actor may see it. Every read of a patient's record is on the audit trail,
 * and so is every refused one.
 */
export async function getPatient({ actor, patientId: rawPatientId }: { actor: Actor; patientId: unknown }) {
  const patientId = parseId(rawPatientId, 'That patient');
  const patient = await db.patient.findFirst({ where: { AND: [{ id: patientId }, patientVisibleTo(actor)] }, select: patientSelect });
  await recordAudit(db, actorDid(actor, 'patient.read', { type: 'Patient', id: patientId, patientId: patient ? patientId : null }, { outcome: patient ? 'SUCCESS' : 'DENIED' }));
  if (!patient) throw notFound('That patient', { isAudited: true });
  const { userId, user, ...record } = patient;
  return { ...record, portalAccount: portalAccountOf(userId, user?.passwordHash ?? null) };
}

export type PatientRecord = Awaited<ReturnType<typeof getPatient>>;
