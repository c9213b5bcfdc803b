import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { compareVersionsSchema } from '@/lib/schemas/plan';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { orNotFound } from '@/lib/server/page-guard';
import { getPlanOverview } from '@/lib/server/plans/get-plan-overview';
import { VersionDiff } from '../../_components/version-diff';

export const metadata: Metadata = { title: 'Compare versions' };

export default async function ComparePage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<{ from?: string; to?: string }> }) {
  const { patientId } = await params;
  const parsed = compareVersionsSchema.safeParse({ patientId, ...(await searchParams) });
  if (!parsed.success) notFound();
  const actor = await requirePageActor();
  const overview = await orNotFound(getPlanOverview({ actor, patientId }));
  const from = overview.versions.find((version) => version.number === parsed.data.from);
  const to = overview.versions.find((version) => version.number === parsed.data.to);
  if (!from || !to) notFound();
  return (
    <>
      <p>
        <Link href={`/patients/${overview.patient.id}`}>
          Back to {overview.patient.firstName} {overview.patient.lastName}
        </Link>
      </p>
      <h1>
        Version {from.number} compared with version {to.number}
      </h1>
      <p>
        Version {from.number}: {from.approvedBy ? `approved by ${from.approvedBy}` : 'draft'}. Version {to.number}:{' '}
        {to.approvedBy ? `approved by ${to.approvedBy}` : 'draft'}.
      </p>
      <div className="card">
        <VersionDiff before={from.items} after={to.items} headingLevel={2} />
      </div>
    </>
  );
}
