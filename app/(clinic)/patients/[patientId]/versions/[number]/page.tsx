import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { getPlanOverview } from '@/lib/server/plans/get-plan-overview';
import { formatMoment } from '@/lib/domain/clinic-time';
import { CLEARANCE_LABELS, MODE_LABELS } from '@/app/_components/labels';

export const metadata: Metadata = { title: 'Plan version' };

export default async function VersionPage({ params }: { params: Promise<{ patientId: string; number: string }> }) {
  const { patientId, number } = await params;
  const actor = await requirePageActor();
  const overview = await orNotFound(getPlanOverview({ actor, patientId }));
  const version = overview.versions.find((candidate) => String(candidate.number) === number);
  if (!version) notFound();
  const name = `${overview.patient.firstName} ${overview.patient.lastName}`;
  return (
    <>
      <p>
        <Link href={`/patients/${overview.patient.id}`}>Back to {name}</Link>
      </p>
      <h1>
        Version {version.number} for {name}
      </h1>
      <div className="card">
        <dl className="facts">
          <dt>Status</dt>
          <dd>{version.status === 'APPROVED' ? 'Approved (cannot change)' : 'Draft'}</dd>
          <dt>Phase</dt>
          <dd>{version.phase ? `Phase ${version.phase.position}: ${version.phase.name}` : '—'}</dd>
          <dt>Written by</dt>
          <dd>
            {version.createdBy}, {formatMoment(version.createdAt, actor.timeZone)}
          </dd>
          <dt>Approved by</dt>
          <dd>{version.approvedBy ? `${version.approvedBy}, ${version.approvedAt ? formatMoment(version.approvedAt, actor.timeZone) : '—'}` : '—'}</dd>
          {version.approvedHash ? (
            <>
              <dt>Signature hash</dt>
              <dd>
                <code>{version.approvedHash}</code>
              </dd>
            </>
          ) : null}
          <dt>Precautions the patient reads</dt>
          <dd>{version.precautions || '—'}</dd>
          {version.criteriaMet.length > 0 ? (
            <>
              <dt>Criteria met</dt>
              <dd>{version.criteriaMet.join('; ')}</dd>
            </>
          ) : null}
          {version.advanceReason ? (
            <>
              <dt>Reason for advancing</dt>
              <dd>{version.advanceReason}</dd>
            </>
          ) : null}
        </dl>
      </div>
      <table className="stack-on-phone">
        <caption className="sr-only">Exercises in version {version.number}</caption>
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Mode</th>
            <th scope="col">Dosage</th>
            <th scope="col">Notes to the patient</th>
            <th scope="col">Surgeon</th>
          </tr>
        </thead>
        <tbody>
          {version.items.map((item) => (
            <tr key={item.id}>
              <td data-label="Exercise">{item.exerciseName}</td>
              <td data-label="Mode">{MODE_LABELS[item.mode]}</td>
              <td data-label="Dosage">{item.dosageText}</td>
              <td data-label="Notes to the patient">{item.patientNotes || '—'}</td>
              <td data-label="Surgeon">
                {item.clearance ? <span className={`badge ${CLEARANCE_LABELS[item.clearance].tone}`}>{CLEARANCE_LABELS[item.clearance].text}</span> : '—'}
                {item.signOff?.reason ? <div className="muted">{item.signOff.reason}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
