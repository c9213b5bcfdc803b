import { formatDay, formatMoment } from '@/lib/domain/clinic-time';
import type { SessionsAndPain } from '@/lib/server/patients/get-sessions-and-pain';
import { AlertList } from '../../../_components/alert-list';
import { PageNav } from '../../../_components/page-nav';
import { AdherenceChart } from './adherence-chart';
import { PainChart } from './pain-chart';

/** What the patient logged and how it is going: the care team's view of the patient's own reports. */
export function SessionsAndPainSection({
  patientId,
  data,
  start,
  today,
  timeZone,
  canAcknowledge,
}: {
  patientId: string;
  data: SessionsAndPain;
  start: Date;
  today: Date;
  timeZone: string;
  canAcknowledge: boolean;
}) {
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions and pain</h2>
      <h3>Open alerts</h3>
      {data.openAlerts.length === 0 ? <p>No open alerts.</p> : <AlertList alerts={data.openAlerts} timeZone={timeZone} showPatient={false} canAcknowledge={canAcknowledge} />}
      {data.closedAlerts.length > 0 ? (
        <details>
          <summary>Recently acknowledged alerts</summary>
          <ul>
            {data.closedAlerts.map((alert) => (
              <li key={alert.id}>
                {alert.summary} ({formatMoment(alert.raisedAt, timeZone)}): acknowledged by {alert.acknowledgedBy}
                {alert.acknowledgedAt ? `, ${formatMoment(alert.acknowledgedAt, timeZone)}` : ''}: {alert.acknowledgementNote}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <h3>Pain</h3>
      <PainChart points={data.pain} phaseChanges={data.phaseChanges} start={start} today={today} timeZone={timeZone} />
      <h3>Adherence</h3>
      <AdherenceChart weeks={data.weeks} />
      <h3>Logged sessions</h3>
      {data.total === 0 ? (
        <p>Nothing logged yet.</p>
      ) : (
        <>
          <p>
            {data.total === 1 ? '1 session logged' : `${data.total} sessions logged`}, newest first.
          </p>
          <table className="stack-on-phone">
            <caption className="sr-only">Logged sessions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Exercise</th>
                <th scope="col">Done</th>
                <th scope="col">Sets</th>
                <th scope="col">Back pain</th>
                <th scope="col">Leg pain</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {data.sessions.map((session) => (
                <tr key={session.id} className={session.isCorrected ? 'muted' : undefined}>
                  <th scope="row">
                    {formatDay(session.performedOn, { today })}
                    {session.isCorrected ? <span className="badge">Corrected later</span> : null}
                    {session.isCorrection ? <span className="badge">Correction</span> : null}
                  </th>
                  <td data-label="Exercise">{session.exerciseName}</td>
                  <td data-label="Done">{session.completed ? 'Yes' : 'No'}</td>
                  <td data-label="Sets">{session.setsCompleted ?? '—'}</td>
                  <td data-label="Back pain">{session.backPain}</td>
                  <td data-label="Leg pain">{session.legPain ?? '—'}</td>
                  <td data-label="Note">{session.note || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PageNav label="Session pages" path={`/patients/${patientId}`} param="sessions" hash="sessions-heading" page={data.page} pageCount={data.pageCount} />
        </>
      )}
    </section>
  );
}
