import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDay } from '@/lib/domain/clinic-time';
import { can } from '@/lib/domain/permissions';
import type { PainTrend } from '@/lib/domain/pain';
import { RECENT_DAYS } from '@/lib/domain/windows';
import { listOpenAlerts } from '@/lib/server/alerts/list-open-alerts';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { listSignOffQueue, type SignOffRequest } from '@/lib/server/sign-offs/list-sign-off-queue';
import { ExerciseDrawing } from '@/app/_components/exercise-drawing';
import { AlertList } from '../_components/alert-list';
import { PageNav, pageFrom } from '../_components/page-nav';
import { DecisionForm } from './_components/decision-form';

export const metadata: Metadata = { title: 'Sign-offs' };

const TREND_WORDS: Record<PainTrend, string> = { RISING: 'rising', FALLING: 'easing', STEADY: 'steady' };

function painText(request: SignOffRequest): string {
  if (!request.latestPain) return 'Nothing logged yet';
  const trend = (value: PainTrend | null) => (value ? `, ${TREND_WORDS[value]}` : '');
  const leg = request.latestPain.leg === null ? 'leg not asked' : `leg ${request.latestPain.leg}/10${trend(request.trend.leg)}`;
  return `Back ${request.latestPain.back}/10${trend(request.trend.back)}; ${leg} (${formatDay(request.latestPain.on)})`;
}

function phaseText(request: SignOffRequest): string {
  const day = request.daysSinceSurgery;
  const earliest = request.phase.earliestDay;
  const timing = day === null ? '' : day >= earliest ? `, from day ${earliest}; the patient is on day ${day}` : `, from day ${earliest}; the patient is on day ${day}, ${earliest - day} days early`;
  return `Phase ${request.phase.position}: ${request.phase.name}${timing}`;
}

export default async function SignOffsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor();
  const { page } = await searchParams;
  const [queue, alerts] = await orNotFound(Promise.all([listSignOffQueue({ actor, page: pageFrom(page) }), listOpenAlerts({ actor })]));
  return (
    <>
      <h1>Sign-offs</h1>
      <p>Home exercises your patients&apos; therapists have prescribed. Patients only see an exercise after you sign it off.</p>
      <p>
        <Link href="/patients">All your patients</Link>
      </p>
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        {alerts.total === 0 ? (
          <p>No warning signs reported by your patients.</p>
        ) : (
          <>
            <p>{alerts.total === 1 ? '1 warning sign reported.' : `${alerts.total} warning signs reported, newest first.`}</p>
            <AlertList alerts={alerts.alerts} timeZone={actor.timeZone} canAcknowledge={can(actor, 'alert.acknowledge')} />
          </>
        )}
      </section>
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Waiting for you</h2>
        {queue.total === 0 ? <p role="status">Nothing is waiting for you.</p> : <p>{queue.total === 1 ? '1 request is waiting, oldest first.' : `${queue.total} requests are waiting, oldest first.`}</p>}
        {queue.requests.map((request) => (
          <article key={request.signOffId} className="card" aria-labelledby={`request-${request.signOffId}`}>
            <h3 id={`request-${request.signOffId}`}>
              {request.exerciseName} for {request.patient.name}
            </h3>
            {request.illustration ? <ExerciseDrawing illustration={request.illustration} className="compact" /> : null}
            <dl className="facts">
              <dt>Patient</dt>
              <dd>
                <Link href={`/patients/${request.patient.id}`}>{request.patient.name}</Link>
              </dd>
              <dt>Surgery</dt>
              <dd>
                {request.procedure}
                {request.daysSinceSurgery !== null ? `, day ${request.daysSinceSurgery}` : ''}
              </dd>
              <dt>Prescribed by</dt>
              <dd>{request.prescribedBy}</dd>
              <dt>Phase</dt>
              <dd>{phaseText(request)}</dd>
              {request.advanceReason ? (
                <>
                  <dt>Why advanced early</dt>
                  <dd>{request.advanceReason}</dd>
                </>
              ) : null}
              <dt>Dosage</dt>
              <dd>{request.dosageText}</dd>
              {request.patientNotes ? (
                <>
                  <dt>Notes to the patient</dt>
                  <dd>{request.patientNotes}</dd>
                </>
              ) : null}
              <dt>Latest pain</dt>
              <dd>{painText(request)}</dd>
              <dt>Last {RECENT_DAYS} days</dt>
              <dd>{request.week.percent === null ? 'No home sessions expected yet' : `${request.week.completed} of ${request.week.expected} home sessions (${request.week.percent}%)`}</dd>
              <dt>Open alerts</dt>
              <dd>{request.openAlerts.length === 0 ? 'None' : request.openAlerts.map((alert) => alert.summary).join('; ')}</dd>
              <dt>Other home exercises</dt>
              <dd>{request.otherHomeExercises.length === 0 ? 'None yet' : request.otherHomeExercises.join(', ')}</dd>
            </dl>
            <details>
              <summary>Instructions the patient will read</summary>
              <ol className="steps">
                {request.instructions.split('\n').map((step, index) => (
                  <li key={index}>{step}</li>
                ))}
              </ol>
            </details>
            <DecisionForm signOffId={request.signOffId} contentHash={request.contentHash} exerciseName={request.exerciseName} patientName={request.patient.name} />
          </article>
        ))}
        <PageNav label="Sign-off pages" path="/sign-offs" page={queue.page} pageCount={queue.pageCount} />
      </section>
    </>
  );
}
