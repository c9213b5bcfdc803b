import 'server-only';
import type { Actor } from '../auth/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound, parseId } from '../errors';
import { exerciseSelect, type ExerciseDto } from './exercise-select';

export async function getExercise({ actor, exerciseId }: { actor: Actor; exerciseId: string }): Promise<ExerciseDto> {
  requirePermission(actor, 'catalog.read');
  parseId(exerciseId, 'That exercise');
  const exercise = await db.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: exerciseSelect });
  if (!exercise) throw notFound('That exercise');
  return exercise;
}
