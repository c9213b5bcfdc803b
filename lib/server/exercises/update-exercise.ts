import 'server-only';
import { exerciseInputSchema } from '@/lib/schemas/exercise';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { conflictOnUnique, notFound, parseId, parseInput } from '../errors';
import { assertNameFree } from './assert-name-free';
import { exerciseSelect, type ExerciseDto } from './exercise-select';

/**
 * Edits a catalog entry. Plans are not affected: each plan item keeps the name and instructions it was
 * prescribed with.
 */
export async function updateExercise({ actor, exerciseId, input }: { actor: Actor; exerciseId: string; input: unknown }): Promise<ExerciseDto> {
  requirePermission(actor, 'catalog.write', 'FORBIDDEN');
  parseId(exerciseId, 'That exercise');
  const data = parseInput(exerciseInputSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: exerciseSelect });
    if (!before) throw notFound('That exercise');
    await assertNameFree(tx, actor.clinicId, data.name, exerciseId);
    const after = await tx.exercise.update({ where: { id: exerciseId }, data, select: exerciseSelect });
    await recordAudit(tx, {
      actorId: actor.userId,
      clinicId: actor.clinicId,
      action: 'exercise.update',
      entityType: 'Exercise',
      entityId: exerciseId,
      outcome: 'SUCCESS',
      ip: actor.ip,
      before,
      after,
    });
    return after;
  }).catch(conflictOnUnique(`An exercise called "${data.name}" is already in the catalog.`));
}
