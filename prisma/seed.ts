// Demo data for `npm run demo` (and the browser tests). Runs once: if the demo clinic exists, it stops.
// The regimen history is built through the data-access layer itself, as the therapist and surgeon would
// build it, so the demo can never hold a state the product could not reach.
import { hashPassword } from '@/lib/server/auth/password';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { createPatient as registerPatient } from '@/lib/server/patients/create-patient';
import { advancePhase } from '@/lib/server/plans/advance-phase';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { logSession } from '@/lib/server/portal/log-session';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { LUMBAR_POST_OP } from './data/catalog';
import { actorFor, createCatalog, createClinic, createProtocol, createUser } from './factories';

const DEMO_PASSWORD = 'demo-password';
const HARBOR = 'Harbor Spine & Rehab';
const SUMMIT = 'Summit Physio';

function isoDaysAgo(days: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days)).toISOString().slice(0, 10);
}

async function draftOf(patientId: string) {
  return db.planVersion.findFirstOrThrow({ where: { status: 'DRAFT', plan: { episode: { patientId } } }, select: { id: true, lockVersion: true } });
}

async function approveDraft(therapist: Actor, patientId: string) {
  const draft = await draftOf(patientId);
  return approvePlanVersion({ actor: therapist, input: { versionId: draft.id, lockVersion: draft.lockVersion, password: DEMO_PASSWORD } });
}

async function signOff(surgeon: Actor, patientId: string, exerciseName: string, decision: 'SIGN' | 'DECLINE' = 'SIGN') {
  const pending = await db.signOff.findFirstOrThrow({ where: { patientId, status: 'PENDING', item: { exerciseName } }, select: { id: true, contentHash: true } });
  await decideSignOff({ actor: surgeon, input: { signOffId: pending.id, decision, contentHash: pending.contentHash, password: DEMO_PASSWORD, reason: '' } });
}

/** Gives a patient created through the product the demo password (a real patient sets it by invitation). */
async function setDemoPassword(email: string) {
  return db.user.update({ where: { email }, data: { passwordHash: await hashPassword(DEMO_PASSWORD) }, select: { id: true } });
}

async function seedHarbor() {
  const clinic = await createClinic({ name: HARBOR });
  await createUser({ clinicId: clinic.id, role: 'ADMIN', email: 'admin@harbor.test', name: 'Alex Morgan', password: DEMO_PASSWORD });
  const therapistUser = await createUser({ clinicId: clinic.id, role: 'THERAPIST', email: 'therapist@harbor.test', name: 'Jordan Lee', password: DEMO_PASSWORD });
  const surgeonUser = await createUser({ clinicId: clinic.id, role: 'SURGEON', email: 'surgeon@harbor.test', name: 'Dr. Priya Shah', password: DEMO_PASSWORD });
  const exercises = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exercises);
  const therapist = actorFor(therapistUser);
  const surgeon = actorFor(surgeonUser);

  const { patientId } = await registerPatient({
    actor: therapist,
    input: {
      firstName: 'Sam',
      lastName: 'Rivera',
      dateOfBirth: '1978-03-14',
      phone: '555-0142',
      email: 'patient@harbor.test',
      procedure: 'Lumbar microdiscectomy (L4-L5)',
      surgeryDate: isoDaysAgo(10),
      surgeonId: surgeonUser.id,
      protocolId: protocol.id,
    },
  });
  const samUser = await setDemoPassword('patient@harbor.test');
  const sam = actorFor({ id: samUser.id, clinicId: clinic.id, role: 'PATIENT', name: 'Sam Rivera' }, patientId);

  // Version 1, phase 1: walking only, signed off by the surgeon.
  await approveDraft(therapist, patientId);
  await signOff(surgeon, patientId, 'Walking');

  // Version 2, phase 2 (day 7 reached): stretches and gentle movement. Lying march stays supervised.
  const phase2 = LUMBAR_POST_OP.phases[1];
  await advancePhase({ actor: therapist, input: { patientId, criteriaMet: phase2?.criteria.slice(0, 3) ?? [], reason: '' } });
  await approveDraft(therapist, patientId);
  await signOff(surgeon, patientId, 'Hamstring stretch');
  await signOff(surgeon, patientId, 'Pelvic tilt');
  // Knee flexion stays waiting for the surgeon.

  // A week of home sessions.
  const walking = exercises.get('Walking');
  const hamstring = exercises.get('Hamstring stretch');
  const pelvicTilt = exercises.get('Pelvic tilt');
  const pains = [4, 4, 3, 3, 3, 2, 2];
  for (let daysAgo = 6; daysAgo >= 0; daysAgo -= 1) {
    const pain = pains[6 - daysAgo] ?? 3;
    const performedOn = isoDaysAgo(daysAgo);
    for (let walk = 0; walk < (daysAgo === 3 ? 2 : 3); walk += 1) {
      await logSession({ actor: sam, input: { exerciseId: walking, performedOn, completed: true, setsCompleted: null, pain, note: '' } });
    }
    if (daysAgo <= 2) {
      await logSession({ actor: sam, input: { exerciseId: hamstring, performedOn, completed: true, setsCompleted: 1, pain, note: '' } });
      await logSession({ actor: sam, input: { exerciseId: pelvicTilt, performedOn, completed: daysAgo !== 1, setsCompleted: daysAgo !== 1 ? 1 : 0, pain, note: daysAgo === 1 ? 'Back felt stiff in the morning.' : '' } });
    }
  }

  // Draft of version 3 towards phase 3, early and with a reason: adds Bridging, not yet approved.
  const phase3 = LUMBAR_POST_OP.phases[2];
  await advancePhase({
    actor: therapist,
    input: { patientId, criteriaMet: phase3?.criteria.slice(0, 1) ?? [], reason: 'Good control in clinic; preparing bridging to review at the next visit.' },
  });
}

async function seedSummit() {
  const clinic = await createClinic({ name: SUMMIT });
  const therapistUser = await createUser({ clinicId: clinic.id, role: 'THERAPIST', email: 'therapist@summit.test', name: 'Casey Brooks', password: DEMO_PASSWORD });
  const surgeonUser = await createUser({ clinicId: clinic.id, role: 'SURGEON', email: 'surgeon@summit.test', name: 'Dr. Lena Ortiz', password: DEMO_PASSWORD });
  const exercises = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exercises);
  const therapist = actorFor(therapistUser);
  const { patientId } = await registerPatient({
    actor: therapist,
    input: {
      firstName: 'Robin',
      lastName: 'Hale',
      dateOfBirth: '1965-11-02',
      phone: '',
      email: 'patient@summit.test',
      procedure: 'Lumbar laminectomy (L3-L4)',
      surgeryDate: isoDaysAgo(4),
      surgeonId: surgeonUser.id,
      protocolId: protocol.id,
    },
  });
  await setDemoPassword('patient@summit.test');
  await approveDraft(therapist, patientId);
  await signOff(actorFor(surgeonUser), patientId, 'Walking');
}

async function main() {
  const existing = await db.clinic.findFirst({ where: { name: HARBOR }, select: { id: true } });
  if (existing) {
    console.log('Demo data already loaded; keeping what is there.');
    return;
  }
  await seedHarbor();
  await seedSummit();
  console.log('Demo data loaded.');
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
