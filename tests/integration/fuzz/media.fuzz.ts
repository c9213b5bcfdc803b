// The clinic's photos and videos: the upload route (app/api/exercises/[exerciseId]/media/route.ts: readUpload
// on the request, then storeExerciseMedia with the route param, the description field and the file), the
// media route (app/api/media/[mediaId]/route.ts: readExerciseMedia with the route param and the Range header),
// and the catalog page's forms (app/(clinic)/catalog/actions.ts: setFeaturedMedia and removeExerciseMedia,
// each with formFields(form)).
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_MEDIA, MEDIA_LIMITS } from '@/lib/domain/media';
import { can } from '@/lib/domain/permissions';
import type { Actor } from '@/lib/server/authz/actor';
import { db } from '@/lib/server/db';
import type { AppError } from '@/lib/server/errors';
import { readExerciseMedia } from '@/lib/server/media/read-exercise-media';
import { readUpload } from '@/lib/server/media/read-upload';
import { removeExerciseMedia } from '@/lib/server/media/remove-exercise-media';
import { setFeaturedMedia } from '@/lib/server/media/set-featured-media';
import { storeExerciseMedia } from '@/lib/server/media/store-exercise-media';
import { loadClearedPrescriptions } from '@/lib/server/portal/load-cleared-prescriptions';
import { auditCursor, auditRowsSince } from '../support/audit';
import { hostileInput, idParameter, mostly, nastyString, typedText } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import { idOrNull, MISSING_ID, type FuzzWorld } from './support/fuzz-world';

const UPLOAD_CODES = ['INVALID_INPUT', 'NOT_FOUND', 'TOO_LARGE'] as const;

// ---------------------------------------------------------------------------------------------------
// Files, made once and labelled in a counterexample.

/** The first bytes of an MP4 (an ftyp box), then noise: what file-type recognises as a video. */
function fakeMp4(size: number): Buffer {
  const head = Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00, 0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32]);
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

/** A photo with a camera and a GPS position in its metadata, as a phone writes it. */
function phonePhoto(format: 'jpeg' | 'png' | 'webp', { width = 96, height = 64, alpha = false } = {}): Promise<Buffer> {
  return sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 200, g: 90, b: 40, alpha: 0.5 } } })
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Camera 9000' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toFormat(format)
    .toBuffer();
}

type Sample = { label: string; bytes: Buffer; kind: 'IMAGE' | 'VIDEO' | null };

let samples: Promise<Sample[]> | null = null;

/** Files a clinician may pick, and files that only pretend: each with what it really is (null: refused). */
function fileSamples(): Promise<Sample[]> {
  samples ??= (async () => {
    const jpeg = await phonePhoto('jpeg');
    return [
      { label: 'a phone JPEG', bytes: jpeg, kind: 'IMAGE' as const },
      { label: 'a PNG with transparency', bytes: await phonePhoto('png', { alpha: true }), kind: 'IMAGE' as const },
      { label: 'a WebP', bytes: await phonePhoto('webp'), kind: 'IMAGE' as const },
      { label: 'a JPEG wider than stored photos', bytes: await phonePhoto('jpeg', { width: 2000, height: 20 }), kind: 'IMAGE' as const },
      { label: 'a JPEG with a zip appended', bytes: Buffer.concat([jpeg, Buffer.from('PK\u0003\u0004hidden-payload-hidden-payload')]), kind: 'IMAGE' as const },
      { label: 'a short MP4', bytes: fakeMp4(9_000), kind: 'VIDEO' as const },
      { label: 'an MP4 of two storage chunks', bytes: fakeMp4(1024 * 1024 + 4321), kind: 'VIDEO' as const },
      { label: 'a text file', bytes: Buffer.from('just some text pretending to be a photo\n'.repeat(40)), kind: null },
      { label: 'a PDF', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]), kind: null },
      { label: 'an SVG with a script', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), kind: null },
      { label: 'an HTML page', bytes: Buffer.from('<!doctype html><html><body><img src=x onerror=alert(1)></body></html>'), kind: null },
      { label: 'a GIF', bytes: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'), kind: null },
      { label: 'an empty file', bytes: Buffer.alloc(0), kind: null },
      { label: 'a JPEG cut after 200 bytes', bytes: jpeg.subarray(0, 200), kind: null },
      { label: 'random bytes', bytes: randomBytes(5000), kind: null },
    ];
  })();
  return samples;
}

