import 'server-only';
import { addDays, toDateOnly } from '@/lib/domain/phase-gate';
import { logSessionSchema } from '@/lib/schemas/plan';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound, parseInput } from '../errors';
import { loadClearedPrescriptions } from './load-cleared-prescriptions';

export const LOG_WINDOW_DAYS = 7;

/** The patient records one exercise session: done or not, sets, pain from 0 to 10, a note. */
export async function logSession({ actor, input, today = new Date() }: { actor: Actor; input: unknown; today?: Date }) {
  requirePermission(actor, 'session.log');
  const patientId = actor.patientId;
  if (!patientId) throw notFound('Your plan');
  const data = parseInput(logSessionSchema, input);
  const latest = toDateOnly(today);
  if (data.performedOn > latest) throw new AppError('INVALID_INPUT', 'The date cannot be in the future.', { performedOn: ['The date cannot be in the future.'] });
  if (data.performedOn < addDays(latest, -(LOG_WINDOW_DAYS - 1))) {
    throw new AppError('INVALID_INPUT', `You can log sessions from the last ${LOG_WINDOW_DAYS} days.`, { performedOn: ['Pick a date in the last week.'] });
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
    await recordAudit(tx, { actorId: actor.userId, clinicId: actor.clinicId, action: 'session.log', entityType: 'SessionLog', entityId: session.id, patientId, outcome: 'SUCCESS', ip: actor.ip, after: session });
    return { sessionId: session.id, exerciseName: session.exerciseName };
  });
}
