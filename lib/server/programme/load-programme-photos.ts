import 'server-only';
import { db } from '../db';
import { currentMediaStore } from '../media/current-media-store';
import type { Programme } from './get-programme';
import type { ProgrammePhoto } from './programme-document';

/**
 * The clinic's chosen photos of the programme's home exercises, as the PDF embeds them. Internal: the
 * programme was already scoped to the actor (getProgramme). Videos print as the drawing.
 */
export async function loadProgrammePhotos(programme: Programme): Promise<Map<string, ProgrammePhoto>> {
  const ids = programme.view.home.flatMap((exercise) => (exercise.media?.kind === 'IMAGE' ? [exercise.media.id] : []));
  if (ids.length === 0) return new Map();
  const rows = await db.exerciseMedia.findMany({ where: { id: { in: ids }, removedAt: null }, select: { id: true, storageKey: true, byteSize: true, contentType: true } });
  const photos = new Map<string, ProgrammePhoto>();
  for (const row of rows) {
    const parts: Uint8Array[] = [];
    for await (const part of currentMediaStore().read(row.storageKey, { start: 0, end: row.byteSize - 1 })) parts.push(part);
    photos.set(row.id, { data: Buffer.concat(parts), format: row.contentType === 'image/png' ? 'png' : 'jpg' });
  }
  return photos;
}
