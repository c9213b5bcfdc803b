import 'server-only';
import { featuredMediaSchema } from '@/lib/schemas/media';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseInput } from '../parse-input';

/** Chooses the photo or video patients see first for an exercise, or none (the drawing). */
export async function setFeaturedMedia({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'media.upload', 'FORBIDDEN');
  const { exerciseId, mediaId } = parseInput(featuredMediaSchema, input);
  return db.$transaction(async (tx) => {
    const exercise = await tx.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: { id: true, featuredMediaId: true } });
    if (!exercise) throw notFound('That exercise');
    if (mediaId) {
      const media = await tx.exerciseMedia.findFirst({ where: { id: mediaId, exerciseId, clinicId: actor.clinicId, removedAt: null }, select: { id: true } });
      if (!media) throw notFound('That file');
    }
    await tx.exercise.update({ where: { id: exerciseId }, data: { featuredMediaId: mediaId ?? null } });
    await recordAudit(tx, actorDid(actor, 'media.feature', { type: 'Exercise', id: exerciseId }, { before: { featuredMediaId: exercise.featuredMediaId }, after: { featuredMediaId: mediaId ?? null } }));
    return { exerciseId, featuredMediaId: mediaId ?? null };
  });
}
