import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { getPatient } from '@/lib/server/patients/get-patient';

export const metadata: Metadata = { title: 'Your exercises' };

export default async function PortalPage() {
  const actor = await requirePageActor();
  const patient = await orNotFound(getPatient({ actor, patientId: actor.patientId ?? '' }));
  return (
    <>
      <h1>Hello, {patient.firstName}</h1>
    </>
  );
}
