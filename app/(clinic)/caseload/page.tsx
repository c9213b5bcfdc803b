import type { Metadata } from 'next';
import Link from 'next/link';
import { MONITORING_PERIOD_DAYS } from '@/lib/domain/monitoring';
import { can } from '@/lib/domain/permissions';
import { listOpenAlerts } from '@/lib/server/alerts/list-open-alerts';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { getCaseload } from '@/lib/server/caseload/get-caseload';
import { orNotFound } from '@/lib/server/page-guard';
import { FLAG_LABELS } from '@/app/_components/labels';
import { AlertList } from '../_components/alert-list';
import { PageNav, pageFrom } from '../_components/page-nav';

export const metadata: Metadata = { title: 'Caseload' };

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor();
  const { page } = await searchParams;
  const [caseload, alerts] = await orNotFound(Promise.all([getCaseload({ actor, page: pageFrom(page) }), listOpenAlerts({ actor })]));
  return (
    <>
      <h1>Your caseload</h1>
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        {alerts.total === 0 ? (
          <p>No open alerts.</p>
        ) : (
          <>
            <p>{alerts.total === 1 ? '1 open alert, newest first.' : `${alerts.total} open alerts, newest first${alerts.total > alerts.alerts.length ? ` (the ${alerts.alerts.length} newest shown)` : ''}.`}</p>
            <AlertList alerts={alerts.alerts} timeZone={actor.timeZone} canAcknowledge={can(actor, 'alert.acknowledge')} />
          </>
        )}
      </section>
      <section aria-labelledby="patients-heading">
        <h2 id="patients-heading">Patients</h2>
        <p>
          <Link className="button" href="/patients/new">
            New patient
          </Link>
        </p>
        {caseload.rows.length === 0 ? (
          <p>No patients yet.</p>
        ) : (
          <table className="stack-on-phone">
            <caption className="sr-only">Patients</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Phase</th>
                <th scope="col">Day since surgery</th>
                <th scope="col">This week</th>
                <th scope="col">Latest pain</th>
                <th scope="col">Days with data</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              {caseload.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {/* A plain link: fifty <Link>s would each prefetch a patient's record as they scroll into view. */}
                    <a href={`/patients/${row.id}`}>{row.name}</a>
                  </th>
                  <td data-label="Phase">{row.phase}</td>
                  <td data-label="Day since surgery">{row.daysSinceSurgery ?? '—'}</td>
                  <td data-label="This week">{row.adherencePercent === null ? '—' : `${row.adherencePercent}%`}</td>
                  <td data-label="Latest pain">{row.latestPain === null ? '—' : `Back ${row.latestPain.back}${row.latestPain.leg === null ? '' : `, leg ${row.latestPain.leg}`}`}</td>
                  <td data-label="Days with data">
                    {row.monitoring ? `${row.monitoring.daysWithData} of ${row.monitoring.dayOfPeriod} (period ${row.monitoring.number}, ${MONITORING_PERIOD_DAYS} days)` : '—'}
                  </td>
                  <td data-label="Flags">
                    {row.flags.map((flag) => (
                      <span key={flag} className={`badge ${FLAG_LABELS[flag].tone}`}>
                        {FLAG_LABELS[flag].text}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <PageNav label="Caseload pages" path="/caseload" page={caseload.page} pageCount={caseload.pageCount} />
      </section>
    </>
  );
}
