import 'server-only';
import type { Actor } from '../auth/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

export type PatientSummary = { id: string; firstName: string; lastName: string; dateOfBirth: Date };

/** The patients this clinician may see, by name. */
export async function listPatients({ actor }: { actor: Actor }): Promise<PatientSummary[]> {
  requirePermission(actor, 'patient.read');
  return db.patient.findMany({
    where: patientVisibleTo(actor),
    select: { id: true, firstName: true, lastName: true, dateOfBirth: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
  });
}
