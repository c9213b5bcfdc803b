import 'server-only';
import type { ByteRange } from '@/lib/domain/media';
import { db } from '../db';
import type { MediaStore } from './media-store';

/** Objects are cut into chunks of this size, so a read or a write never holds more than one at a time. */
export const CHUNK_BYTES = 1024 * 1024;

/** The default store: chunks in the MediaChunk table of the app's own PostgreSQL. */
export const postgresMediaStore: MediaStore = {
  async put(key, chunks) {
    let position = 0;
    let size = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await db.mediaChunk.create({ data: { storageKey: key, position, bytes: Buffer.concat(pending, pendingBytes) } });
      position += 1;
      pending = [];
      pendingBytes = 0;
    };
    try {
      for await (const chunk of chunks) {
        let offset = 0;
        while (offset < chunk.length) {
          const take = Math.min(CHUNK_BYTES - pendingBytes, chunk.length - offset);
          pending.push(chunk.subarray(offset, offset + take));
          pendingBytes += take;
          size += take;
          offset += take;
          if (pendingBytes === CHUNK_BYTES) await flush();
        }
      }
      await flush();
      return size;
    } catch (error) {
      // A half-written object is never left behind.
      await db.mediaChunk.deleteMany({ where: { storageKey: key } });
      throw error;
    }
  },

  async *read(key, range: ByteRange) {
    const first = Math.floor(range.start / CHUNK_BYTES);
    const last = Math.floor(range.end / CHUNK_BYTES);
    for (let position = first; position <= last; position += 1) {
      const chunk = await db.mediaChunk.findUnique({ where: { storageKey_position: { storageKey: key, position } }, select: { bytes: true } });
      if (!chunk) throw new Error(`media chunk ${position} of ${key} is missing`);
      const base = position * CHUNK_BYTES;
      const from = Math.max(range.start - base, 0);
      const to = Math.min(range.end - base, chunk.bytes.length - 1);
      yield Buffer.from(chunk.bytes).subarray(from, to + 1);
    }
  },

  async remove(key) {
    await db.mediaChunk.deleteMany({ where: { storageKey: key } });
  },
};
