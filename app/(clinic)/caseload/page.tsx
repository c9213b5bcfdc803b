import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { getCaseload, type CaseloadFlag } from '@/lib/server/caseload/get-caseload';
import { orNotFound } from '@/lib/server/page-guard';
import { PageNav, pageFrom } from '../_components/page-nav';

export const metadata: Metadata = { title: 'Caseload' };

const FLAG_LABELS: Record<CaseloadFlag, { text: string; tone: string }> = {
  DRAFT_WAITING: { text: 'Draft waiting', tone: 'warn' },
  WAITING_FOR_SURGEON: { text: 'Waiting for surgeon', tone: 'warn' },
  DECLINED: { text: 'Declined by surgeon', tone: 'danger' },
  READY_TO_ADVANCE: { text: 'Ready to advance', tone: 'ok' },
  PAIN: { text: 'Pain flag', tone: 'danger' },
};

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePageActor();
  const { page } = await searchParams;
  const caseload = await orNotFound(getCaseload({ actor, page: pageFrom(page) }));
  return (
    <>
      <h1>Your caseload</h1>
      <p>
        <Link className="button" href="/patients/new">
          New patient
        </Link>
      </p>
      {caseload.rows.length === 0 ? (
        <p>No patients yet.</p>
      ) : (
        <table>
          <caption className="sr-only">Patients</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Phase</th>
              <th scope="col">Days since surgery</th>
              <th scope="col">Adherence (7 days)</th>
              <th scope="col">Latest pain</th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {caseload.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  {/* A plain link: fifty <Link>s would each prefetch a patient's record as they scroll into view. */}
                  <a href={`/patients/${row.id}`}>{row.name}</a>
                </td>
                <td>{row.phase}</td>
                <td>{row.daysSinceSurgery ?? '—'}</td>
                <td>{row.adherencePercent === null ? '—' : `${row.adherencePercent}%`}</td>
                <td>{row.latestPain === null ? '—' : `${row.latestPain}/10`}</td>
                <td>
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
    </>
  );
}
