import type { Role } from '@/lib/domain/types';

/** The signed-in user every data-access function acts for. */
export type Actor = {
  userId: string;
  clinicId: string;
  role: Role;
  name: string;
  /** Set for patients: the Patient record this user is. */
  patientId: string | null;
  /** Where the request came from, for the audit trail. */
  ip: string | null;
};
