import type { Role } from '@/lib/domain/types';

/** The signed-in user every data-access function acts for. */
export type Actor = {
  userId: string;
  clinicId: string;
  role: Role;
  name: string;
  /** Set for patients: the Patient record this user is. */
  patientId: string | null;
  /** The clinic's IANA time zone: what "today" is, and how dates and times are shown. */
  timeZone: string;
  /** Where the request came from, for the audit trail. */
  ip: string | null;
  /**
   * True for staff of a clinic that requires a second factor who have none yet: they may do nothing but add one
   * (and sign out). requireActor and requirePermission refuse them everything else.
   */
  secondFactorDue?: boolean;
};
