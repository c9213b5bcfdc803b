import 'server-only';
import { exerciseInputSchema } from '@/lib/schemas/exercise';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { conflictOnUnique } from '../errors';
import { parseInput } from '../parse-input';
import { exerciseSelect, type ExerciseDto } from './exercise-select';
import { assertNameFree } from './assert-name-free';

export async function createExercise({ actor, input }: { actor: Actor; input: unknown }): Promise<ExerciseDto> {
  requirePermission(actor, 'catalog.write', 'FORBIDDEN');
  const data = parseInput(exerciseInputSchema, input);
  return db.$transaction(async (tx) => {
    await assertNameFree(tx, actor.clinicId, data.name);
    const exercise = await tx.exercise.create({ data: { ...data, clinicId: actor.clinicId }, select: exerciseSelect });
    await recordAudit(tx, actorDid(actor, 'exercise.create', { type: 'Exercise', id: exercise.id }, { after: exercise }));
    return exercise;
  }).catch(conflictOnUnique(`An exercise called "${data.name}" is already in the catalog.`));
}
