// Demo data for `npm run demo` (and the browser tests). Runs once: if the demo clinic exists, it stops.
import { db } from '@/lib/server/db';
import { createCatalog, createClinic, createPatient, createProtocol, createUser } from './factories';

const DEMO_PASSWORD = 'demo-password';
const HARBOR = 'Harbor Spine & Rehab';
const SUMMIT = 'Summit Physio';

function daysAgo(days: number): Date {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days));
}

async function seedHarbor() {
  const clinic = await createClinic({ name: HARBOR });
  const [admin, therapist, surgeon, patientUser] = await Promise.all([
    createUser({ clinicId: clinic.id, role: 'ADMIN', email: 'admin@harbor.test', name: 'Alex Morgan', password: DEMO_PASSWORD }),
    createUser({ clinicId: clinic.id, role: 'THERAPIST', email: 'therapist@harbor.test', name: 'Jordan Lee', password: DEMO_PASSWORD }),
    createUser({ clinicId: clinic.id, role: 'SURGEON', email: 'surgeon@harbor.test', name: 'Dr. Priya Shah', password: DEMO_PASSWORD }),
    createUser({ clinicId: clinic.id, role: 'PATIENT', email: 'patient@harbor.test', name: 'Sam Rivera', password: DEMO_PASSWORD }),
  ]);
  const exercises = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exercises);
  const sam = await createPatient({
    clinicId: clinic.id,
    careTeam: [therapist.id, surgeon.id],
    firstName: 'Sam',
    lastName: 'Rivera',
    dateOfBirth: new Date('1978-03-14'),
    userId: patientUser.id,
    email: 'patient@harbor.test',
    phone: '555-0142',
  });
  await db.episode.create({
    data: { patientId: sam.id, procedure: 'Lumbar microdiscectomy (L4-L5)', surgeryDate: daysAgo(10), surgeonId: surgeon.id, protocolId: protocol.id },
  });
  return { clinic, admin, therapist, surgeon, sam };
}

async function seedSummit() {
  const clinic = await createClinic({ name: SUMMIT });
  const therapist = await createUser({ clinicId: clinic.id, role: 'THERAPIST', email: 'therapist@summit.test', name: 'Casey Brooks', password: DEMO_PASSWORD });
  const surgeon = await createUser({ clinicId: clinic.id, role: 'SURGEON', email: 'surgeon@summit.test', name: 'Dr. Lena Ortiz', password: DEMO_PASSWORD });
  const patientUser = await createUser({ clinicId: clinic.id, role: 'PATIENT', email: 'patient@summit.test', name: 'Robin Hale', password: DEMO_PASSWORD });
  const exercises = await createCatalog(clinic.id);
  const protocol = await createProtocol(clinic.id, exercises);
  const robin = await createPatient({
    clinicId: clinic.id,
    careTeam: [therapist.id, surgeon.id],
    firstName: 'Robin',
    lastName: 'Hale',
    dateOfBirth: new Date('1965-11-02'),
    userId: patientUser.id,
    email: 'patient@summit.test',
  });
  await db.episode.create({
    data: { patientId: robin.id, procedure: 'Lumbar laminectomy (L3-L4)', surgeryDate: daysAgo(4), surgeonId: surgeon.id, protocolId: protocol.id },
  });
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
