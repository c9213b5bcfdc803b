import 'server-only';
import { alertKindsSeenBy } from '@/lib/domain/alerts';
import { localDay } from '@/lib/domain/clinic-time';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import type { StatusFlag } from '@/lib/domain/patient-status';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { loadStatusFacts } from '../patients/load-status-facts';
import { statusOf } from '../patients/status-of';

export const CASELOAD_PAGE_SIZE = 50;

export type CaseloadFlag = StatusFlag;

/**
 * The therapist's caseload, a page at a time, in a fixed number of queries whatever the page holds: the
 * count and the page of patients the actor may see (patientVisibleTo), then everything the rows show for
 * that page at once (loadStatusFacts). What each row says is lib/domain/patient-status.ts.
 */
export async function getCaseload({ actor, page = 1, today: now = new Date() }: { actor: Actor; page?: number; today?: Date }) {
  requirePermission(actor, 'caseload.view');
  const today = localDay(now, actor.timeZone);
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
  const facts = await loadStatusFacts(
    patients.map((patient) => patient.id),
    today,
    alertKindsSeenBy(actor.role),
  );

  const rows = patients.map((patient) => {
    const { status } = statusOf(facts.get(patient.id), today);
    return {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      phase: status.phase ? `Phase ${status.phase.position}: ${status.phase.name}` : 'No approved plan yet',
      daysSinceSurgery: status.daysSinceSurgery,
      adherencePercent: status.week.percent,
      latestPain: status.latest ? { back: status.latest.back, leg: status.latest.leg } : null,
      monitoring: status.monitoring ? { number: status.monitoring.number, dayOfPeriod: status.monitoring.dayOfPeriod, daysWithData: status.monitoring.daysWithData } : null,
      flags: status.flags,
    };
  });
  return { rows, total, page: slice.page, pageCount: pageCountOf(total, CASELOAD_PAGE_SIZE) };
}

export type CaseloadRow = Awaited<ReturnType<typeof getCaseload>>['rows'][number];
