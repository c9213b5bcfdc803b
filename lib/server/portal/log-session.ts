import 'server-only';
import { addDays, isWithin, isoDay } from '@/lib/domain/calendar';
import { localDay } from '@/lib/domain/clinic-time';
import { PAIN_ALERT_LEVEL, PAIN_BASELINE_DAYS, painReasons, type PainReading } from '@/lib/domain/pain';
import { standingLogs } from '@/lib/domain/session-logs';
import { loggableWindow, RECENT_DAYS } from '@/lib/domain/windows';
import { logSessionSchema } from '@/lib/schemas/session-log';
import { raiseAlerts } from '../alerts/raise-alerts';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, isUniqueViolation, notFound } from '../errors';
import { parseInput } from '../parse-input';
import { loadClearedPrescriptions } from './load-cleared-prescriptions';

export type LoggedSession = {
  sessionId: string;
  exerciseName: string;
  /** The same submit arrived twice (a double tap): this is the first one's row, nothing new was written. */
  isDuplicate: boolean;
  /** A score at the alert level: the patient is told to stop this exercise and whom to call. */
  isHighPain: boolean;
  /** An alert went to the care team with this log. */
  alertRaised: boolean;
};

/**
 * The patient records one home exercise session: done or not, sets, back pain and leg pain from 0 to 10,
 * a note. The row is theirs and never changes: a correction is a new row naming the one it replaces. A pain
 * flag (lib/domain/pain.ts) raises an alert to the care team in the same transaction.
 */
export async function logSession({ actor, input, today: now = new Date() }: { actor: Actor; input: unknown; today?: Date }): Promise<LoggedSession> {
  requirePermission(actor, 'session.log');
  const patientId = actor.patientId;
  if (!patientId) throw notFound('Your plan');
  const data = parseInput(logSessionSchema, input);
  const window = loggableWindow(localDay(now, actor.timeZone));
  if (data.performedOn > window.last) throw new AppError('INVALID_INPUT', 'The date cannot be in the future.', { performedOn: ['The date cannot be in the future.'] });
  if (!isWithin(window, data.performedOn)) {
    throw new AppError('INVALID_INPUT', `You can log sessions from the last ${RECENT_DAYS} days.`, { performedOn: [`Pick a date from ${isoDay(window.first)} to today.`] });
  }
  if (data.submissionKey) {
    const earlier = await findSubmitted(patientId, data.submissionKey);
    if (earlier) return earlier;
  }
  // A patient logs only a home exercise their care team has cleared; supervised ones are done at visits.
  const { plan } = await loadClearedPrescriptions(patientId);
  const exercise = plan.home.find((item) => item.exerciseId === data.exerciseId);
  if (!exercise) {
    const isSupervised = plan.withTherapist.some((item) => item.exerciseId === data.exerciseId);
    const message = isSupervised ? 'You do this one with your therapist at your visits. They keep track of it.' : 'Choose one of your home exercises.';
    throw new AppError('INVALID_INPUT', message, { exerciseId: [message] });
  }
  try {
    return await db.$transaction(async (tx) => {
      if (data.correctsId) {
        const corrected = await tx.sessionLog.findFirst({ where: { id: data.correctsId, patientId }, select: { exerciseId: true, corrected: { select: { id: true } } } });
        if (!corrected) throw notFound('That session');
        if (corrected.exerciseId !== exercise.exerciseId || corrected.corrected) {
          throw new AppError('CONFLICT', 'That session was already corrected. Reload the page to see your latest log.');
        }
      }
      const session = await tx.sessionLog.create({
        data: {
          patientId,
          exerciseId: exercise.exerciseId,
          exerciseName: exercise.exerciseName,
          performedOn: data.performedOn,
          completed: data.completed,
          setsCompleted: data.setsCompleted,
          backPain: data.backPain,
          legPain: data.legPain,
          note: data.note,
          submissionKey: data.submissionKey ?? null,
          correctsId: data.correctsId ?? null,
        },
        select: { id: true, exerciseName: true, performedOn: true, completed: true, setsCompleted: true, backPain: true, legPain: true, correctsId: true, createdAt: true },
      });
      await recordAudit(tx, actorDid(actor, 'session.log', { type: 'SessionLog', id: session.id, patientId }, { after: session }));

      const history = await tx.sessionLog.findMany({
        where: { patientId, performedOn: { gte: addDays(data.performedOn, -PAIN_BASELINE_DAYS), lte: data.performedOn }, id: { not: session.id } },
        select: { id: true, correctsId: true, performedOn: true, createdAt: true, backPain: true, legPain: true },
      });
      const reading = (row: { performedOn: Date; createdAt: Date; backPain: number; legPain: number | null }): PainReading => ({ performedOn: row.performedOn, loggedAt: row.createdAt, back: row.backPain, leg: row.legPain });
      // The row being corrected no longer counts: the correction replaces it.
      const earlier = standingLogs([...history, session]).filter((row) => row.id !== session.id);
      const reasons = painReasons(reading(session), earlier.map(reading));
      const raised = await raiseAlerts(tx, { actor, patientId, sessionLogId: session.id, painReasons: reasons });
      return {
        sessionId: session.id,
        exerciseName: session.exerciseName,
        isDuplicate: false,
        isHighPain: session.backPain >= PAIN_ALERT_LEVEL || (session.legPain ?? 0) >= PAIN_ALERT_LEVEL,
        alertRaised: raised.length > 0,
      };
    });
  } catch (error) {
    // Two copies of one submit at the same moment: the unique key lets one in; the other gets its row.
    if (data.submissionKey && isUniqueViolation(error)) {
      const earlier = await findSubmitted(patientId, data.submissionKey);
      if (earlier) return earlier;
    }
    throw error;
  }
}

async function findSubmitted(patientId: string, submissionKey: string): Promise<LoggedSession | null> {
  const row = await db.sessionLog.findUnique({
    where: { patientId_submissionKey: { patientId, submissionKey } },
    select: { id: true, exerciseName: true, backPain: true, legPain: true },
  });
  if (!row) return null;
  return {
    sessionId: row.id,
    exerciseName: row.exerciseName,
    isDuplicate: true,
    isHighPain: row.backPain >= PAIN_ALERT_LEVEL || (row.legPain ?? 0) >= PAIN_ALERT_LEVEL,
    alertRaised: false,
  };
}
