import 'server-only';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseId } from '../parse-input';
import { exerciseSelect, type ExerciseDto } from './exercise-select';

/**
 * Retires an exercise (or brings it back). A retired exercise cannot be added to new plans, but stays on
 * every plan that already has it: nothing is deleted.
 */
export async function setExerciseRetired({ actor, exerciseId: rawExerciseId, isRetired }: { actor: Actor; exerciseId: unknown; isRetired: boolean }): Promise<ExerciseDto> {
  requirePermission(actor, 'catalog.write', 'FORBIDDEN');
  const exerciseId = parseId(rawExerciseId, 'That exercise');
  if (typeof isRetired !== 'boolean') throw new AppError('INVALID_INPUT', 'Choose whether to retire the exercise or bring it back.');
  return db.$transaction(async (tx) => {
    const before = await tx.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: exerciseSelect });
    if (!before) throw notFound('That exercise');
    const after = await tx.exercise.update({
      where: { id: exerciseId },
      data: { retiredAt: isRetired ? (before.retiredAt ?? new Date()) : null },
      select: exerciseSelect,
    });
    await recordAudit(tx, actorDid(actor, isRetired ? 'exercise.retire' : 'exercise.restore', { type: 'Exercise', id: exerciseId }, { before: { retiredAt: before.retiredAt }, after: { retiredAt: after.retiredAt } }));
    return after;
  });
}
