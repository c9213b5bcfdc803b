// Drives a patient's regimen through the data layer the way the therapist and surgeon would, for tests of
// plans, sign-offs, the portal and the caseload. Dates are relative to one fixed TODAY that the tests pass
// as `today`, so a run that crosses midnight still sees the same day counts.
import { addDays, toDateOnly } from '@/lib/domain/calendar';
import type { Actor } from '@/lib/server/authz/actor';
import { dosageSelect } from '@/lib/server/dosage-select';
import { db } from '@/lib/server/db';
import { createPatient } from '@/lib/server/patients/create-patient';
import { advancePhase } from '@/lib/server/plans/advance-phase';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { unique } from '@/prisma/factories';
import { actorFor, type ClinicWorld } from './world';

/** The factories' default password: every seeded clinician signs with it. */
export const PASSWORD = 'test-password';

export const TODAY = toDateOnly(new Date());

export const isoDate = (date: Date) => date.toISOString().slice(0, 10);
export const daysAgo = (days: number) => addDays(TODAY, -days);
export const isoDaysAgo = (days: number) => isoDate(daysAgo(days));

export type PatientInput = {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  procedure: string;
  surgeryDate: string;
  surgeonId: string;
  protocolId: string;
};

/** A valid registration for the clinic's surgeon and protocol, with a name and email no other test uses. */
export function patientInput(clinic: ClinicWorld, overrides: Partial<PatientInput> = {}): PatientInput {
  const tag = unique();
  return {
    firstName: 'Robin',
    lastName: `Plan-${tag}`,
    dateOfBirth: '1971-04-09',
    phone: '',
    email: `plan-patient-${tag}@example.test`,
    procedure: 'Lumbar microdiscectomy (L4-L5)',
    surgeryDate: isoDaysAgo(10),
    surgeonId: clinic.users.surgeon.id,
    protocolId: clinic.protocol.id,
    ...overrides,
  };
}

export type RegisteredPatient = {
  patientId: string;
  draftVersionId: string;
  email: string;
  lastName: string;
  /** The patient's own portal actor. */
  actor: Actor;
};

/** Registers a patient through createPatient (the clinic's therapist by default). */
export async function registerPatient(
  clinic: ClinicWorld,
  { surgeryDaysAgo = 10, therapist = clinic.actors.therapist, surgeonId = clinic.users.surgeon.id }: { surgeryDaysAgo?: number; therapist?: Actor; surgeonId?: string } = {},
): Promise<RegisteredPatient> {
  const input = patientInput(clinic, { surgeryDate: isoDaysAgo(surgeryDaysAgo), surgeonId });
  const { patientId, draftVersionId } = await createPatient({ actor: therapist, input });
  const user = await db.user.findUniqueOrThrow({
    where: { email: input.email },
    select: { id: true, clinicId: true, email: true, name: true, role: true, sessionVersion: true },
  });
  return { patientId, draftVersionId, email: input.email, lastName: input.lastName, actor: actorFor(user, { patientId }) };
}

const itemColumns = {
  id: true,
  exerciseId: true,
  exerciseName: true,
  instructions: true,
  position: true,
  mode: true,
  ...dosageSelect,
  patientNotes: true,
  contentHash: true,
} as const;

export function draftOf(patientId: string) {
  return db.planVersion.findFirstOrThrow({
    where: { status: 'DRAFT', plan: { episode: { patientId } } },
    select: { id: true, number: true, lockVersion: true, items: { select: itemColumns, orderBy: { position: 'asc' } } },
  });
}

export function versionsOf(patientId: string) {
  return db.planVersion.findMany({
    where: { plan: { episode: { patientId } } },
    orderBy: { number: 'asc' },
    select: { id: true, number: true, status: true, lockVersion: true, phase: { select: { position: true } }, items: { select: itemColumns, orderBy: { position: 'asc' } } },
  });
}

export async function itemOf(versionId: string, exerciseName: string) {
  return db.planItem.findFirstOrThrow({ where: { versionId, exerciseName }, select: itemColumns });
}

import { shownItemsOf } from '@/prisma/demo-support';

export { shownItemsOf };

export async function approveDraft(therapist: Actor, patientId: string) {
  const draft = await draftOf(patientId);
  return approvePlanVersion({ actor: therapist, input: { versionId: draft.id, lockVersion: draft.lockVersion, password: PASSWORD, shownItems: await shownItemsOf(draft.id) } });
}

export async function advance(therapist: Actor, patientId: string, { criteriaMet = [] as string[], reason = '', today = TODAY } = {}) {
  return advancePhase({ actor: therapist, input: { patientId, criteriaMet, reason }, today });
}

export function pendingSignOff(patientId: string, exerciseName: string) {
  return db.signOff.findFirstOrThrow({
    where: { patientId, status: 'PENDING', item: { exerciseName } },
    orderBy: { requestedAt: 'desc' },
    select: { id: true, contentHash: true, itemId: true, surgeonId: true },
  });
}

export async function decide(
  surgeon: Actor,
  patientId: string,
  exerciseName: string,
  decision: 'SIGN' | 'DECLINE' = 'SIGN',
  reason = decision === 'DECLINE' ? 'Not yet: review at the next visit.' : '',
) {
  const pending = await pendingSignOff(patientId, exerciseName);
  return decideSignOff({ actor: surgeon, input: { signOffId: pending.id, decision, contentHash: pending.contentHash, password: PASSWORD, reason } });
}

export function signOffsOf(patientId: string) {
  return db.signOff.findMany({
    where: { patientId },
    orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, itemId: true, exerciseId: true, surgeonId: true, contentHash: true, status: true, reason: true, decidedAt: true, signatureHash: true, item: { select: { exerciseName: true } } },
  });
}

/**
 * Everything stored about a patient's regimen: versions, items, sign-offs and session logs. Compared before
 * and after a refused call to prove nothing was written.
 */
export async function regimenState(patientId: string) {
  const [versions, signOffs, sessions] = await Promise.all([
    db.planVersion.findMany({
      where: { plan: { episode: { patientId } } },
      orderBy: { number: 'asc' },
      include: { items: { orderBy: { position: 'asc' } } },
    }),
    db.signOff.findMany({ where: { patientId }, orderBy: { id: 'asc' } }),
    db.sessionLog.findMany({ where: { patientId }, orderBy: { id: 'asc' } }),
  ]);
  return { versions, signOffs, sessions };
}

/** Settles a call: its value, or the error it threw. */
export async function settle<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    return { ok: false, error };
  }
}
