import 'server-only';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId } from '../parse-input';

/** An exercise's photos and videos, newest first, and which one patients see first. The clinic's staff only. */
export async function listExerciseMedia({ actor, exerciseId: rawExerciseId }: { actor: Actor; exerciseId: unknown }) {
  requirePermission(actor, 'catalog.read');
  const exerciseId = parseId(rawExerciseId, 'That exercise');
  const exercise = await db.exercise.findFirst({
    where: { id: exerciseId, clinicId: actor.clinicId },
    select: {
      featuredMediaId: true,
      media: { where: { removedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true, kind: true, contentType: true, byteSize: true, width: true, height: true, description: true, createdAt: true } },
    },
  });
  if (!exercise) throw notFound('That exercise');
  return { featuredMediaId: exercise.featuredMediaId, media: exercise.media };
}
