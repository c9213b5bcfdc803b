import type { Metadata } from 'next';
import Link from 'next/link';
import { AUDIT_OUTCOME_LABELS, AUDIT_RECORD_LABELS, auditActionLabel } from '@/app/_components/labels';
import { formatMoment } from '@/lib/domain/clinic-time';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { listAuditEvents } from '@/lib/server/audit/list-audit-events';
import { AppError } from '@/lib/server/errors';
import { orNotFound } from '@/lib/server/page-guard';

export const metadata: Metadata = { title: 'Audit trail' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const raw = await searchParams;
  const input = { personId: single(raw.personId), patientId: single(raw.patientId), action: single(raw.action), from: single(raw.from), to: single(raw.to), page: single(raw.page) };
  const answer = await orNotFound(
    listAuditEvents({ actor, input }).then(
      (trail) => ({ trail, problem: null }),
      // Filters the admin typed (or a link someone edited) that make no sense: say so, with a way back.
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'INVALID_INPUT') return { trail: null, problem: error.message };
        throw error;
      },
    ),
  );
  if (!answer.trail) {
    return (
      <>
        <h1>Audit trail</h1>
        <p role="alert" className="error">
          {answer.problem}
        </p>
        <p>
          <Link href="/admin/audit">Show the whole trail</Link>
        </p>
      </>
    );
  }
  const { trail } = answer;
  const { filter } = trail;
  const query = new URLSearchParams(Object.entries({ ...filter, page: '' }).filter(([, value]) => value !== '' && value !== undefined).map(([key, value]) => [key, String(value)]));
  const pageLink = (page: number) => `/admin/audit?${new URLSearchParams({ ...Object.fromEntries(query), page: String(page) })}`;
  return (
    <>
      <h1>Audit trail</h1>
      <p>Every sign-in, record read, change, approval and sign-off in this clinic. Rows are never changed or deleted.</p>
      <form className="card" method="get" aria-label="Filter the audit trail">
        <div className="row">
          <div>
            <label htmlFor="personId">Person</label>
            <select id="personId" name="personId" defaultValue={filter.personId}>
              <option value="">Anyone</option>
              {trail.options.people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="patientId">Patient</label>
            <select id="patientId" name="patientId" defaultValue={filter.patientId}>
              <option value="">Any patient</option>
              {trail.options.patients.map((patient) => (
                <option key={patient.id} value={patient.id}>
                  {patient.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="action">Action</label>
            <select id="action" name="action" defaultValue={filter.action}>
              <option value="">Any action</option>
              {trail.options.actions.map((action) => (
                <option key={action} value={action}>
                  {auditActionLabel(action)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="from">From</label>
            <input id="from" name="from" type="date" defaultValue={filter.from} />
          </div>
          <div>
            <label htmlFor="to">To</label>
            <input id="to" name="to" type="date" defaultValue={filter.to} />
          </div>
          <div>
            <button type="submit">Filter</button>
          </div>
        </div>
      </form>
      <p>
        {trail.total.toLocaleString('en')} {trail.total === 1 ? 'event' : 'events'}.{' '}
        <a href={`/api/audit/export?${query}`} download>
          Export as CSV
        </a>
      </p>
      <table className="stack-on-phone">
        <caption className="sr-only">Audit events</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Person</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Patient</th>
            <th scope="col">Outcome</th>
            <th scope="col">IP address</th>
          </tr>
        </thead>
        <tbody>
          {trail.events.map((event) => (
            <tr key={event.id}>
              <td data-label="When">{formatMoment(event.at, actor.timeZone)}</td>
              <td data-label="Person">{event.person}</td>
              <td data-label="Action">{auditActionLabel(event.action)}</td>
              <td data-label="Record">{event.recordType ? (AUDIT_RECORD_LABELS[event.recordType] ?? event.recordType) : '—'}</td>
              <td data-label="Patient">{event.patient}</td>
              <td data-label="Outcome">{AUDIT_OUTCOME_LABELS[event.outcome] ?? event.outcome}</td>
              <td data-label="IP address">{event.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trail.pageCount > 1 ? (
        <nav aria-label="Audit pages" className="row">
          {filter.page > 1 ? <Link href={pageLink(filter.page - 1)}>Newer events</Link> : null}
          <span>
            Page {filter.page} of {trail.pageCount}
          </span>
          {filter.page < trail.pageCount ? <Link href={pageLink(filter.page + 1)}>Older events</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
