import 'server-only';
import type { Actor } from '../authz/actor';
import type { Prisma } from '../generated/prisma/client';

/**
 * The one definition of which patients an actor may see: the clinic's admin sees the clinic's patients;
 * therapists and surgeons see the patients whose care team they are on; a patient sees only themself.
 * Nothing of another clinic, ever.
 */
export function patientVisibleTo(actor: Actor): Prisma.PatientWhereInput {
  switch (actor.role) {
    case 'ADMIN':
      return { clinicId: actor.clinicId };
    case 'THERAPIST':
    case 'SURGEON':
      return { clinicId: actor.clinicId, careTeam: { some: { userId: actor.userId } } };
    case 'PATIENT':
      // A patient account not linked to a patient record sees nobody.
      return actor.patientId ? { clinicId: actor.clinicId, id: actor.patientId } : { id: { in: [] } };
    default: {
      const unhandled: never = actor.role;
      throw new Error(`Unhandled role ${String(unhandled)}`);
    }
  }
}
