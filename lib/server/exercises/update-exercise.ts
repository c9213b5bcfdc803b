import 'server-only';
import { exerciseInputSchema } from '@/lib/schemas/exercise';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { conflictOnUnique, notFound } from '../errors';
import { parseId, parseInput } from '../parse-input';
import { assertNameFree } from './assert-name-free';
import { exerciseSelect, type ExerciseDto } from './exercise-select';

/**
 * Edits a catalog entry. Plans are not affected: each plan item keeps the name and instructions it was
 * prescribed with.
 */
export async function updateExercise({ actor, exerciseId: rawExerciseId, input }: { actor: Actor; exerciseId: unknown; input: unknown }): Promise<ExerciseDto> {
  requirePermission(actor, 'catalog.write', 'FORBIDDEN');
  const exerciseId = parseId(rawExerciseId, 'That exercise');
  const data = parseInput(exerciseInputSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: exerciseSelect });
    if (!before) throw notFound('That exercise');
    await assertNameFree(tx, actor.clinicId, data.name, exerciseId);
    const after = await tx.exercise.update({ where: { id: exerciseId }, data, select: exerciseSelect });
    await recordAudit(tx, actorDid(actor, 'exercise.update', { type: 'Exercise', id: exerciseId }, { before, after }));
    return after;
  }).catch(conflictOnUnique(`An exercise called "${data.name}" is already in the catalog.`));
}
