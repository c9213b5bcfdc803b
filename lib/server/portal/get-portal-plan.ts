import 'server-only';
import { adherence, dailyAdherence } from '@/lib/domain/adherence';
import { daysSinceSurgery, isoDay } from '@/lib/domain/calendar';
import { localDay } from '@/lib/domain/clinic-time';
import { describeDosage } from '@/lib/domain/dosage';
import { isIllustration } from '@/lib/domain/drawings/validate';
import { dosageOf } from '@/lib/domain/prescription';
import { dailyWorstPain } from '@/lib/domain/pain';
import { restrictionSentence, restrictionsInForce } from '@/lib/domain/restrictions';
import { standingLogs } from '@/lib/domain/session-logs';
import { recentWindow } from '@/lib/domain/windows';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { loadLatestOrder } from '../orders/load-latest-order';
import { restrictionsOfOrder } from '../orders/order-select';
import { loadClearedPrescriptions } from './load-cleared-prescriptions';

type Prescription = Awaited<ReturnType<typeof loadClearedPrescriptions>>['plan']['home'][number];

// Only what the patient's screen shows goes to the browser: no ids of other records, no hashes.
function toPortalExercise(item: Prescription, { withSchedule }: { withSchedule: boolean }) {
  return {
    exerciseId: item.exerciseId,
    // The plain name where the clinical one is jargon (frozen on the item with what the surgeon signed).
    name: item.patientName || item.exerciseName,
    dosageText: describeDosage(dosageOf(item), { withSchedule }),
    steps: item.instructions.split('\n').filter((step) => step.trim().length > 0),
    notes: item.patientNotes,
    illustration: isIllustration(item.illustration) ? item.illustration : null,
    media: item.featuredMedia,
  };
}

export type PortalExercise = ReturnType<typeof toPortalExercise>;

/** The signed-in patient's cleared exercises, this week's adherence, recent logs and whom to call. */
export async function getPortalPlan({ actor, today: now = new Date() }: { actor: Actor; today?: Date }) {
  requirePermission(actor, 'portal.view');
  const patientId = actor.patientId;
  if (!patientId) throw notFound('Your plan');
  const view = await loadPortalView({ patientId, clinicId: actor.clinicId, timeZone: actor.timeZone, now });
  await recordAudit(db, actorDid(actor, 'portal.read', { type: 'Patient', id: patientId, patientId }));
  return view;
}

/**
 * What the patient's portal shows them now: the one view the portal and the printed programme are made
 * from, so the paper holds exactly what the screen does. Internal: callers have checked that the actor is
 * this patient, or one of their care team.
 */
export async function loadPortalView({ patientId, clinicId, timeZone, now }: { patientId: string; clinicId: string; timeZone: string; now: Date }) {
  const today = localDay(now, timeZone);
  const window = recentWindow(today);
  const [{ plan, clearedOn, precautions, surgeryDate, episodeId, phaseDefaults, currentPhase, phases }, logs, clinic] = await Promise.all([
    loadClearedPrescriptions(patientId),
    db.sessionLog.findMany({
      where: { patientId, performedOn: { gte: window.first } },
      orderBy: [{ performedOn: 'desc' }, { createdAt: 'desc' }],
      select: { id: true, correctsId: true, exerciseId: true, exerciseName: true, performedOn: true, completed: true, setsCompleted: true, backPain: true, legPain: true },
    }),
    db.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { name: true, phone: true, emergencyNumber: true } }),
  ]);
  const sessions = standingLogs(logs);
  const expected = plan.home.map((item) => ({ exerciseId: item.exerciseId, timesPerDay: item.timesPerDay, daysPerWeek: item.daysPerWeek, expectedFrom: clearedOn.get(item.exerciseId) ?? null }));
  const painByDay = new Map(
    dailyWorstPain(sessions.map((session) => ({ performedOn: session.performedOn, loggedAt: session.performedOn, back: session.backPain, leg: session.legPain }))).map((point) => [point.day.getTime(), point]),
  );
  const week = {
    ...adherence({ sessions, prescriptions: expected, today }),
    /** Day by day for the week chart: sessions done and expected, and the worst pain logged that day. */
    days: dailyAdherence({ sessions, prescriptions: expected, today }).map((day) => ({
      day: isoDay(day.day),
      completed: day.completed,
      expected: day.expected,
      backPain: painByDay.get(day.day.getTime())?.back ?? null,
      legPain: painByDay.get(day.day.getTime())?.leg ?? null,
    })),
  };
  const order = episodeId ? await loadLatestOrder(episodeId) : null;
  const inForce = restrictionsInForce({ order: order ? restrictionsOfOrder(order, phases) : null, phaseDefaults, today, currentPhasePosition: currentPhase?.position ?? null });
  const plainNames = new Map([...plan.home, ...plan.withTherapist].map((item) => [item.exerciseId, item.patientName || item.exerciseName]));
  // Today's standing log of each exercise (the newest first): shown as done, and corrected by logging again.
  const todayLogs = new Map<string, (typeof sessions)[number]>();
  for (const session of sessions) {
    if (session.performedOn.getTime() === today.getTime() && !todayLogs.has(session.exerciseId)) todayLogs.set(session.exerciseId, session);
  }
  return {
    today: isoDay(today),
    clinic,
    home: plan.home.map((item) => {
      const log = todayLogs.get(item.exerciseId);
      return { ...toPortalExercise(item, { withSchedule: true }), today: log ? { logId: log.id, completed: log.completed, backPain: log.backPain, legPain: log.legPain } : null };
    }),
    withTherapist: plan.withTherapist.map((item) => toPortalExercise(item, { withSchedule: false })),
    precautions,
    /** What the patient may not do yet, in their words: the surgeon's orders, else the phase's defaults. */
    restrictions: { fromSurgeon: inForce.source === 'SURGEON', sentences: inForce.restrictions.map((restriction) => restrictionSentence(restriction, today)) },
    daysSinceSurgery: surgeryDate ? daysSinceSurgery(surgeryDate, today) : null,
    week,
    recentSessions: sessions.slice(0, 10).map((session) => ({
      id: session.id,
      exerciseId: session.exerciseId,
      // The name the patient knows the exercise by now, else the one it was logged under.
      exerciseName: plainNames.get(session.exerciseId) ?? session.exerciseName,
      performedOn: session.performedOn,
      completed: session.completed,
      setsCompleted: session.setsCompleted,
      backPain: session.backPain,
      legPain: session.legPain,
    })),
  };
}

export type PortalPlan = Awaited<ReturnType<typeof loadPortalView>>;
