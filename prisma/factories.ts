// Builders for clinics, users, the catalog and patients. The demo seed and the tests use the same ones,
// so the demo and the tests exercise the same shapes of data.
import { randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/server/auth/password';
import { db } from '@/lib/server/db';
import type { Role } from '@/lib/domain/types';
import { drawingFor } from '@/lib/domain/drawings/exercise-drawings';
import type { Actor } from '@/lib/server/authz/actor';
import { EXERCISES, DECOMPRESSION_PROTOCOL, type SeedExercise, type SeedProtocol } from './data/catalog';

const passwordHashes = new Map<string, Promise<string>>();

/** Argon2id is slow on purpose; hash each distinct password once per process. */
function cachedHash(password: string): Promise<string> {
  let hashed = passwordHashes.get(password);
  if (!hashed) {
    hashed = hashPassword(password);
    passwordHashes.set(password, hashed);
  }
  return hashed;
}

export const unique = () => randomUUID().slice(0, 8);

export async function createClinic({
  name = `Clinic ${unique()}`,
  phone = '555-0100',
  emergencyNumber = '911',
  timeZone = 'UTC',
}: { name?: string; phone?: string; emergencyNumber?: string; timeZone?: string } = {}) {
  return db.clinic.create({ data: { name, phone, emergencyNumber, timeZone }, select: { id: true, name: true, timeZone: true } });
}

export async function createUser({
  clinicId,
  role,
  email = `${role.toLowerCase()}-${unique()}@example.test`,
  name = `${role.charAt(0)}${role.slice(1).toLowerCase()} ${unique()}`,
  password = 'test-password',
  isActive = true,
}: {
  clinicId: string;
  role: Role;
  email?: string;
  name?: string;
  password?: string | null;
  isActive?: boolean;
}) {
  return db.user.create({
    data: { clinicId, role, email, name, isActive, passwordHash: password === null ? null : await cachedHash(password) },
    select: { id: true, clinicId: true, email: true, name: true, role: true, sessionVersion: true },
  });
}

export async function createExercise(clinicId: string, exercise: SeedExercise) {
  return db.exercise.create({
    data: {
      clinicId,
      name: exercise.name,
      instructions: exercise.instructions,
      therapistNotes: exercise.therapistNotes,
      category: exercise.category,
      bodyRegion: exercise.bodyRegion,
      position: exercise.position,
      equipment: exercise.equipment,
      isSafeUnsupervised: exercise.isSafeUnsupervised,
      patientName: exercise.patientName ?? '',
      loads: exercise.loads ?? [],
      // The drawing, described as poses (lib/domain/drawings/exercise-drawings.ts): stored with the exercise.
      illustration: drawingFor(exercise.name) ?? undefined,
      ...exercise.dosage,
    },
    select: { id: true, name: true },
  });
}

/** The standard catalog; returns exercise ids by name. */
export async function createCatalog(clinicId: string, exercises: readonly SeedExercise[] = EXERCISES) {
  const ids = new Map<string, string>();
  for (const exercise of exercises) {
    const created = await createExercise(clinicId, exercise);
    ids.set(created.name, created.id);
  }
  return ids;
}

export async function createProtocol(clinicId: string, exerciseIds: Map<string, string>, protocol: SeedProtocol = DECOMPRESSION_PROTOCOL) {
  return db.protocol.create({
    data: {
      clinicId,
      name: protocol.name,
      description: protocol.description,
      phases: {
        create: protocol.phases.map((phase, phaseIndex) => ({
          position: phaseIndex + 1,
          name: phase.name,
          earliestDay: phase.earliestDay,
          criteria: phase.criteria,
          precautions: phase.precautions,
          restrictions: phase.restrictions ?? {},
          exercises: {
            create: phase.exercises.map((exercise, index) => {
              const exerciseId = exerciseIds.get(exercise.name);
              if (!exerciseId) throw new Error(`Protocol names an exercise not in the catalog: ${exercise.name}`);
              return { exerciseId, position: index + 1, mode: exercise.mode, ...exercise.dosage };
            }),
          },
        })),
      },
    },
    select: { id: true, name: true, phases: { select: { id: true, position: true, name: true }, orderBy: { position: 'asc' } } },
  });
}

export async function createPatient({
  clinicId,
  careTeam,
  firstName = 'Pat',
  lastName = `Test-${unique()}`,
  dateOfBirth = new Date('1970-05-17'),
  userId = null,
  email = '',
  phone = '',
}: {
  clinicId: string;
  careTeam: string[];
  firstName?: string;
  lastName?: string;
  dateOfBirth?: Date;
  userId?: string | null;
  email?: string;
  phone?: string;
}) {
  return db.patient.create({
    data: {
      clinicId,
      firstName,
      lastName,
      dateOfBirth,
      userId,
      email,
      phone,
      careTeam: { create: careTeam.map((memberId) => ({ userId: memberId })) },
    },
    select: { id: true, firstName: true, lastName: true, clinicId: true },
  });
}

/** The acting user the data-access layer expects, for a user made by these factories. */
export function actorFor(
  user: { id: string; clinicId: string; role: Role; name: string },
  patientId: string | null = null,
  timeZone = 'UTC',
): Actor {
  return { userId: user.id, clinicId: user.clinicId, role: user.role, name: user.name, patientId, timeZone, ip: '127.0.0.1' };
}
