import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listPatients } from '@/lib/server/patients/list-patients';

export const metadata: Metadata = { title: 'Caseload' };

export default async function CaseloadPage() {
  const actor = await requirePageActor();
  const patients = await orNotFound(listPatients({ actor }));
  return (
    <>
      <h1>Your caseload</h1>
      {patients.length === 0 ? (
        <p>No patients yet.</p>
      ) : (
        <table>
          <caption className="sr-only">Patients</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Date of birth</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((patient) => (
              <tr key={patient.id}>
                <td>
                  <Link href={`/patients/${patient.id}`}>
                    {patient.firstName} {patient.lastName}
                  </Link>
                </td>
                <td>{patient.dateOfBirth.toISOString().slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
