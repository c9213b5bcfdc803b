import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { ACCEPTED_MEDIA, MEDIA_LIMITS, MEDIA_TYPE_PROBLEM, maxBytesOf, type MediaKind } from '@/lib/domain/media';
import { mediaDescriptionSchema } from '@/lib/schemas/media';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseId, parseInput } from '../parse-input';
import { currentMediaStore } from './current-media-store';

/** file-type reads at most this much of a file's start to say what it is. */
const HEAD_BYTES = 4100;

function tooLarge(kind: MediaKind): AppError {
  const megabytes = maxBytesOf(kind) / (1024 * 1024);
  return new AppError('TOO_LARGE', `${kind === 'IMAGE' ? 'Photos' : 'Videos'} can be at most ${megabytes} MB. Nothing was saved.`);
}

/** The file's bytes, counted and hashed as they pass, refused as soon as they pass the kind's limit. */
async function* limited(head: Uint8Array, rest: AsyncIterator<Uint8Array>, kind: MediaKind, digest: { hash: ReturnType<typeof createHash>; bytes: number }) {
  const limit = maxBytesOf(kind);
  const pass = (chunk: Uint8Array) => {
    digest.bytes += chunk.length;
    if (digest.bytes > limit) throw tooLarge(kind);
    digest.hash.update(chunk);
    return chunk;
  };
  if (head.length > 0) yield pass(head);
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield pass(next.value);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * Re-encodes a photo: decoded within a pixel limit (a file declaring huge dimensions is refused before it is
 * decoded), turned upright, at most MEDIA_LIMITS.storedImageWidth wide, written anew, so nothing of the
 * original file but its picture survives: no GPS position, camera or other metadata, no hidden payload.
 */
async function reencode(bytes: Buffer): Promise<{ bytes: Buffer; contentType: string; width: number; height: number }> {
  try {
    const image = sharp(bytes, { limitInputPixels: MEDIA_LIMITS.imagePixels, failOn: 'error' });
    const meta = await image.metadata();
    const hasAlpha = meta.hasAlpha === true;
    const pipeline = image.rotate().resize({ width: MEDIA_LIMITS.storedImageWidth, withoutEnlargement: true });
    const output = await (hasAlpha ? pipeline.png() : pipeline.jpeg({ quality: 82, mozjpeg: true })).toBuffer({ resolveWithObject: true });
    return { bytes: output.data, contentType: hasAlpha ? 'image/png' : 'image/jpeg', width: output.info.width, height: output.info.height };
  } catch {
    throw new AppError('INVALID_INPUT', 'That photo could not be read. It may be damaged, or too large in pixels. Nothing was saved.');
  }
}

/**
 * Adds a clinic's own photo or video to one of its exercises. The file is recognised from its first bytes
 * (not its name or declared type), limited while it streams in, and photos are re-encoded without metadata.
 * Staff of the exercise's clinic with `media.upload` only; anything else is "not found" and nothing is kept.
 */
export async function storeExerciseMedia({ actor, exerciseId: rawExerciseId, description: rawDescription, file }: { actor: Actor; exerciseId: unknown; description: unknown; file: AsyncIterable<Uint8Array> | null }) {
  requirePermission(actor, 'media.upload');
  const exerciseId = parseId(rawExerciseId, 'That exercise');
  const description = parseInput(mediaDescriptionSchema, rawDescription);
  const exercise = await db.exercise.findFirst({ where: { id: exerciseId, clinicId: actor.clinicId }, select: { id: true, name: true } });
  if (!exercise) throw notFound('That exercise');
  if (!file) throw new AppError('INVALID_INPUT', 'Choose a photo or a video to upload. Nothing was saved.');

  const iterator = file[Symbol.asyncIterator]();
  const headParts: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    headParts.push(next.value);
    headBytes += next.value.length;
  }
  const head = Buffer.concat(headParts);
  if (head.length === 0) throw new AppError('INVALID_INPUT', 'That file is empty. Nothing was saved.');
  const detected = await fileTypeFromBuffer(head);
  const accepted = detected ? ACCEPTED_MEDIA[detected.mime] : undefined;
  if (!detected || !accepted) throw new AppError('INVALID_INPUT', MEDIA_TYPE_PROBLEM);

  const store = currentMediaStore();
  const storageKey = `exercise-media/${actor.clinicId}/${randomUUID()}`;
  const digest = { hash: createHash('sha256'), bytes: 0 };
  let stored: { contentType: string; byteSize: number; width: number | null; height: number | null; sha256: string };
  if (accepted.kind === 'IMAGE') {
    const original = await collect(limited(head, iterator, 'IMAGE', digest));
    const image = await reencode(original);
    const byteSize = await store.put(storageKey, [image.bytes]);
    stored = { contentType: image.contentType, byteSize, width: image.width, height: image.height, sha256: createHash('sha256').update(image.bytes).digest('hex') };
  } else {
    const byteSize = await store.put(storageKey, limited(head, iterator, 'VIDEO', digest));
    stored = { contentType: detected.mime, byteSize, width: null, height: null, sha256: digest.hash.digest('hex') };
  }
  try {
    return await db.$transaction(async (tx) => {
      const media = await tx.exerciseMedia.create({
        data: { clinicId: actor.clinicId, exerciseId, kind: accepted.kind, description, storageKey, createdById: actor.userId, ...stored },
        select: { id: true, kind: true, contentType: true, byteSize: true, width: true, height: true, description: true, sha256: true },
      });
      await recordAudit(tx, actorDid(actor, 'media.upload', { type: 'ExerciseMedia', id: media.id }, { after: { ...media, exerciseId } }));
      return media;
    });
  } catch (error) {
    await store.remove(storageKey).catch(() => undefined);
    throw error;
  }
}
