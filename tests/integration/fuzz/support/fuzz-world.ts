// The world every fuzz property runs in: two clinics with every role (support/world.ts). In clinic A,
// patients registered through the data layer at different points of their regimen, so that every id a form
// can carry has a counterpart the actor may use and one of another care team; in clinic B, the records
// whose ids clinic A's users must never reach.
import { alertKindsSeenBy, warningSignOfCause, type AlertCause, type AlertKind } from '@/lib/domain/alerts';
import { acknowledgeAlert } from '@/lib/server/alerts/acknowledge-alert';
import { raiseAlerts } from '@/lib/server/alerts/raise-alerts';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { AppError } from '@/lib/server/errors';
import { exerciseSelect } from '@/lib/server/exercises/exercise-select';
import { updateExercise } from '@/lib/server/exercises/update-exercise';
import { startDraft } from '@/lib/server/plans/start-draft';
import { createExercise as seedExercise, createProtocol as seedProtocol, createUser, unique } from '@/prisma/factories';
import { advance, approveDraft, decide, registerPatient, type RegisteredPatient } from '../../support/plan-flow';
import { actorFor, createWorld, type ClinicWorld, type World } from '../../support/world';
import type { FuzzScope } from './harness';

export type FuzzClinic = {
  world: ClinicWorld;
  otherTherapist: Actor;
  /** Registered by the therapist; a first draft, never approved. */
  drafting: RegisteredPatient;
  /**
   * Registered by the therapist, 10 days after surgery: phase 1 approved and Walking signed off, then
   * phase 2 approved with its home exercises waiting for the surgeon. Logs sessions; advances (early) to phase 3.
   */
  treated: RegisteredPatient;
  /** Registered by the other therapist: the therapist is not on the care team (the surgeon is). */
  otherTeam: RegisteredPatient;
  /** A second surgeon of the clinic and an approved patient of theirs, whose sign-off the first surgeon may not see. */
  otherSurgeon: Actor;
  otherSurgeonsPatient: RegisteredPatient;
  /** A protocol of this clinic with no phase, and one only the protocol fuzzing changes. */
  emptyProtocolId: string;
  fuzzProtocol: { id: string; phaseIds: string[] };
  /** Catalog entries only the catalog fuzzing changes, and one that is retired (its name has a bell, if the catalog takes one). */
  fuzzExerciseIds: string[];
  retiredExerciseId: string;
};

/** The other clinic: a patient with a draft, one with an approved plan waiting for the surgeon, catalog entries. */
export type OtherClinic = Pick<FuzzClinic, 'world' | 'drafting' | 'treated' | 'fuzzExerciseIds'>;

export type FuzzWorld = { a: FuzzClinic; b: OtherClinic; scope: FuzzScope };

function fuzzExercise(clinicId: string, name: string, isRetired = false): Promise<string> {
  return seedExercise(clinicId, {
    name: `${name} ${unique()}`,
    instructions: 'Lie on your back.\nBreathe slowly.',
    therapistNotes: '',
    category: 'MOBILITY',
    bodyRegion: 'Lumbar spine',
    position: 'Lying',
    equipment: '',
    isSafeUnsupervised: true,
    dosage: { sets: 1, reps: 10, holdSeconds: null, timesPerDay: 1, daysPerWeek: 5, minutes: null, side: 'NONE' },
  }).then(async (exercise) => {
    if (isRetired) await db.exercise.update({ where: { id: exercise.id }, data: { retiredAt: new Date() } });
    return exercise.id;
  });
}

// Names with LIKE wildcards, a backslash and non-ASCII letters, for the catalog search.
const fuzzExercises = (clinicId: string) => Promise.all([fuzzExercise(clinicId, 'Fuzz 100% _under\\score'), fuzzExercise(clinicId, 'Fuzz ÅÄÖ straße'), fuzzExercise(clinicId, 'Fuzz plain')]);

/**
 * Renames a catalog entry through the catalog form's own data-access function to a name with a control
 * character (a bell, as a paste can bring in), if the catalog accepts one. Refusals that echo the name
 * ("… is retired") then show whether such a name comes back in a message.
 */
