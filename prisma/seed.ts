// Demo data for `npm run demo` (and the browser tests). Runs once: if the demo clinic exists, it stops.
// The regimen history is built through the data-access layer itself, as the therapist and surgeon would
// build it, so the demo can never hold a state the product could not reach.
import { addDays } from '@/lib/domain/calendar';
import { localDay } from '@/lib/domain/clinic-time';
import { hashPassword } from '@/lib/server/auth/password';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import { createPatient as registerPatient } from '@/lib/server/patients/create-patient';
import { advancePhase } from '@/lib/server/plans/advance-phase';
import { approvePlanVersion } from '@/lib/server/plans/approve-plan-version';
import { logSession } from '@/lib/server/portal/log-session';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { LUMBAR_POST_OP } from './data/catalog';
import { shownItemsOf } from './demo-support';
import { actorFor, createCatalog, createClinic, createProtocol, createUser } from './factories';

const DEMO_PASSWORD = 'demo-password';
const HARBOR = 'Harbor Spine & Rehab';
const SUMMIT = 'Summit Physio';

// The demo clinics' own time zones: "today" for their patients is the clinic's calendar day.
const HARBOR_TIME_ZONE = 'America/New_York';
const SUMMIT_TIME_ZONE = 'Europe/London';

function isoDaysAgo(days: number, timeZone: string): string {
  return addDays(localDay(new Date(), timeZone), -days).toISOString().slice(0, 10);
}

async function draftOf(patientId: string) {
  return db.planVersion.findFirstOrThrow({ where: { status: 'DRAFT', plan: { episode: { patientId } } }, select: { id: true, lockVersion: true } });
}

/** A moment `days` ago at `hour` o'clock UTC: the demo's history happened over the past days, not all now. */
function daysAgoAt(days: number, hour: number): Date {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, hour));
}

async function approveDraft(therapist: Actor, patientId: string, now = new Date()) {
  const draft = await draftOf(patientId);
  return approvePlanVersion({ actor: therapist, input: { versionId: draft.id, lockVersion: draft.lockVersion, password: DEMO_PASSWORD, shownItems: await shownItemsOf(draft.id) }, now });
}

async function signOff(surgeon: Actor, patientId: string, exerciseName: string, now = new Date()) {
  const pending = await db.signOff.findFirstOrThrow({ where: { patientId, status: 'PENDING', item: { exerciseName } }, select: { id: true, contentHash: true } });
  await decideSignOff({ actor: surgeon, input: { signOffId: pending.id, decision: 'SIGN', contentHash: pending.contentHash, password: DEMO_PASSWORD, reason: '' }, now });
}

/** Gives a patient created through the product the demo password (a real patient sets it by invitation). */
async function setDemoPassword(email: string) {
  return db.user.update({ where: { email }, data: { passwordHash: await hashPassword(DEMO_PASSWORD) }, select: { id: true } });
}

