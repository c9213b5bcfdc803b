import 'server-only';
import { weeklyAdherence } from '@/lib/domain/adherence';
import { alertKindsSeenBy } from '@/lib/domain/alerts';
import { localDay } from '@/lib/domain/clinic-time';
import { currentEpisode } from '@/lib/domain/episodes';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import { dailyWorstPain } from '@/lib/domain/pain';
import { phaseChanges } from '@/lib/domain/phases';
import { standingLogs } from '@/lib/domain/session-logs';
import { toAlertDto, alertSelect } from '../alerts/alert-select';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId } from '../parse-input';
import { loadClearedPrescriptions } from '../portal/load-cleared-prescriptions';

export const SESSIONS_PAGE_SIZE = 20;
/** Acknowledged alerts shown under the open ones, newest first. */
const CLOSED_ALERTS_SHOWN = 5;

/**
 * What the patient has logged, for their care team: pain over time with the phase changes marked, weekly
 * adherence, the logged sessions newest first a page at a time, and the patient's alerts. The therapists
 * and surgeon on the care team and the clinic admin see it (patientVisibleTo); anyone else gets "not
 * found". A fixed number of queries whatever the patient has logged.
 */
export async function getSessionsAndPain({ actor, patientId: rawPatientId, page = 1, today: now = new Date() }: { actor: Actor; patientId: unknown; page?: number; today?: Date }) {
  requirePermission(actor, 'patient.read');
  const patientId = parseId(rawPatientId, 'That patient');
  const patient = await db.patient.findFirst({
    where: { AND: [{ id: patientId }, patientVisibleTo(actor)] },
    select: {
      id: true,
      episodes: {
        select: {
          id: true,
          surgeryDate: true,
          createdAt: true,
          plan: { select: { versions: { where: { status: 'APPROVED' }, select: { number: true, approvedAt: true, phase: { select: { position: true, name: true } } } } } },
        },
      },
    },
  });
  if (!patient) throw notFound('That patient');
  const today = localDay(now, actor.timeZone);
  const episode = currentEpisode(patient.episodes);
  const since = episode?.surgeryDate ?? today;
  const slice = pageSlice(page, SESSIONS_PAGE_SIZE);
  const kinds = [...alertKindsSeenBy(actor.role)];
  const [total, pageRows, history, cleared, openAlerts, closedAlerts] = await Promise.all([
    db.sessionLog.count({ where: { patientId } }),
    db.sessionLog.findMany({
      where: { patientId },
      orderBy: [{ performedOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      skip: slice.skip,
      take: slice.take,
      select: { id: true, correctsId: true, exerciseName: true, performedOn: true, createdAt: true, completed: true, setsCompleted: true, backPain: true, legPain: true, note: true, corrected: { select: { id: true } } },
    }),
    db.sessionLog.findMany({
      where: { patientId, performedOn: { gte: since } },
      select: { id: true, correctsId: true, exerciseId: true, performedOn: true, createdAt: true, completed: true, backPain: true, legPain: true },
    }),
    loadClearedPrescriptions(patientId),
    db.alert.findMany({ where: { patientId, acknowledgedAt: null, kind: { in: kinds } }, orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], select: alertSelect }),
    db.alert.findMany({ where: { patientId, acknowledgedAt: { not: null }, kind: { in: kinds } }, orderBy: [{ acknowledgedAt: 'desc' }, { id: 'desc' }], take: CLOSED_ALERTS_SHOWN, select: alertSelect }),
  ]);
  const acknowledgers = await db.user.findMany({
    where: { clinicId: actor.clinicId, id: { in: closedAlerts.map((alert) => alert.acknowledgedById ?? '') } },
    select: { id: true, name: true },
  });
  const names = new Map(acknowledgers.map((user) => [user.id, user.name]));
  await recordAudit(db, actorDid(actor, 'patient.read_sessions', { type: 'Patient', id: patientId, patientId }, { after: { page: slice.page } }));

  const standing = standingLogs(history);
  const versions = episode?.plan?.versions ?? [];
  return {
    pain: dailyWorstPain(standing.map((row) => ({ performedOn: row.performedOn, loggedAt: row.createdAt, back: row.backPain, leg: row.legPain }))),
    phaseChanges: phaseChanges(versions.map((version) => ({ number: version.number, approvedAt: version.approvedAt ?? since, phase: version.phase }))),
    weeks: weeklyAdherence({
      sessions: standing,
      prescriptions: cleared.plan.home.map((item) => ({ exerciseId: item.exerciseId, timesPerDay: item.timesPerDay, daysPerWeek: item.daysPerWeek, expectedFrom: cleared.clearedOn.get(item.exerciseId) ?? null })),
      start: since,
      today,
    }),
    sessions: pageRows.map((row) => ({
      id: row.id,
      exerciseName: row.exerciseName,
      performedOn: row.performedOn,
      loggedAt: row.createdAt,
      completed: row.completed,
      setsCompleted: row.setsCompleted,
      backPain: row.backPain,
      legPain: row.legPain,
      note: row.note,
      isCorrection: row.correctsId !== null,
      isCorrected: row.corrected !== null,
    })),
    total,
    page: slice.page,
    pageCount: pageCountOf(total, SESSIONS_PAGE_SIZE),
    openAlerts: openAlerts.map((row) => toAlertDto(row)),
    closedAlerts: closedAlerts.map((row) => toAlertDto(row, names)),
  };
}

export type SessionsAndPain = Awaited<ReturnType<typeof getSessionsAndPain>>;
