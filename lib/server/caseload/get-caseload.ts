import 'server-only';
import { adherence, painFlag } from '@/lib/domain/adherence';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import { addDays, daysSinceSurgery, phaseGate, toDateOnly } from '@/lib/domain/phase-gate';
import { clearanceOf, decisionsByContentHash } from '@/lib/domain/prescription';
import { portalPrescriptions } from '@/lib/domain/visibility';
import type { Actor } from '../auth/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { loadCaseloadDetails } from './load-caseload-details';

export const CASELOAD_PAGE_SIZE = 50;

export type CaseloadFlag = 'DRAFT_WAITING' | 'WAITING_FOR_SURGEON' | 'DECLINED' | 'READY_TO_ADVANCE' | 'PAIN';

/**
 * The therapist's caseload, a page at a time, in a fixed number of queries whatever the page holds: the
 * count and the page of patients the actor may see (patientVisibleTo), then everything the rows show for
 * that page at once (loadCaseloadDetails). The flags and adherence come from the same rules as everywhere.
 */
export async function getCaseload({ actor, page = 1, today = new Date() }: { actor: Actor; page?: number; today?: Date }) {
  requirePermission(actor, 'plan.edit');
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
    addDays(toDateOnly(today), -6),
  );

  const rows = patients.map((patient) => {
    const detail = details.get(patient.id);
    const approved = detail?.approved ?? [];
    const current = approved[0];
    const phases = detail?.phases ?? [];
    const phaseIndex = current ? phases.findIndex((phase) => phase.id === current.phaseId) : -1;
    const phase = phases[phaseIndex] ?? null;
    const nextPhase = current ? phases[phaseIndex + 1] : undefined;
    const hasDraft = detail?.hasDraft ?? false;
    const signOffs = detail?.signOffs ?? [];
    const decisions = decisionsByContentHash(signOffs);
    const clearances = (current?.items ?? []).map((item) => clearanceOf(item, decisions));
    const cleared = portalPrescriptions(approved, new Set(signOffs.filter((signOff) => signOff.status === 'SIGNED').map((signOff) => signOff.contentHash)));
    const week = adherence({ sessions: detail?.sessionsSince ?? [], prescriptions: cleared.home, today });
    const surgeryDate = detail?.surgeryDate ?? null;
    const flags: CaseloadFlag[] = [];
    if (hasDraft) flags.push('DRAFT_WAITING');
    if (clearances.includes('WAITING_FOR_SURGEON')) flags.push('WAITING_FOR_SURGEON');
    if (clearances.includes('DECLINED')) flags.push('DECLINED');
    if (surgeryDate && nextPhase && !hasDraft && !phaseGate({ surgeryDate, today, phase: nextPhase }).isEarly) flags.push('READY_TO_ADVANCE');
    if (detail && detail.firstPain !== null && detail.latestPain !== null && painFlag([detail.firstPain, detail.latestPain])) flags.push('PAIN');
    return {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      phase: phase ? `Phase ${phase.position}: ${phase.name}` : 'No approved plan yet',
      daysSinceSurgery: surgeryDate ? daysSinceSurgery(surgeryDate, today) : null,
      adherencePercent: week.percent,
      latestPain: detail?.latestPain ?? null,
      flags,
    };
  });
  return { rows, total, page: slice.page, pageCount: pageCountOf(total, CASELOAD_PAGE_SIZE) };
}

export type CaseloadRow = Awaited<ReturnType<typeof getCaseload>>['rows'][number];