async function nameWithControlCharacter(world: ClinicWorld, exerciseId: string): Promise<void> {
  const entry = await db.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: exerciseSelect });
  const { id: _id, retiredAt: _retiredAt, updatedAt: _updatedAt, ...fields } = entry;
  await updateExercise({ actor: world.actors.admin, exerciseId, input: { ...fields, name: `${entry.name} \u0007` } }).catch((error: unknown) => {
    if (!(error instanceof AppError && error.code === 'INVALID_INPUT')) throw error;
  });
}

async function fuzzClinic(world: ClinicWorld): Promise<FuzzClinic> {
  const clinicId = world.clinic.id;
  const therapist = world.actors.therapist;
  const otherTherapist = actorFor(world.users.otherTherapist);
  const otherSurgeonUser = await createUser({ clinicId, role: 'SURGEON' });
  const otherSurgeon = actorFor(otherSurgeonUser);

  // One at a time: every write appends to the clinic's audit chain under that chain's lock, and a queue of
  // transactions waiting for it can outlast Prisma's 5-second transaction timeout on a busy machine.
  const drafting = await registerPatient(world);
  const treated = await registerPatient(world);
  const otherTeam = await registerPatient(world, { therapist: otherTherapist });
  const otherSurgeonsPatient = await registerPatient(world, { surgeonId: otherSurgeonUser.id });
  await approveDraft(therapist, treated.patientId);
  await decide(world.actors.surgeon, treated.patientId, 'Walking');
  await advance(therapist, treated.patientId);
  await approveDraft(therapist, treated.patientId);
  await approveDraft(therapist, otherSurgeonsPatient.patientId);

  const emptyProtocol = await db.protocol.create({ data: { clinicId, name: `Empty ${unique()}` }, select: { id: true } });
  const fuzzProtocol = await seedProtocol(clinicId, world.exerciseIds, {
    name: `Fuzz protocol ${unique()}`,
    description: 'Changed only by the protocol fuzzing.',
    phases: [
      { name: 'First', earliestDay: 0, criteria: [], precautions: '', exercises: [{ name: 'Walking', mode: 'SELF_DIRECTED', dosage: { sets: null, reps: null, holdSeconds: null, timesPerDay: 2, daysPerWeek: 7, minutes: 10, side: 'NONE' } }] },
      { name: 'Second', earliestDay: 14, criteria: ['Walks 20 minutes'], precautions: 'No lifting.', exercises: [] },
    ],
  });
  const fuzzExerciseIds = await fuzzExercises(clinicId);
  const retiredExerciseId = await fuzzExercise(clinicId, 'Fuzz retired', true);
  await nameWithControlCharacter(world, retiredExerciseId);

  return {
    world,
    otherTherapist,
    drafting,
    treated,
    otherTeam,
    otherSurgeon,
    otherSurgeonsPatient,
    emptyProtocolId: emptyProtocol.id,
    fuzzProtocol: { id: fuzzProtocol.id, phaseIds: fuzzProtocol.phases.map((phase) => phase.id) },
    fuzzExerciseIds,
    retiredExerciseId,
  };
}

async function otherClinic(world: ClinicWorld): Promise<OtherClinic> {
  const drafting = await registerPatient(world);
  const treated = await registerPatient(world);
  await approveDraft(world.actors.therapist, treated.patientId);
  return { world, drafting, treated, fuzzExerciseIds: await fuzzExercises(world.clinic.id) };
}

export async function createFuzzWorld(): Promise<FuzzWorld> {
  const { a, b }: World = await createWorld();
  return { a: await fuzzClinic(a), b: await otherClinic(b), scope: { clinicIds: [a.clinic.id, b.clinic.id] } };
}

/** An id in the shape of a real one (a cuid) that names no record. */
export const MISSING_ID = 'cm0nosuchrecord0000000000';

/** The current draft of a patient, opened by their own therapist when there is none (set-up, not fuzzed). */
export async function currentDraft(patientId: string, owner: Actor, wrote: () => void = () => {}): Promise<{ id: string; lockVersion: number }> {
  const draft = await db.planVersion.findFirst({ where: { status: 'DRAFT', plan: { episode: { patientId } } }, select: { id: true, lockVersion: true } });
  if (draft) return draft;
  const opened = await startDraft({ actor: owner, input: { patientId } });
  wrote();
  return { id: opened.versionId, lockVersion: opened.lockVersion };
}

