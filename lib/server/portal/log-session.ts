import 'server-only';
import { isoDay, toDateOnly } from '@/lib/domain/calendar';
import { loggableWindow, RECENT_DAYS } from '@/lib/domain/windows';
import { logSessionSchema } from '@/lib/schemas/session-log';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';
import { loadClearedPrescriptions } from './load-cleared-prescriptions';

/** The patient records one exercise session: done or not, sets, pain from 0 to 10, a note. */
export async function logSession({ actor, input, today = new Date() }: { actor: Actor; input: unknown; today?: Date }) {
  requirePermission(actor, 'session.log');
  const patientId = actor.patientId;
  if (!patientId) throw notFound('Your plan');
  const data = parseInput(logSessionSchema, input);
  const window = loggableWindow(today);
  if (toDateOnly(data.performedOn) > window.last) throw new AppError('INVALID_INPUT', 'The date cannot be in the future.', { performedOn: ['The date cannot be in the future.'] });
  if (toDateOnly(data.performedOn) < window.first) {
    throw new AppError('INVALID_INPUT', `You can log sessions from the last ${RECENT_DAYS} days.`, { performedOn: [`Pick a date from ${isoDay(window.first)} to today.`] });
  }
  // A patient can only log an exercise their care team has cleared for them.
  const { plan } = await loadClearedPrescriptions(patientId);
  const exercise = [...plan.home, ...plan.withTherapist].find((item) => item.exerciseId === data.exerciseId);
  if (!exercise) throw new AppError('INVALID_INPUT', 'Choose one of your exercises.', { exerciseId: ['Choose one of your exercises.'] });
  return db.$transaction(async (tx) => {
    const session = await tx.sessionLog.create({
      data: { patientId, exerciseId: exercise.exerciseId, exerciseName: exercise.exerciseName, performedOn: data.performedOn, completed: data.completed, setsCompleted: data.setsCompleted, pain: data.pain, note: data.note },
      select: { id: true, exerciseName: true, performedOn: true, completed: true, setsCompleted: true, pain: true },
    });
    await recordAudit(tx, actorDid(actor, 'session.log', { type: 'SessionLog', id: session.id, patientId }, { after: session }));
    return { sessionId: session.id, exerciseName: session.exerciseName };
  });
}
