import type { Metadata } from 'next';
import { ROLE_LABELS } from '@/lib/domain/permissions';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { getPatient } from '@/lib/server/patients/get-patient';

export const metadata: Metadata = { title: 'Patient' };

export default async function PatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requirePageActor();
  const patient = await orNotFound(getPatient({ actor, patientId }));
  return (
    <>
      <h1>
        {patient.firstName} {patient.lastName}
      </h1>
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <dl className="facts">
          <dt>Date of birth</dt>
          <dd>{patient.dateOfBirth.toISOString().slice(0, 10)}</dd>
          <dt>Phone</dt>
          <dd>{patient.phone || '—'}</dd>
          <dt>Email</dt>
          <dd>{patient.email || '—'}</dd>
          <dt>Care team</dt>
          <dd>{patient.careTeam.map((member) => `${member.user.name} (${ROLE_LABELS[member.user.role]})`).join(', ')}</dd>
        </dl>
      </section>
      {patient.episodes.map((episode) => (
        <section key={episode.id} className="card" aria-label="Surgery">
          <h2>{episode.procedure}</h2>
          <dl className="facts">
            <dt>Surgery date</dt>
            <dd>{episode.surgeryDate.toISOString().slice(0, 10)}</dd>
            <dt>Surgeon</dt>
            <dd>{episode.surgeon.name}</dd>
            <dt>Protocol</dt>
            <dd>{episode.protocol.name}</dd>
          </dl>
        </section>
      ))}
    </>
  );
}
