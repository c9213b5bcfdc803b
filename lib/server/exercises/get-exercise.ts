import 'server-only';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId } from '../parse-input';
import { exerciseSelect, type ExerciseDto } from './exercise-select';

export async function getExercise({ actor, exerciseId: rawExerciseId }: { actor: Actor; exerciseId: unknown }): Promise<ExerciseDto> {
  requirePermission(actor, 'catalog.read');
  const exerciseId = parseId(rawExerciseId, 'That exercise');
  const exercise = await db.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: exerciseSelect });
  if (!exercise) throw notFound('That exercise');
  return exercise;
}
