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
import { recordSurgeonOrder } from '@/lib/server/orders/record-surgeon-order';
import { removeDraftItem } from '@/lib/server/plans/remove-draft-item';
import { logSession } from '@/lib/server/portal/log-session';
import { decideSignOff } from '@/lib/server/sign-offs/decide-sign-off';
import { DECOMPRESSION_PROTOCOL, FUSION_PROTOCOL } from './data/catalog';
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
  const protocol = await createProtocol(clinic.id, exercises, DECOMPRESSION_PROTOCOL);
  const fusion = await createProtocol(clinic.id, exercises, FUSION_PROTOCOL);
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

  // Version 1, phase 1 (the day after surgery): walking, circulation, breathing and muscle setting, every one
  // signed off by the surgeon that afternoon.
  const phase1 = DECOMPRESSION_PROTOCOL.phases[0]!;
  await approveDraft(therapist, patientId, daysAgoAt(9, 14));
  for (const entry of phase1.exercises) await signOff(surgeon, patientId, entry.name, daysAgoAt(9, 18));

  // Version 2, phase 2 (day 7 reached): gentle movement. Sam walks well, so the hospital's ankle pumps and
  // breathing are dropped; Lying march is supervised; Knee flexion waits for the surgeon.
  const phase2 = DECOMPRESSION_PROTOCOL.phases[1]!;
  const advanced = await advancePhase({ actor: therapist, input: { patientId, criteriaMet: phase2.criteria.slice(0, 3), reason: '' } });
  let lockVersion = (await draftOf(patientId)).lockVersion;
  for (const name of ['Ankle pumps', 'Diaphragmatic breathing']) {
    const item = await db.planItem.findFirstOrThrow({ where: { versionId: advanced.versionId, exerciseName: name }, select: { id: true } });
    lockVersion = (await removeDraftItem({ actor: therapist, input: { itemId: item.id, lockVersion } })).lockVersion;
  }
  await approveDraft(therapist, patientId, daysAgoAt(3, 15));
  for (const name of ['Side-lying clam', 'Sit to stand', 'Calf raises', 'Standing hip abduction']) await signOff(surgeon, patientId, name, daysAgoAt(2, 9));

  // A week of home sessions: walks every day, the phase 1 exercises, and the phase 2 ones since they were signed.
  const backPains = [4, 4, 3, 3, 3, 2, 2];
  const legPains = [3, 2, 2, 2, 1, 1, 1];
  const id = (name: string) => exercises.get(name);
  for (let ago = 6; ago >= 0; ago -= 1) {
    const pain = { backPain: backPains[6 - ago] ?? 3, legPain: legPains[6 - ago] ?? 1 };
    const performedOn = daysAgo(ago);
    const log = (name: string, completed = true, note = '') => logSession({ actor: sam, input: { exerciseId: id(name), performedOn, completed, setsCompleted: completed ? 1 : 0, ...pain, note } });
    for (let walk = 0; walk < (ago === 3 ? 2 : 3); walk += 1) await log('Walking');
    await log('Abdominal bracing');
    if (ago % 2 === 0) await log('Quad sets');
    if (ago <= 2) {
      await log('Sit to stand');
      await log('Side-lying clam', ago !== 1, ago === 1 ? 'Back felt stiff in the morning.' : '');
    }
  }

  // Draft of version 3 towards phase 3 (day 14), early and with a reason: adds Bridging and the rest of
  // phase 3, not yet approved.
  const phase3 = DECOMPRESSION_PROTOCOL.phases[2]!;
  await advancePhase({
    actor: therapist,
    input: { patientId, criteriaMet: phase3.criteria.slice(0, 2), reason: 'Good control in clinic; preparing bridging to review at the next visit.' },
  });

  await seedFusionPatient({ therapist, surgeon, surgeonId: surgeonUser.id, protocolId: fusion.id });
}

/**
 * Morgan Ellis, 45 days after a lumbar fusion: phase 1 approved and signed; phase 2 (from week 6) drafted; and
 * the surgeon's orders: 2 kg, no bending and no twisting until phase 3, sitting 30 minutes, no driving for
 * another two weeks. Adding Bird dog (it loads twisting) to the draft shows the therapist the conflict.
 */
async function seedFusionPatient({ therapist, surgeon, surgeonId, protocolId }: { therapist: Actor; surgeon: Actor; surgeonId: string; protocolId: string }) {
  const daysAgo = (days: number) => isoDaysAgo(days, HARBOR_TIME_ZONE);
  const { patientId } = await registerPatient({
    actor: therapist,
    input: {
      firstName: 'Morgan',
      lastName: 'Ellis',
      dateOfBirth: '1961-07-22',
      phone: '555-0178',
      email: 'fusion.patient@harbor.test',
      procedure: 'Instrumented lumbar fusion (L4-L5)',
      surgeryDate: daysAgo(45),
      surgeonId,
      protocolId,
    },
  });
  await setDemoPassword('fusion.patient@harbor.test');
  const phase1 = FUSION_PROTOCOL.phases[0]!;
  await approveDraft(therapist, patientId, daysAgoAt(44, 14));
  for (const entry of phase1.exercises) await signOff(surgeon, patientId, entry.name, daysAgoAt(44, 17));
  const phases = await db.protocolPhase.findMany({ where: { protocolId }, orderBy: { position: 'asc' }, select: { id: true } });
  await recordSurgeonOrder({
    actor: surgeon,
    input: {
      patientId,
      basedOnVersion: 0,
      password: DEMO_PASSWORD,
      note: 'Solid construct on the 6-week films. Keep the fusion protected until the 12-week review.',
      liftingRule: 'LIMIT',
      liftingLimit: 2,
      liftingUnit: 'KG',
      liftingUntilPhaseId: phases[2]?.id,
      bendingRule: 'AVOID',
      bendingUntilPhaseId: phases[2]?.id,
      twistingRule: 'AVOID',
      twistingUntilPhaseId: phases[2]?.id,
      sittingRule: 'LIMIT',
      sittingMinutes: 30,
      drivingRule: 'AVOID',
      drivingUntilDate: isoDaysAgo(-14, HARBOR_TIME_ZONE),
    },
    now: daysAgoAt(3, 16),
  });
  const phase2 = FUSION_PROTOCOL.phases[1]!;
  await advancePhase({ actor: therapist, input: { patientId, criteriaMet: phase2.criteria.slice(0, 2), reason: '' } });
}

async function seedSummit() {
  const clinic = await createClinic({ name: SUMMIT, phone: '020 7946 0000', emergencyNumber: '999', timeZone: SUMMIT_TIME_ZONE });
  const therapistUser = await createUser({ clinicId: clinic.id, role: 'THERAPIST', email: 'therapist@summit.test', name: 'Casey Brooks', password: DEMO_PASSWORD });
  const surgeonUser = await createUser({ clinicId: clinic.id, role: 'SURGEON', email: 'surgeon@summit.test', name: 'Dr. Lena Ortiz', password: DEMO_PASSWORD });
  const exercises = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exercises, DECOMPRESSION_PROTOCOL);
  await createProtocol(clinic.id, exercises, FUSION_PROTOCOL);
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
  for (const entry of DECOMPRESSION_PROTOCOL.phases[0]!.exercises) await signOff(actorFor(surgeonUser, null, SUMMIT_TIME_ZONE), patientId, entry.name, daysAgoAt(3, 12));
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