/** A photo past the size limit (made once, when first used). */
let oversized: Buffer | null = null;
const oversizedPhoto = async () => (oversized ??= Buffer.concat([await phonePhoto('png'), randomBytes(MEDIA_LIMITS.imageBytes)]));

/** A file as the upload route hands it over: chunks of the given size, as the request body streams in. */
async function* chunksOf(bytes: Buffer, size: number) {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function collect(body: AsyncIterable<Uint8Array> | null): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  if (body) for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

/** The stored bytes of a photo or video, read from the store as the media route reads them (whole). */
async function storedBytes(mediaId: string, reader: Actor): Promise<Buffer> {
  return collect((await readExerciseMedia({ actor: reader, mediaId, rangeHeader: null })).body);
}

/** A photo the fuzz world's clinic keeps for an exercise (uploaded by `actor` through the data layer: set-up). */
async function photoOf(actor: Actor, exerciseId: string, bytes?: Buffer): Promise<string> {
  const media = await storeExerciseMedia({ actor, exerciseId, description: 'Fuzz set-up photo', file: chunksOf(bytes ?? (await phonePhoto('jpeg')), 64 * 1024) });
  return media.id;
}

/** What one accepted upload must have stored: the kind it really is, a photo re-encoded without its metadata, a video as it came. */
async function expectStoredUpload(media: { id: string }, actor: Actor, exerciseId: string, descriptions: readonly string[], sent: Buffer, cursor: bigint) {
  const row = await db.exerciseMedia.findUniqueOrThrow({
    where: { id: media.id },
    select: { clinicId: true, exerciseId: true, kind: true, contentType: true, byteSize: true, width: true, height: true, description: true, sha256: true, createdById: true, removedAt: true, storageKey: true },
  });
  expect(row).toMatchObject({ clinicId: actor.clinicId, exerciseId, createdById: actor.userId, removedAt: null });
  expect(descriptions, 'the description sent, trimmed').toContain(row.description);
  expect(row.storageKey.startsWith(`exercise-media/${actor.clinicId}/`)).toBe(true);
  const stored = await storedBytes(media.id, actor);
  expect(stored.length).toBe(row.byteSize);
  expect(sha256(stored)).toBe(row.sha256);
  expect(ACCEPTED_MEDIA[row.contentType]?.kind).toBe(row.kind);
  if (row.kind === 'VIDEO') {
    expect(stored.equals(sent), 'a video is kept as it came').toBe(true);
  } else {
    const meta = await sharp(stored).metadata();
    expect(meta.exif, 'no metadata survives').toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneCo')) || stored.includes(Buffer.from('hidden-payload')), 'nothing of the original file but its picture').toBe(false);
    expect(row.width).toBe(meta.width);
    expect(row.height).toBe(meta.height);
    expect(meta.width ?? 0).toBeLessThanOrEqual(MEDIA_LIMITS.storedImageWidth);
  }
  const audited = await auditRowsSince(cursor, { action: 'media.upload', entityId: media.id });
  expect(audited.map((entry) => [entry.actorId, entry.outcome])).toEqual([[actor.userId, 'SUCCESS']]);
}

/** Whether an exercise is of the actor's clinic (an id that names none is not). */
async function isOwnExercise(actor: Actor, exerciseId: unknown): Promise<boolean> {
  const id = idOrNull(exerciseId);
  if (id !== exerciseId || !id) return false;
  return (await db.exercise.count({ where: { id, clinicId: actor.clinicId } })) === 1;
}

// ---------------------------------------------------------------------------------------------------
// Multipart bodies as a browser, a script or a broken connection sends them to the upload route.

const BOUNDARY = 'FuzzBoundary7MA4YWxkTrZu0gW';

type Part = { name: string; value: string } | { name: string; filename: string; type: string; bytes: Buffer };

function multipart(parts: Part[], { close = true }: { close?: boolean } = {}): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const disposition = 'filename' in part ? `form-data; name="${part.name}"; filename="${part.filename}"` : `form-data; name="${part.name}"`;
    pieces.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${'filename' in part ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    pieces.push('filename' in part ? part.bytes : Buffer.from(part.value));
    pieces.push(Buffer.from('\r\n'));
  }
  if (close) pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(pieces);
}

