import 'server-only';
import type { ByteRange } from '@/lib/domain/media';

/**
 * Where a clinic's photos and videos live. PostgreSQL by default (the embedded database too); a deployment
 * points it at an S3-compatible object store with MEDIA_STORE=s3 (README, "The clinic's own media").
 * Nothing else in the app knows which: rows in ExerciseMedia name an object by its key.
 */
export type MediaStore = {
  /** Writes a new object from its chunks, as they arrive; returns its size in bytes. */
  put(key: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<number>;
  /** The bytes from `range.start` to `range.end` (both included) of an object. */
  read(key: string, range: ByteRange): AsyncIterable<Uint8Array>;
  /** Removes an object; removing one that is not there is not an error. */
  remove(key: string): Promise<void>;
};
