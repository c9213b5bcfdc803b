// A "world" for data-layer tests: two clinics, each with every role, the standard catalog and protocol,
// and patients whose care teams differ, so each test can ask "who sees what" across roles and clinics.
// Every call seeds new clinics: test files never share data, and never assume table-wide counts.
import { randomUUID } from 'node:crypto';
import type { Role } from '@/lib/domain/types';
import type { Actor } from '@/lib/server/authz/actor';
import { createCatalog, createClinic, createPatient, createProtocol, createUser } from '@/prisma/factories';
import { TEST_PROTOCOL } from './test-protocol';

export type SeededUser = Awaited<ReturnType<typeof createUser>>;
export type SeededPatient = Awaited<ReturnType<typeof createPatient>>;

export type ClinicWorld = {
  clinic: { id: string; name: string };
  users: {
    admin: SeededUser;
    therapist: SeededUser;
    /** A second therapist, the only care-team member of `patients.otherTeam`. */
    otherTherapist: SeededUser;
    surgeon: SeededUser;
    /** The sign-in account of `patients.self`. */
    patient: SeededUser;
  };
  actors: { admin: Actor; therapist: Actor; surgeon: Actor; patient: Actor };
  /** The standard catalog: exercise id by name. */
  exerciseIds: Map<string, string>;
  protocol: Awaited<ReturnType<typeof createProtocol>>;
  patients: {
    /** The patient user's own record; care team: therapist and surgeon. */
    self: SeededPatient;
    /** Care team: the therapist only. */
    therapistOnly: SeededPatient;
    /** Care team: the other therapist only; the main therapist and the surgeon are not on it. */
    otherTeam: SeededPatient;
  };
};

export type World = { a: ClinicWorld; b: ClinicWorld };

/** A documentation-range IPv6 address unique to one caller, so its audit rows can be found by `ip`. */
export function uniqueIp(): string {
  const hex = randomUUID().replace(/-/g, '');
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 12)}::1`;
}

export function actorFor(
  user: SeededUser,
  { patientId = null, ip = uniqueIp(), timeZone = 'UTC' }: { patientId?: string | null; ip?: string | null; timeZone?: string } = {},
): Actor {
  return { userId: user.id, clinicId: user.clinicId, role: user.role, name: user.name, patientId, timeZone, ip };
}

/**
 * A new user of the clinic and the actor for them, for tests that change a user or must count that
 * actor's audit rows without seeing any other test's. A patient also gets a patient record, with the
 * given care team.
 */
export async function createActor(clinicId: string, role: Role, { careTeam = [] }: { careTeam?: string[] } = {}) {
  const user = await createUser({ clinicId, role });
  if (role !== 'PATIENT') return { user, actor: actorFor(user), patient: null };
  const patient = await createPatient({ clinicId, careTeam, userId: user.id });
  return { user, actor: actorFor(user, { patientId: patient.id }), patient };
}

export async function createClinicWorld(): Promise<ClinicWorld> {
  const clinic = await createClinic();
  const [admin, therapist, otherTherapist, surgeon, patientUser] = await Promise.all([
    createUser({ clinicId: clinic.id, role: 'ADMIN' }),
    createUser({ clinicId: clinic.id, role: 'THERAPIST' }),
    createUser({ clinicId: clinic.id, role: 'THERAPIST' }),
    createUser({ clinicId: clinic.id, role: 'SURGEON' }),
    createUser({ clinicId: clinic.id, role: 'PATIENT' }),
  ]);
  const exerciseIds = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exerciseIds, TEST_PROTOCOL);
  const self = await createPatient({ clinicId: clinic.id, careTeam: [therapist.id, surgeon.id], userId: patientUser.id, lastName: `Able-${clinic.id}` });
  const therapistOnly = await createPatient({ clinicId: clinic.id, careTeam: [therapist.id], lastName: `Baker-${clinic.id}` });
  const otherTeam = await createPatient({ clinicId: clinic.id, careTeam: [otherTherapist.id], lastName: `Carter-${clinic.id}` });
  return {
    clinic,
    users: { admin, therapist, otherTherapist, surgeon, patient: patientUser },
    actors: {
      admin: actorFor(admin),
      therapist: actorFor(therapist),
      surgeon: actorFor(surgeon),
      patient: actorFor(patientUser, { patientId: self.id }),
    },
    exerciseIds,
    protocol,
    patients: { self, therapistOnly, otherTeam },
  };
}

/** Clinic A and clinic B, built the same way. */
export async function createWorld(): Promise<World> {
  const [a, b] = await Promise.all([createClinicWorld(), createClinicWorld()]);
  return { a, b };
}
