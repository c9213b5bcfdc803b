import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listPatients } from '@/lib/server/patients/list-patients';
import { requirePermission } from '@/lib/server/authz/require-permission';

export const metadata: Metadata = { title: 'Sign-offs' };

export default async function SignOffsPage() {
  const actor = await requirePageActor();
  const patients = await orNotFound(
    (async () => {
      requirePermission(actor, 'signoff.sign');
      return listPatients({ actor });
    })(),
  );
  return (
    <>
      <h1>Sign-offs</h1>
      <h2>Your patients</h2>
      <ul>
        {patients.map((patient) => (
          <li key={patient.id}>
            <Link href={`/patients/${patient.id}`}>
              {patient.firstName} {patient.lastName}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
