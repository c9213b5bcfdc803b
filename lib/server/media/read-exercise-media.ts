import 'server-only';
import { byteRangeOf, type ByteRange } from '@/lib/domain/media';
import type { Actor } from '../authz/actor';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId } from '../parse-input';
import { loadClearedPrescriptions } from '../portal/load-cleared-prescriptions';
import { currentMediaStore } from './current-media-store';

export type MediaAnswer = {
  contentType: string;
  size: number;
  sha256: string;
  /** The part asked for with a Range header (206), null for the whole file (200), or a range past its end (416). */
  range: ByteRange | null | 'UNSATISFIABLE';
  body: AsyncIterable<Uint8Array> | null;
};

/**
 * A photo or video, for the clinic's own staff, and for a patient whose cleared plan holds its exercise.
 * Anyone else, and anything removed, is "not found". Not audited as a patient read: it is catalog
 * content, not a patient's record.
 */
export async function readExerciseMedia({ actor, mediaId: rawMediaId, rangeHeader }: { actor: Actor; mediaId: unknown; rangeHeader: string | null }): Promise<MediaAnswer> {
  const mediaId = parseId(rawMediaId, 'That file');
  const media = await db.exerciseMedia.findFirst({
    where: { id: mediaId, clinicId: actor.clinicId, removedAt: null },
    select: { exerciseId: true, contentType: true, byteSize: true, sha256: true, storageKey: true },
  });
  if (!media) throw notFound('That file');
  if (actor.role === 'PATIENT') {
    // A patient sees only what their care team has cleared for them, media included.
    if (!actor.patientId) throw notFound('That file');
    const { plan } = await loadClearedPrescriptions(actor.patientId);
    if (![...plan.home, ...plan.withTherapist].some((item) => item.exerciseId === media.exerciseId)) throw notFound('That file');
  }
  const range = byteRangeOf(rangeHeader, media.byteSize);
  if (range === 'UNSATISFIABLE') return { contentType: media.contentType, size: media.byteSize, sha256: media.sha256, range, body: null };
  const whole = { start: 0, end: media.byteSize - 1 };
  return {
    contentType: media.contentType,
    size: media.byteSize,
    sha256: media.sha256,
    range,
    body: currentMediaStore().read(media.storageKey, range ?? whole),
  };
}
