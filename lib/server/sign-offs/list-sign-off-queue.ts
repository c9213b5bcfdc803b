import 'server-only';
import { alertKindsSeenBy } from '@/lib/domain/alerts';
import { localDay } from '@/lib/domain/clinic-time';
import { describeDosage } from '@/lib/domain/dosage';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import { isIllustration } from '@/lib/domain/drawings/validate';
import { dosageOf } from '@/lib/domain/prescription';
import { alertSelect, toAlertDto } from '../alerts/alert-select';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { loadStatusFacts } from '../patients/load-status-facts';
import { statusOf } from '../patients/status-of';
import { planItemSelect } from '../plans/plan-item-select';

export const SIGN_OFF_PAGE_SIZE = 20;

/**
 * The surgeon's pending sign-offs across their patients, oldest request first, a page at a time (the oldest
 * requests have waited longest, so they come first). Each request comes with the facts the surgeon signs
 * with: who prescribed it, the phase and its earliest day against the patient's day since surgery (and the
 * reason when the patient was advanced early), latest back and leg pain with their trend, this week's
 * adherence, open alerts, and the other exercises the patient does at home. A fixed number of queries.
 */
export async function listSignOffQueue({ actor, page = 1, pageSize = SIGN_OFF_PAGE_SIZE, today: now = new Date() }: { actor: Actor; page?: number; pageSize?: number; today?: Date }) {
  requirePermission(actor, 'signoff.sign');
  const today = localDay(now, actor.timeZone);
  const where = { surgeonId: actor.userId, status: 'PENDING' as const, item: { version: { plan: { episode: { patient: patientVisibleTo(actor) } } } } };
  const slice = pageSlice(page, pageSize);
  const [total, pending] = await Promise.all([
    db.signOff.count({ where }),
    db.signOff.findMany({
      where,
      orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
      skip: slice.skip,
      take: slice.take,
      select: {
        id: true,
        contentHash: true,
        requestedAt: true,
        item: {
          select: {
            // The prescription as approved, read as everywhere (only what the card shows is passed on below).
            ...planItemSelect,
            exercise: { select: { illustration: true } },
            version: {
              select: {
                number: true,
                approvedById: true,
                advanceReason: true,
                phase: { select: { position: true, name: true, earliestDay: true } },
                plan: { select: { episode: { select: { procedure: true, surgeryDate: true, patient: { select: { id: true, firstName: true, lastName: true } } } } } },
              },
            },
          },
        },
      },
    }),
  ]);
  const patientIds = [...new Set(pending.map((signOff) => signOff.item.version.plan.episode.patient.id))];
  const kinds = [...alertKindsSeenBy(actor.role)];
  const [facts, alerts, prescribers] = await Promise.all([
    loadStatusFacts(patientIds, today, kinds),
    db.alert.findMany({ where: { patientId: { in: patientIds }, acknowledgedAt: null, kind: { in: kinds } }, orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], select: alertSelect }),
    db.user.findMany({
      where: { clinicId: actor.clinicId, id: { in: pending.map((signOff) => signOff.item.version.approvedById ?? '') } },
      select: { id: true, name: true },
    }),
  ]);
  const prescriberName = new Map(prescribers.map((user) => [user.id, user.name]));
  const requests = pending.map((signOff) => {
    const { item } = signOff;
    const { version } = item;
    const { episode } = version.plan;
    const { status } = statusOf(facts.get(episode.patient.id), today);
    return {
      signOffId: signOff.id,
      contentHash: signOff.contentHash,
      requestedAt: signOff.requestedAt,
      patient: { id: episode.patient.id, name: `${episode.patient.firstName} ${episode.patient.lastName}` },
      procedure: episode.procedure,
      daysSinceSurgery: status.daysSinceSurgery,
      prescribedBy: version.approvedById ? (prescriberName.get(version.approvedById) ?? 'Unknown') : 'Unknown',
      phase: { position: version.phase.position, name: version.phase.name, earliestDay: version.phase.earliestDay },
      advanceReason: version.advanceReason,
      versionNumber: version.number,
      exerciseName: item.exerciseName,
      instructions: item.instructions,
      patientNotes: item.patientNotes,
      dosageText: describeDosage(dosageOf(item)),
      illustration: isIllustration(item.exercise.illustration) ? item.exercise.illustration : null,
      latestPain: status.latest ? { back: status.latest.back, leg: status.latest.leg, on: status.latest.performedOn } : null,
      trend: status.trend,
      week: status.week,
      openAlerts: alerts.filter((alert) => alert.patient.id === episode.patient.id).map((alert) => toAlertDto(alert)),
      otherHomeExercises: status.homeExercises.filter((name) => name !== item.exerciseName),
    };
  });
  return { requests, total, page: slice.page, pageCount: pageCountOf(total, pageSize) };
}

export type SignOffRequest = Awaited<ReturnType<typeof listSignOffQueue>>['requests'][number];
