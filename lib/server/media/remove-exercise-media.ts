import 'server-only';
import { removeMediaSchema } from '@/lib/schemas/media';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseInput } from '../parse-input';
import { currentMediaStore } from './current-media-store';

/**
 * Takes a photo or video off an exercise: patients stop seeing it at once (and the drawing comes back if it
 * was shown first). The row stays, marked removed, for the audit trail; the bytes are deleted.
 */
export async function removeExerciseMedia({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'media.upload', 'FORBIDDEN');
  const { mediaId } = parseInput(removeMediaSchema, input);
  const removed = await db.$transaction(async (tx) => {
    const media = await tx.exerciseMedia.findFirst({ where: { id: mediaId, clinicId: actor.clinicId, removedAt: null }, select: { id: true, exerciseId: true, storageKey: true } });
    if (!media) throw notFound('That file');
    await tx.exerciseMedia.update({ where: { id: mediaId }, data: { removedAt: new Date() } });
    await tx.exercise.updateMany({ where: { id: media.exerciseId, featuredMediaId: mediaId }, data: { featuredMediaId: null } });
    await recordAudit(tx, actorDid(actor, 'media.remove', { type: 'ExerciseMedia', id: mediaId }, { after: { exerciseId: media.exerciseId } }));
    return media;
  });
  await currentMediaStore().remove(removed.storageKey);
  return { exerciseId: removed.exerciseId };
}
