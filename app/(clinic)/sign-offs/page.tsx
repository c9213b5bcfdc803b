import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listSignOffQueue } from '@/lib/server/sign-offs/list-sign-off-queue';
import { PageNav, pageFrom } from '../_components/page-nav';
import { DecisionForm } from './_components/decision-form';

export const metadata: Metadata = { title: 'Sign-offs' };

export default async function SignOffsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor();
  const { page } = await searchParams;
  const queue = await orNotFound(listSignOffQueue({ actor, page: pageFrom(page) }));
  return (
    <>
      <h1>Sign-offs</h1>
      <p>Home exercises your patients&apos; therapists have prescribed. Patients only see an exercise after you sign it off.</p>
      <p>
        <Link href="/patients">All your patients</Link>
      </p>
      {queue.total === 0 ? <p role="status">Nothing is waiting for you.</p> : <p>{queue.total === 1 ? '1 request is waiting, oldest first.' : `${queue.total} requests are waiting, oldest first.`}</p>}
      {queue.requests.map((request) => (
        <article key={request.signOffId} className="card" aria-labelledby={`request-${request.signOffId}`}>
          <h2 id={`request-${request.signOffId}`}>
            {request.exerciseName} for {request.patient.name}
          </h2>
          <dl className="facts">
            <dt>Surgery</dt>
            <dd>
              {request.procedure}, {request.daysSinceSurgery} days ago
            </dd>
            <dt>Phase</dt>
            <dd>{request.phase}</dd>
            <dt>Dosage</dt>
            <dd>{request.dosageText}</dd>
            {request.patientNotes ? (
              <>
                <dt>Notes to the patient</dt>
                <dd>{request.patientNotes}</dd>
              </>
            ) : null}
          </dl>
          <h3>Instructions the patient will read</h3>
          <ol className="steps">
            {request.instructions.split('\n').map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
          <DecisionForm signOffId={request.signOffId} contentHash={request.contentHash} exerciseName={request.exerciseName} patientName={request.patient.name} />
        </article>
      ))}
      <PageNav label="Sign-off pages" path="/sign-offs" page={queue.page} pageCount={queue.pageCount} />
    </>
  );
}
