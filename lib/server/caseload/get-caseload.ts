import 'server-only';
import { adherence, painFlag } from '@/lib/domain/adherence';
import { addDays, daysSinceSurgery, phaseGate, toDateOnly } from '@/lib/domain/phase-gate';
import { clearanceOf, decisionsByContentHash } from '@/lib/domain/prescription';
import { portalPrescriptions } from '@/lib/domain/visibility';
import type { Actor } from '../auth/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

export const CASELOAD_PAGE_SIZE = 50;

export type CaseloadFlag = 'DRAFT_WAITING' | 'WAITING_FOR_SURGEON' | 'DECLINED' | 'READY_TO_ADVANCE' | 'PAIN';

/**
 * The therapist's caseload, a page at a time. A fixed number of queries whatever the page holds: patients
 * with their plans, then sign-offs and session logs for the whole page at once.
 */
export async function getCaseload({ actor, page = 1, today = new Date() }: { actor: Actor; page?: number; today?: Date }) {
  requirePermission(actor, 'plan.edit');
  const where = patientVisibleTo(actor);
  const [total, patients] = await Promise.all([
    db.patient.count({ where }),
    db.patient.findMany({
      where,
      orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
      skip: (Math.max(1, page) - 1) * CASELOAD_PAGE_SIZE,
      take: CASELOAD_PAGE_SIZE,
      select: {
        id: true,
        firstName: true,
        lastName: true,
        episodes: {
          orderBy: { surgeryDate: 'desc' },
          take: 1,
          select: {
            surgeryDate: true,
            protocol: { select: { phases: { orderBy: { position: 'asc' }, select: { id: true, position: true, name: true, earliestDay: true, criteria: true } } } },
            plan: {
              select: {
                versions: {
                  orderBy: { number: 'desc' },
                  select: { number: true, status: true, phaseId: true, items: { select: { id: true, exerciseId: true, mode: true, contentHash: true, timesPerDay: true, daysPerWeek: true } } },
                },
              },
            },
          },
        },
      },
    }),
  ]);
  const patientIds = patients.map((patient) => patient.id);
  const since = addDays(toDateOnly(today), -6);
  const [signOffs, sessions, firstPains, latestPains] = await Promise.all([
    db.signOff.findMany({ where: { patientId: { in: patientIds } }, select: { patientId: true, contentHash: true, status: true } }),
    db.sessionLog.findMany({ where: { patientId: { in: patientIds }, performedOn: { gte: since } }, select: { patientId: true, exerciseId: true, performedOn: true, completed: true, pain: true } }),
    db.sessionLog.findMany({ where: { patientId: { in: patientIds } }, distinct: ['patientId'], orderBy: [{ patientId: 'asc' }, { performedOn: 'asc' }, { createdAt: 'asc' }], select: { patientId: true, pain: true } }),
    db.sessionLog.findMany({ where: { patientId: { in: patientIds } }, distinct: ['patientId'], orderBy: [{ patientId: 'asc' }, { performedOn: 'desc' }, { createdAt: 'desc' }], select: { patientId: true, pain: true, performedOn: true } }),
  ]);
  const group = <T extends { patientId: string }>(rows: T[]) => {
    const byPatient = new Map<string, T[]>();
    for (const row of rows) {
      const list = byPatient.get(row.patientId);
      if (list) list.push(row);
      else byPatient.set(row.patientId, [row]);
    }
    return byPatient;
  };
  const signOffsByPatient = group(signOffs);
  const sessionsByPatient = group(sessions);
  const firstPainOf = new Map(firstPains.map((row) => [row.patientId, row.pain]));
  const latestOf = new Map(latestPains.map((row) => [row.patientId, row]));

  const rows = patients.map((patient) => {
    const episode = patient.episodes[0];
    const versions = episode?.plan?.versions ?? [];
    const approved = versions.filter((version) => version.status === 'APPROVED');
    const current = approved[0];
    const phases = episode?.protocol.phases ?? [];
    const phaseIndex = current ? phases.findIndex((phase) => phase.id === current.phaseId) : -1;
    const phase = phases[phaseIndex] ?? null;
    const nextPhase = current ? phases[phaseIndex + 1] : undefined;
    const hasDraft = versions.some((version) => version.status === 'DRAFT');
    const patientSignOffs = signOffsByPatient.get(patient.id) ?? [];
    const decisions = decisionsByContentHash(patientSignOffs);
    const clearances = (current?.items ?? []).map((item) => clearanceOf(item, decisions));
    const cleared = portalPrescriptions(
      approved.map((version) => ({ number: version.number, items: version.items.map((item) => ({ ...item, itemId: item.id })) })),
      new Set(patientSignOffs.filter((signOff) => signOff.status === 'SIGNED').map((signOff) => signOff.contentHash)),
    );
    const week = adherence({ sessions: sessionsByPatient.get(patient.id) ?? [], prescriptions: cleared.home, today });
    const latest = latestOf.get(patient.id);
    const firstPain = firstPainOf.get(patient.id);
    const flags: CaseloadFlag[] = [];
    if (hasDraft) flags.push('DRAFT_WAITING');
    if (clearances.includes('WAITING_FOR_SURGEON')) flags.push('WAITING_FOR_SURGEON');
    if (clearances.includes('DECLINED')) flags.push('DECLINED');
    if (episode && nextPhase && !hasDraft && !phaseGate({ surgeryDate: episode.surgeryDate, today, phase: nextPhase }).isEarly) flags.push('READY_TO_ADVANCE');
    if (latest && firstPain !== undefined && painFlag([firstPain, latest.pain])) flags.push('PAIN');
    return {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      phase: phase ? `Phase ${phase.position}: ${phase.name}` : 'No approved plan yet',
      daysSinceSurgery: episode ? daysSinceSurgery(episode.surgeryDate, today) : null,
      adherencePercent: week.percent,
      latestPain: latest?.pain ?? null,
      flags,
    };
  });
  return { rows, total, page: Math.max(1, page), pageCount: Math.max(1, Math.ceil(total / CASELOAD_PAGE_SIZE)) };
}

export type CaseloadRow = Awaited<ReturnType<typeof getCaseload>>['rows'][number];
