import 'server-only';
import { assessCaseloadPatient, type CaseloadFlag } from '@/lib/domain/caseload';
import { currentEpisode } from '@/lib/domain/episodes';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import { recentWindow } from '@/lib/domain/windows';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { loadCaseloadDetails } from './load-caseload-details';

export const CASELOAD_PAGE_SIZE = 50;

export type { CaseloadFlag };

/**
 * The therapist's caseload, a page at a time, in a fixed number of queries whatever the page holds: the
 * count and the page of patients the actor may see (patientVisibleTo), then everything the rows show for
 * that page at once (loadCaseloadDetails). What each row says is lib/domain/caseload.ts.
 */
export async function getCaseload({ actor, page = 1, today = new Date() }: { actor: Actor; page?: number; today?: Date }) {
  requirePermission(actor, 'caseload.view');
  const where = patientVisibleTo(actor);
  const slice = pageSlice(page, CASELOAD_PAGE_SIZE);
  const [total, patients] = await Promise.all([
    db.patient.count({ where }),
    db.patient.findMany({
      where,
      orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
      skip: slice.skip,
      take: slice.take,
      select: { id: true, firstName: true, lastName: true },
    }),
  ]);
  const details = await loadCaseloadDetails(
    patients.map((patient) => patient.id),
    recentWindow(today).first,
  );

  const rows = patients.map((patient) => {
    const detail = details.get(patient.id);
    const episode = currentEpisode(detail?.episodes ?? []);
    const assessment = assessCaseloadPatient(
      {
        surgeryDate: episode?.surgeryDate ?? null,
        phases: episode?.phases ?? [],
        approved: episode?.approved ?? [],
        hasDraft: episode?.hasDraft ?? false,
        signOffs: detail?.signOffs ?? [],
        recentSessions: detail?.recentSessions ?? [],
        painReadings: detail?.painReadings ?? [],
      },
      today,
    );
    return {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      phase: assessment.phase ? `Phase ${assessment.phase.position}: ${assessment.phase.name}` : 'No approved plan yet',
      daysSinceSurgery: assessment.daysSinceSurgery,
      adherencePercent: assessment.adherence.percent,
      latestPain: assessment.latestPain,
      flags: assessment.flags,
    };
  });
  return { rows, total, page: slice.page, pageCount: pageCountOf(total, CASELOAD_PAGE_SIZE) };
}

export type CaseloadRow = Awaited<ReturnType<typeof getCaseload>>['rows'][number];