async function seedHarbor() {
  const clinic = await createClinic({ name: HARBOR, phone: '(555) 010-2000', emergencyNumber: '911', timeZone: HARBOR_TIME_ZONE });
  const daysAgo = (days: number) => isoDaysAgo(days, HARBOR_TIME_ZONE);
  await createUser({ clinicId: clinic.id, role: 'ADMIN', email: 'admin@harbor.test', name: 'Alex Morgan', password: DEMO_PASSWORD });
  const therapistUser = await createUser({ clinicId: clinic.id, role: 'THERAPIST', email: 'therapist@harbor.test', name: 'Jordan Lee', password: DEMO_PASSWORD });
  const surgeonUser = await createUser({ clinicId: clinic.id, role: 'SURGEON', email: 'surgeon@harbor.test', name: 'Dr. Priya Shah', password: DEMO_PASSWORD });
  const exercises = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exercises);
  const therapist = actorFor(therapistUser, null, HARBOR_TIME_ZONE);
  const surgeon = actorFor(surgeonUser, null, HARBOR_TIME_ZONE);

  const { patientId } = await registerPatient({
    actor: therapist,
    input: {
      firstName: 'Sam',
      lastName: 'Rivera',
      dateOfBirth: '1978-03-14',
      phone: '555-0142',
      email: 'patient@harbor.test',
      procedure: 'Lumbar microdiscectomy (L4-L5)',
      surgeryDate: daysAgo(10),
      surgeonId: surgeonUser.id,
      protocolId: protocol.id,
    },
  });
  const samUser = await setDemoPassword('patient@harbor.test');
  const sam = actorFor({ id: samUser.id, clinicId: clinic.id, role: 'PATIENT', name: 'Sam Rivera' }, patientId, HARBOR_TIME_ZONE);

  // Version 1, phase 1 (the day after surgery): walking only, signed off by the surgeon that afternoon.
  await approveDraft(therapist, patientId, daysAgoAt(9, 14));
  await signOff(surgeon, patientId, 'Walking', daysAgoAt(9, 18));

  // Version 2, phase 2 (day 7 reached): stretches and gentle movement. Lying march stays supervised.
  const phase2 = LUMBAR_POST_OP.phases[1];
  await advancePhase({ actor: therapist, input: { patientId, criteriaMet: phase2?.criteria.slice(0, 3) ?? [], reason: '' } });
  await approveDraft(therapist, patientId, daysAgoAt(3, 15));
  await signOff(surgeon, patientId, 'Hamstring stretch', daysAgoAt(2, 9));
  await signOff(surgeon, patientId, 'Pelvic tilt', daysAgoAt(2, 9));
  // Knee flexion stays waiting for the surgeon.

  // A week of home sessions.
  const walking = exercises.get('Walking');
  const hamstring = exercises.get('Hamstring stretch');
  const pelvicTilt = exercises.get('Pelvic tilt');
  const backPains = [4, 4, 3, 3, 3, 2, 2];
  const legPains = [3, 2, 2, 2, 1, 1, 1];
  for (let ago = 6; ago >= 0; ago -= 1) {
    const pain = { backPain: backPains[6 - ago] ?? 3, legPain: legPains[6 - ago] ?? 1 };
    const performedOn = daysAgo(ago);
    for (let walk = 0; walk < (ago === 3 ? 2 : 3); walk += 1) {
      await logSession({ actor: sam, input: { exerciseId: walking, performedOn, completed: true, setsCompleted: null, ...pain, note: '' } });
    }
    if (ago <= 2) {
      await logSession({ actor: sam, input: { exerciseId: hamstring, performedOn, completed: true, setsCompleted: 1, ...pain, note: '' } });
      await logSession({ actor: sam, input: { exerciseId: pelvicTilt, performedOn, completed: ago !== 1, setsCompleted: ago !== 1 ? 1 : 0, ...pain, note: ago === 1 ? 'Back felt stiff in the morning.' : '' } });
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
  const clinic = await createClinic({ name: SUMMIT, phone: '020 7946 0000', emergencyNumber: '999', timeZone: SUMMIT_TIME_ZONE });
  const therapistUser = await createUser({ clinicId: clinic.id, role: 'THERAPIST', email: 'therapist@summit.test', name: 'Casey Brooks', password: DEMO_PASSWORD });
  const surgeonUser = await createUser({ clinicId: clinic.id, role: 'SURGEON', email: 'surgeon@summit.test', name: 'Dr. Lena Ortiz', password: DEMO_PASSWORD });
  const exercises = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exercises);
  const therapist = actorFor(therapistUser, null, SUMMIT_TIME_ZONE);
  const { patientId } = await registerPatient({
    actor: therapist,
    input: {
      firstName: 'Robin',
      lastName: 'Hale',
      dateOfBirth: '1965-11-02',
      phone: '',
      email: 'patient@summit.test',
      procedure: 'Lumbar laminectomy (L3-L4)',
      surgeryDate: isoDaysAgo(4, SUMMIT_TIME_ZONE),
      surgeonId: surgeonUser.id,
      protocolId: protocol.id,
    },
  });
  await setDemoPassword('patient@summit.test');
  await approveDraft(therapist, patientId, daysAgoAt(3, 10));
  await signOff(actorFor(surgeonUser, null, SUMMIT_TIME_ZONE), patientId, 'Walking', daysAgoAt(3, 12));
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