/** The upload route's body, without the session check (the actor is given): readUpload, then the data layer. */
async function uploadAsTheRouteDoes(actor: Actor, exerciseId: unknown, request: Request) {
  const upload = await readUpload(request);
  try {
    return await storeExerciseMedia({ actor, exerciseId, description: upload.fields.description ?? '', file: upload.file });
  } finally {
    upload.discard();
  }
}

/** A request body that arrives in pieces, as a slow or dropped connection delivers it. */
function streamOf(bytes: Buffer, pieceSize: number, { failAfter }: { failAfter?: number } = {}): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAfter !== undefined && offset >= failAfter) {
        controller.error(new Error('the connection was reset'));
        return;
      }
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + pieceSize)));
      offset += pieceSize;
    },
  });
}

export function describeMediaFuzz(getWorld: () => FuzzWorld) {
  describe('media', () => {
    it('storeExerciseMedia: any file, description and exercise is refused cleanly with nothing kept, or stored for what it really is, in the actor’s own clinic', async () => {
      const { a, b, scope } = getWorld();
      const files = await fileSamples();
      const fileChoice = fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom(...files) },
        { weight: 1, arbitrary: fc.constant(deferred('a photo 10 MB past the limit', async () => ({ label: 'too large', bytes: await oversizedPhoto(), kind: null }))) },
        { weight: 2, arbitrary: fc.constant(null) },
      );
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.therapist': a.world.actors.therapist, 'a.admin': a.world.actors.admin },
          { 'a.surgeon': a.world.actors.surgeon, 'a.treated patient': a.treated.actor, 'b.therapist': b.world.actors.therapist },
        ),
        exerciseId: idParameter(
          { 'a.fuzz exercise 1': a.fuzzExerciseIds[0], 'a.retired exercise': a.retiredExerciseId },
          { 'b.fuzz exercise': b.fuzzExerciseIds[0], 'missing id': MISSING_ID, 'a.treated patient id (not an exercise)': a.treated.patientId },
        ),
        // The form's field as busboy hands it over: any string a browser or script can send, or none.
        description: fc.oneof({ weight: 6, arbitrary: typedText({ maxLength: 300 }) }, { weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: fc.constantFrom(undefined, 'x'.repeat(301)) }),
        file: fileChoice,
        // The route streams the file as it comes: one byte at a time, a few, or 64 KB.
        chunkSize: fc.constantFrom(1, 7, 4096, 65_536),
      });
      await fuzz('storeExerciseMedia', scope, 150, arbitrary, async (generated) => {
        const { actor, exerciseId, description, file, chunkSize } = (await materialize(generated, scope)) as { actor: Actor; exerciseId: unknown; description: unknown; file: Sample | null; chunkSize: number };
        // One byte at a time only for small files: a megabyte read a byte at a time proves nothing more.
        const size = file && file.bytes.length > 20_000 ? Math.max(chunkSize, 65_536) : chunkSize;
        const mayUpload = can(actor, 'media.upload') && (await isOwnExercise(actor, exerciseId));
        const cursor = await auditCursor();
        const outcome = await probe('storeExerciseMedia', scope, () => storeExerciseMedia({ actor, exerciseId, description: description ?? '', file: file ? chunksOf(file.bytes, size) : null }), { allowed: UPLOAD_CODES });
        if (!outcome.ok) {
          if (mayUpload) expect((outcome.error as AppError).code, 'an exercise the actor may add to is never "not found"').not.toBe('NOT_FOUND');
          return;
        }
        expect(mayUpload, 'kept only for the clinic’s therapists and admin, on their own clinic’s exercise').toBe(true);
        expect(file?.kind, `${file?.label ?? 'no file'} is kept as what it is`).toBe(outcome.value.kind);
        await expectStoredUpload(outcome.value, actor, String(exerciseId), [typeof description === 'string' ? description.trim() : ''], file?.bytes ?? Buffer.alloc(0), cursor);
      });
    });

    it('the upload route’s body (readUpload): a form in any order or shape, a cut-off or reset connection, a wrong or missing content type, an announced size past the limit: refused cleanly with nothing kept, or the file stored with the description sent before it', async () => {
      const { a, scope } = getWorld();
      const files = await fileSamples();
      const jpeg = files[0]!;
      const exerciseId = a.fuzzExerciseIds[1]!;
      const shape = fc.constantFrom(
        'description, then file',
        'file, then description',
        'file only',
        'description only',
        'two files',
        'many fields before the file',
        'cut off inside the file',
        'cut off before the file',
        'reset inside the file',
        'no content type',
        'not multipart',
        'no boundary',
        'another boundary',
        'an announced size past the limit',
        'empty body',
      );
      const arbitrary = fc.record({
        actor: mostly({ 'a.therapist': a.world.actors.therapist }, { 'a.surgeon': a.world.actors.surgeon, 'a.treated patient': a.treated.actor }),
        shape,
        file: fc.constantFrom(...files),
        description: fc.oneof(typedText({ maxLength: 300 }), nastyString),
        pieceSize: fc.constantFrom(1, 13, 1024, 65_536),
      });
      await fuzz('readUpload + storeExerciseMedia', scope, 150, arbitrary, async (generated) => {
        const { actor, shape: kind, file, description, pieceSize } = (await materialize(generated, scope)) as { actor: Actor; shape: string; file: Sample; description: unknown; pieceSize: number };
        // What arrives of it: the body carries it as UTF-8 (a lone surrogate becomes U+FFFD on the way).
        const text = Buffer.from(typeof description === 'string' ? description : String(description)).toString('utf8');
        const filePart = (bytes = file.bytes): Part => ({ name: 'file', filename: 'upload.bin', type: 'image/jpeg', bytes });
        const descriptionPart = { name: 'description', value: text };
        let body: Buffer;
        let contentType: string | null = `multipart/form-data; boundary=${BOUNDARY}`;
        const headers: Record<string, string> = {};
        let failAfter: number | undefined;
        // The descriptions the route may hand on: the field read before the file arrived (the form sends it first).
        // One sent after the file is read only if it came in the same piece of the body as the file's start.
        let descriptionSent: string[] = [''];
        switch (kind) {
          case 'description, then file':
            body = multipart([descriptionPart, filePart()]);
            descriptionSent = [text.trim()];
            break;
          case 'file, then description':
            body = multipart([filePart(), descriptionPart]);
            descriptionSent = ['', text.trim()];
            break;
          case 'file only':
            body = multipart([filePart()]);
            break;
          case 'description only':
            body = multipart([descriptionPart]);
            break;
          case 'two files':
            body = multipart([descriptionPart, filePart(), filePart(jpeg.bytes)]);
            descriptionSent = [text.trim()];
            break;
          case 'many fields before the file':
            body = multipart([...Array.from({ length: 8 }, (_, index) => ({ name: `extra${index}`, value: 'x' })), filePart()]);
            break;
          case 'cut off inside the file': {
            const whole = multipart([descriptionPart, filePart(Buffer.concat([file.bytes, randomBytes(64)]))], { close: false });
            body = whole.subarray(0, whole.length - 32);
            descriptionSent = [text.trim()];
            break;
          }
          case 'cut off before the file':
            body = Buffer.concat([multipart([descriptionPart], { close: false }), Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="fi`)]);
            break;
          case 'reset inside the file': {
            body = multipart([descriptionPart, filePart(Buffer.concat([file.bytes, randomBytes(4096)]))]);
            failAfter = Math.max(1, body.length - 2048);
            descriptionSent = [text.trim()];
            break;
          }
          case 'no content type':
            body = multipart([descriptionPart, filePart()]);
            contentType = null;
            break;
          case 'not multipart':
            body = file.bytes;
            contentType = 'image/jpeg';
            break;
          case 'no boundary':
            body = multipart([descriptionPart, filePart()]);
            contentType = 'multipart/form-data';
            break;
          case 'another boundary':
            body = multipart([descriptionPart, filePart()]);
            contentType = 'multipart/form-data; boundary=SomethingElse';
            break;
          case 'an announced size past the limit':
            body = multipart([descriptionPart, filePart()]);
            headers['content-length'] = String(MEDIA_LIMITS.videoBytes * 2);
            break;
          case 'empty body':
            body = Buffer.alloc(0);
            break;
          default:
            throw new Error(`unknown shape ${kind}`);
        }
        if (contentType) headers['content-type'] = contentType;
        const request = new Request(`http://localhost/api/exercises/${exerciseId}/media`, { method: 'POST', headers, body: streamOf(body, pieceSize, { failAfter }), duplex: 'half' } as RequestInit);
        const mayUpload = can(actor, 'media.upload');
        const cursor = await auditCursor();
        const outcome = await probe('readUpload + storeExerciseMedia', scope, () => uploadAsTheRouteDoes(actor, exerciseId, request), { allowed: UPLOAD_CODES });
        if (!outcome.ok) return;
        expect(mayUpload).toBe(true);
        expect(['description, then file', 'file, then description', 'file only', 'two files'], `${kind} is not a complete upload`).toContain(kind);
        expect(file.kind).toBe(outcome.value.kind);
        await expectStoredUpload(outcome.value, actor, exerciseId, descriptionSent, file.bytes, cursor);
      });
    });

    it('setFeaturedMedia: refuses cleanly (FORBIDDEN to everyone without media.upload, whatever they send), and shows first exactly a photo of that very exercise, or the drawing', async () => {
      const { a, b, scope } = getWorld();
      const therapist = a.world.actors.therapist;
      const [exercise, otherExercise] = [a.fuzzExerciseIds[0]!, a.fuzzExerciseIds[2]!];
      const ownPhoto = await photoOf(therapist, exercise);
      const secondPhoto = await photoOf(a.world.actors.admin, exercise);
      const otherExercisePhoto = await photoOf(therapist, otherExercise);
      const removedPhoto = await photoOf(therapist, exercise);
      await removeExerciseMedia({ actor: therapist, input: { mediaId: removedPhoto } });
      const otherClinicPhoto = await photoOf(b.world.actors.therapist, b.fuzzExerciseIds[0]!);
      const valid = fc.record({
        exerciseId: mostly({ 'a.fuzz exercise 1': exercise }, { 'a.fuzz exercise 3': otherExercise, 'b.fuzz exercise': b.fuzzExerciseIds[0], 'missing id': MISSING_ID }),
        mediaId: mostly(
          { 'a photo of a.fuzz exercise 1': ownPhoto, 'another photo of it': secondPhoto, 'none (the drawing)': '' },
          { 'a photo of a.fuzz exercise 3': otherExercisePhoto, 'a removed photo': removedPhoto, 'b’s photo': otherClinicPhoto, 'missing id': MISSING_ID },
        ),
      });
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.therapist': therapist, 'a.admin': a.world.actors.admin },
          { 'a.surgeon': a.world.actors.surgeon, 'a.treated patient': a.treated.actor, 'b.therapist': b.world.actors.therapist },
        ),
        input: hostileInput(valid, ['exerciseId', 'mediaId']),
      });
      await fuzz('setFeaturedMedia', scope, 150, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Record<string, unknown> };
        const cursor = await auditCursor();
        const outcome = await probe('setFeaturedMedia', scope, () => setFeaturedMedia({ actor, input }));
        if (!outcome.ok) {
          expect((outcome.error as AppError).code === 'FORBIDDEN', 'FORBIDDEN exactly when the actor may not manage media').toBe(!can(actor, 'media.upload'));
          return;
        }
        expect(can(actor, 'media.upload')).toBe(true);
        const exerciseId = idOrNull(input.exerciseId) ?? '';
        const mediaId = idOrNull(input.mediaId);
        const stored = await db.exercise.findUniqueOrThrow({ where: { id: exerciseId }, select: { clinicId: true, featuredMediaId: true } });
        expect(stored).toEqual({ clinicId: actor.clinicId, featuredMediaId: mediaId });
        expect(outcome.value).toEqual({ exerciseId, featuredMediaId: mediaId });
        if (mediaId) {
          const media = await db.exerciseMedia.findUniqueOrThrow({ where: { id: mediaId }, select: { exerciseId: true, removedAt: true } });
          expect(media, 'a photo of this exercise, not removed').toEqual({ exerciseId, removedAt: null });
        }
        const audited = await auditRowsSince(cursor, { action: 'media.feature', entityId: exerciseId });
        expect(audited.map((row) => [row.actorId, row.outcome, row.after])).toEqual([[actor.userId, 'SUCCESS', { featuredMediaId: mediaId }]]);
      });
      await setFeaturedMedia({ actor: therapist, input: { exerciseId: exercise, mediaId: '' } });
    });

    it('removeExerciseMedia: refuses cleanly (FORBIDDEN without media.upload), never reaches another clinic’s file, and removes exactly the file named: its bytes gone, its row kept as removed, the drawing shown again', async () => {
      const { a, b, scope } = getWorld();
      const therapist = a.world.actors.therapist;
      const exercise = a.fuzzExerciseIds[2]!;
      const removed = await photoOf(therapist, exercise);
      await removeExerciseMedia({ actor: therapist, input: { mediaId: removed } });
      const otherClinicPhoto = await photoOf(b.world.actors.therapist, b.fuzzExerciseIds[0]!);
      // A new photo, shown first, for each input that names one (set-up: it writes).
      const fresh = deferred('a photo of a.fuzz exercise 3, shown first', async (wrote) => {
        const mediaId = await photoOf(therapist, exercise);
        await setFeaturedMedia({ actor: therapist, input: { exerciseId: exercise, mediaId } });
        wrote();
        return mediaId;
      });
      const valid = fc.record({ mediaId: mostly({ 'a fresh photo': fresh }, { 'a removed photo': removed, 'b’s photo': otherClinicPhoto, 'missing id': MISSING_ID }) });
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.therapist': therapist, 'a.admin': a.world.actors.admin },
          { 'a.surgeon': a.world.actors.surgeon, 'a.treated patient': a.treated.actor, 'b.therapist': b.world.actors.therapist, 'b.admin': b.world.actors.admin },
        ),
        input: hostileInput(valid, ['mediaId']),
      });
      await fuzz('removeExerciseMedia', scope, 80, arbitrary, async (generated) => {
        const { actor, input } = (await materialize(generated, scope)) as { actor: Actor; input: Record<string, unknown> };
        const cursor = await auditCursor();
        const outcome = await probe('removeExerciseMedia', scope, () => removeExerciseMedia({ actor, input }));
        if (!outcome.ok) {
          expect((outcome.error as AppError).code === 'FORBIDDEN', 'FORBIDDEN exactly when the actor may not manage media').toBe(!can(actor, 'media.upload'));
          return;
        }
        const mediaId = idOrNull(input.mediaId) ?? '';
        const media = await db.exerciseMedia.findUniqueOrThrow({ where: { id: mediaId }, select: { clinicId: true, exerciseId: true, removedAt: true, storageKey: true } });
        expect(media.clinicId).toBe(actor.clinicId);
        expect(media.removedAt).not.toBeNull();
        expect(outcome.value).toEqual({ exerciseId: media.exerciseId });
        expect(await db.mediaChunk.count({ where: { storageKey: media.storageKey } }), 'its bytes are gone').toBe(0);
        expect((await db.exercise.findUniqueOrThrow({ where: { id: media.exerciseId }, select: { featuredMediaId: true } })).featuredMediaId).not.toBe(mediaId);
        await expect(readExerciseMedia({ actor, mediaId, rangeHeader: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        const audited = await auditRowsSince(cursor, { action: 'media.remove', entityId: mediaId });
        expect(audited.map((row) => [row.actorId, row.outcome])).toEqual([[actor.userId, 'SUCCESS']]);
      });
    });

    it('readExerciseMedia: any file id and Range header answer the clinic’s staff and a patient cleared for the exercise with exactly the bytes asked for, and everyone else not found', async () => {
      const { a, b, scope } = getWorld();
      const therapist = a.world.actors.therapist;
      const exerciseIds = a.world.exerciseIds;
      // a.treated: Walking signed off at home, Lying march approved with the therapist (cleared); Hamstring stretch waits for the surgeon.
      const walkingPhoto = await photoOf(therapist, exerciseIds.get('Walking')!);
      const lyingMarchVideo = await photoOf(therapist, exerciseIds.get('Lying march')!, fakeMp4(1024 * 1024 + 999));
      const hamstringPhoto = await photoOf(therapist, exerciseIds.get('Hamstring stretch')!);
      const removed = await photoOf(therapist, exerciseIds.get('Walking')!);
      await removeExerciseMedia({ actor: therapist, input: { mediaId: removed } });
      const otherClinicPhoto = await photoOf(b.world.actors.therapist, b.world.exerciseIds.get('Walking')!);
      const ranges = fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        { weight: 4, arbitrary: fc.tuple(fc.nat({ max: 1_100_000 }), fc.nat({ max: 1_100_000 })).map(([from, to]) => `bytes=${from}-${to}`) },
        { weight: 2, arbitrary: fc.nat({ max: 1_100_000 }).map((from) => `bytes=${from}-`) },
        { weight: 2, arbitrary: fc.nat({ max: 1_200_000 }).map((suffix) => `bytes=-${suffix}`) },
        { weight: 2, arbitrary: fc.constantFrom('bytes=0-0', 'bytes=-0', 'bytes=0-', ' bytes=5-9 ', 'bytes=5-9, 20-29', 'bytes=a-b', 'bytes=-', 'bytes=9-5', 'items=0-9', 'bytes=99999999999999999999-', 'bytes=0-99999999999999999999', 'bytes=1e3-2e3', 'bytes=0x10-0x20', '') },
        { weight: 1, arbitrary: nastyString.map((value) => (typeof value === 'string' ? value : 'bytes=0-9')) },
      );
      const arbitrary = fc.record({
        actor: mostly(
          { 'a.therapist': therapist, 'a.surgeon': a.world.actors.surgeon, 'a.treated patient': a.treated.actor },
          { 'a.admin': a.world.actors.admin, 'a.drafting patient (nothing cleared)': a.drafting.actor, 'b.therapist': b.world.actors.therapist, 'b.treated patient': b.treated.actor },
        ),
        mediaId: idParameter(
          { 'a photo of a.Walking': walkingPhoto, 'a video of a.Lying march': lyingMarchVideo, 'a photo of a.Hamstring stretch': hamstringPhoto },
          { 'a removed photo': removed, 'b’s photo': otherClinicPhoto, 'missing id': MISSING_ID },
        ),
        rangeHeader: ranges,
      });
      await fuzz('readExerciseMedia', scope, 200, arbitrary, async (generated) => {
        const { actor, mediaId, rangeHeader } = (await materialize(generated, scope)) as { actor: Actor; mediaId: unknown; rangeHeader: string | null };
        const id = typeof mediaId === 'string' && /^[a-z0-9]{1,64}$/i.test(mediaId) ? mediaId : null;
        const media = id ? await db.exerciseMedia.findUnique({ where: { id }, select: { clinicId: true, exerciseId: true, removedAt: true, byteSize: true, sha256: true, contentType: true } }) : null;
        let maySee = media !== null && media.removedAt === null && media.clinicId === actor.clinicId;
        if (maySee && actor.role === 'PATIENT') {
          const { plan } = await loadClearedPrescriptions(actor.patientId ?? '');
          maySee = [...plan.home, ...plan.withTherapist].some((item) => item.exerciseId === media?.exerciseId);
        }
        const outcome = await probe('readExerciseMedia', scope, () => readExerciseMedia({ actor, mediaId, rangeHeader }), { allowed: ['NOT_FOUND'], isReadOnly: true });
        expect(outcome.ok, 'answered exactly to the clinic’s staff and a patient cleared for the exercise').toBe(maySee);
        if (!outcome.ok || !media || !id) return;
        const answer = outcome.value;
        expect({ contentType: answer.contentType, size: answer.size, sha256: answer.sha256 }).toEqual({ contentType: media.contentType, size: media.byteSize, sha256: media.sha256 });
        const whole = await storedBytes(id, actor);
        const expected = expectedRange(rangeHeader, media.byteSize);
        expect(answer.range).toEqual(expected);
        const body = await collect(answer.body);
        if (expected === 'UNSATISFIABLE') expect(answer.body).toBeNull();
        else if (expected === null) expect(body.equals(whole)).toBe(true);
        else expect(body.equals(whole.subarray(expected.start, expected.end + 1)), `bytes ${expected.start}-${expected.end}`).toBe(true);
      });
    });
  });
}

/**
 * The one range a Range header asks for (RFC 9110, a single "bytes" range): written out here from the RFC, not
 * from lib/domain/media.ts. Anything else is answered with the whole file (null); a range past the end with 416.
 */
function expectedRange(header: string | null, size: number): { start: number; end: number } | null | 'UNSATISFIABLE' {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '') {
    if (last === '') return null;
    const suffix = Number(last);
    return suffix === 0 ? 'UNSATISFIABLE' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'UNSATISFIABLE';
  const end = last === '' ? size - 1 : Number(last);
  if (end < start) return null;
  return { start, end: Math.min(end, size - 1) };
}