/** The newest approved version of a patient. */
export async function approvedVersion(patientId: string): Promise<{ id: string; lockVersion: number }> {
  return db.planVersion.findFirstOrThrow({ where: { status: 'APPROVED', plan: { episode: { patientId } } }, orderBy: { number: 'desc' }, select: { id: true, lockVersion: true } });
}

/** The id an accepted input named (the actions' idSchema trims), for looking its record up afterwards. */
export function idOf(value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9]+$/i.test(value.trim())) throw new Error(`not an id: ${String(value)}`);
  return value.trim();
}

/** The id an input names if it is shaped like one, else null: hostile values never reach a test's own queries. */
export function idOrNull(value: unknown): string | null {
  return typeof value === 'string' && /^[a-z0-9]{1,64}$/i.test(value.trim()) ? value.trim() : null;
}

/**
 * An open alert of a patient for a cause ('PAIN', 'SIGN:FALL'), raised the way a log or a report raises it
 * (lib/server/alerts/raise-alerts.ts) when there is none: set-up for the fuzzing that closes alerts.
 */
export async function openAlertOf(patient: RegisteredPatient, cause: AlertCause, wrote: () => void = () => {}): Promise<string> {
  const find = () => db.alert.findFirst({ where: { patientId: patient.patientId, cause, acknowledgedAt: null }, select: { id: true } });
  const open = await find();
  if (open) return open.id;
  const sign = warningSignOfCause(cause);
  const because = sign ? { warningSigns: [sign] } : { painReasons: [{ kind: 'HIGH' as const, region: 'BACK' as const, score: 8 }] };
  await db.$transaction((tx) => raiseAlerts(tx, { actor: patient.actor, patientId: patient.patientId, ...because }));
  wrote();
  const raised = await find();
  if (!raised) throw new Error(`no ${cause} alert was raised for ${patient.lastName}`);
  return raised.id;
}

/** An alert of the patient that is closed: the newest one, or a report of vomiting that `clinician` acknowledges. */
export async function closedAlertOf(patient: RegisteredPatient, clinician: Actor, wrote: () => void = () => {}): Promise<string> {
  const closed = await db.alert.findFirst({ where: { patientId: patient.patientId, acknowledgedAt: { not: null } }, orderBy: { acknowledgedAt: 'desc' }, select: { id: true } });
  if (closed) return closed.id;
  const alertId = await openAlertOf(patient, 'SIGN:VOMITING', wrote);
  await acknowledgeAlert({ actor: clinician, input: { alertId, note: 'Closed for the fuzzing.' } });
  wrote();
  return alertId;
}

/** Who may see a patient: the clinic's admin, the therapists and surgeons of the care team, the patient themself (lib/server/authz/patient-visible-to.ts). */
export async function maySeePatient(actor: Actor, patientId: string): Promise<boolean> {
  const patient = await db.patient.findUnique({ where: { id: patientId }, select: { clinicId: true, careTeam: { select: { userId: true } } } });
  if (!patient || patient.clinicId !== actor.clinicId) return false;
  switch (actor.role) {
    case 'ADMIN':
      return true;
    case 'THERAPIST':
    case 'SURGEON':
      return patient.careTeam.some((member) => member.userId === actor.userId);
    case 'PATIENT':
      return actor.patientId === patientId;
    default: {
      const unhandled: never = actor.role;
      throw new Error(`Unhandled role ${String(unhandled)}`);
    }
  }
}

/** Whether the actor follows an alert: one of a patient they may see, of a kind their role looks at (lib/domain/alerts.ts). */
export async function followsAlert(actor: Actor, alert: { clinicId: string; patientId: string; kind: AlertKind }): Promise<boolean> {
  if (alert.clinicId !== actor.clinicId || !alertKindsSeenBy(actor.role).includes(alert.kind)) return false;
  return maySeePatient(actor, alert.patientId);
}
