import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDay } from '@/lib/domain/clinic-time';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listPatients } from '@/lib/server/patients/list-patients';
import { PageNav, pageFrom } from '../_components/page-nav';

export const metadata: Metadata = { title: 'Patients' };

// Every patient the signed-in clinician may open: their care team's, or the whole clinic's for an admin
// (listPatients decides, in the data layer).
export default async function PatientsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor();
  const { page } = await searchParams;
  const list = await orNotFound(listPatients({ actor, page: pageFrom(page) }));
  return (
    <>
      <h1>Patients</h1>
      {list.total === 0 ? <p>No patients yet.</p> : null}
      <ul aria-label="Patients">
        {list.patients.map((patient) => (
          <li key={patient.id}>
            <Link href={`/patients/${patient.id}`}>
              {patient.lastName}, {patient.firstName} (born {formatDay(patient.dateOfBirth, { today: new Date() })})
            </Link>
          </li>
        ))}
      </ul>
      <PageNav label="Patient list pages" path="/patients" page={list.page} pageCount={list.pageCount} />
    </>
  );
}
