// A clinic's own photos and videos: recognised by content, re-encoded without metadata, limited while they
// stream in, stored in PostgreSQL (or an S3-compatible store), and served only to the clinic's users and to
// patients whose cleared plan holds the exercise.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '@/lib/domain/media';
import { db } from '@/lib/server/db';
import { listExerciseMedia } from '@/lib/server/media/list-exercise-media';
import { CHUNK_BYTES, postgresMediaStore } from '@/lib/server/media/postgres-media-store';
import { readExerciseMedia } from '@/lib/server/media/read-exercise-media';
import { readUpload } from '@/lib/server/media/read-upload';
import { removeExerciseMedia } from '@/lib/server/media/remove-exercise-media';
import { s3MediaStore } from '@/lib/server/media/s3-media-store';
import { setFeaturedMedia } from '@/lib/server/media/set-featured-media';
import { storeExerciseMedia } from '@/lib/server/media/store-exercise-media';
import { getPortalPlan } from '@/lib/server/portal/get-portal-plan';
import { auditCursor, auditRowsSince } from './support/audit';
import { TODAY, approveDraft, decide, registerPatient } from './support/plan-flow';
import { createWorld, type World } from './support/world';

let world: World;

/** The file as a stream of chunks, the way the upload route hands it over. */
async function* chunks(bytes: Uint8Array, size = 64 * 1024) {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function collect(body: AsyncIterable<Uint8Array> | null): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  if (body) for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

/** A photo with a GPS position and a camera in its metadata, as a phone writes it. */
function phonePhoto(format: 'jpeg' | 'png' | 'webp' = 'jpeg') {
  const image = sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 140, b: 200 } } }).withExif({
    IFD0: { Make: 'PhoneCo', Model: 'Camera 9000', Software: 'SecretApp' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
  });
  return image.toFormat(format).toBuffer();
}

/** The first bytes of an MP4 (an ftyp box), then noise: what file-type recognises as a video. */
function fakeMp4(size: number): Buffer {
  const head = Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00, 0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32]);
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A small PNG whose header declares `width` x `height` pixels: decoding it would need gigabytes. */
function pngDeclaring(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(4096))), chunk('IEND', Buffer.alloc(0))]);
}

const exerciseOf = (name: string, clinic = world.a) => clinic.exerciseIds.get(name)!;
const mediaCount = (exerciseId: string) => db.exerciseMedia.count({ where: { exerciseId } });
const upload = (bytes: Uint8Array, { actor = world.a.actors.therapist, exerciseId = exerciseOf('Bridging'), description = 'Hips lifted a hand high' } = {}) =>
  storeExerciseMedia({ actor, exerciseId, description, file: chunks(bytes) });

beforeAll(async () => {
  world = await createWorld();
});

describe('storeExerciseMedia', () => {
  it('re-encodes a phone photo without its GPS position or camera, and audits the upload', async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const cursor = await auditCursor();
    const media = await upload(original);
    expect(media).toMatchObject({ kind: 'IMAGE', contentType: 'image/jpeg', width: 640, height: 480, description: 'Hips lifted a hand high' });
    const stored = await collect((await readExerciseMedia({ actor: world.a.actors.therapist, mediaId: media.id, rangeHeader: null })).body);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneCo'))).toBe(false);
    expect(stored.includes(Buffer.from('SecretApp'))).toBe(false);
    expect(await auditRowsSince(cursor, { action: 'media.upload', entityId: media.id })).toHaveLength(1);
  });

  it.each(['png', 'webp'] as const)('takes a %s photo', async (format) => {
    const media = await upload(await phonePhoto(format));
    expect(media.kind).toBe('IMAGE');
  });

  it('stores a video as it came, recognised by its content', async () => {
    const bytes = fakeMp4(CHUNK_BYTES * 2 + 12345);
    const media = await upload(bytes);
    expect(media).toMatchObject({ kind: 'VIDEO', contentType: 'video/mp4', byteSize: bytes.length });
    const whole = await collect((await readExerciseMedia({ actor: world.a.actors.admin, mediaId: media.id, rangeHeader: null })).body);
    expect(whole.equals(bytes)).toBe(true);
    // A range across a chunk boundary, as a video player asks for it.
    const answer = await readExerciseMedia({ actor: world.a.actors.admin, mediaId: media.id, rangeHeader: `bytes=${CHUNK_BYTES - 10}-${CHUNK_BYTES + 9}` });
    expect(answer.range).toEqual({ start: CHUNK_BYTES - 10, end: CHUNK_BYTES + 9 });
    expect((await collect(answer.body)).equals(bytes.subarray(CHUNK_BYTES - 10, CHUNK_BYTES + 10))).toBe(true);
    expect((await readExerciseMedia({ actor: world.a.actors.admin, mediaId: media.id, rangeHeader: `bytes=${bytes.length}-` })).range).toBe('UNSATISFIABLE');
  });

  it('a polyglot (a JPEG with a zip appended) keeps only its picture', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('hidden-payload-'.repeat(100))]);
    const media = await upload(Buffer.concat([await phonePhoto(), zip]));
    const stored = await collect((await readExerciseMedia({ actor: world.a.actors.therapist, mediaId: media.id, rangeHeader: null })).body);
    expect(stored.includes(Buffer.from('hidden-payload-'))).toBe(false);
  });

  it.each([
    ['an empty file', () => Buffer.alloc(0), 'INVALID_INPUT'],
    ['a text file called photo.png', () => Buffer.from('just some text pretending to be a photo\n'.repeat(50)), 'INVALID_INPUT'],
    ['a PDF', () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5000)]), 'INVALID_INPUT'],
    ['an SVG (it can carry script)', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'INVALID_INPUT'],
    ['a JPEG cut off after its first bytes', async () => (await phonePhoto()).subarray(0, 200), 'INVALID_INPUT'],
    ['a photo over the size limit', async () => Buffer.concat([await phonePhoto('png'), randomBytes(MEDIA_LIMITS.imageBytes)]), 'TOO_LARGE'],
    ['a video over the size limit', async () => fakeMp4(MEDIA_LIMITS.videoBytes + 1), 'TOO_LARGE'],
    ['an image declaring 20000 x 20000 pixels (a decompression bomb)', () => pngDeclaring(20_000, 20_000), 'INVALID_INPUT'],
  ])('%s: refused with a clear message, nothing stored', async (_what, make, code) => {
    const exerciseId = exerciseOf('Walking');
    const before = [await mediaCount(exerciseId), await db.mediaChunk.count()];
    await expect(upload(await make(), { exerciseId })).rejects.toMatchObject({ code, message: expect.stringContaining('Nothing was saved') });
    expect(await mediaCount(exerciseId)).toBe(before[0]);
    expect(await db.mediaChunk.count({ where: { storageKey: { startsWith: `exercise-media/${world.a.clinic.id}/` } } })).toBeLessThanOrEqual(before[1]!);
  });

  it.each([
    ["the other clinic's exercise", () => world.a.actors.therapist, () => exerciseOf('Bridging', world.b)],
    ['a surgeon (no catalog media)', () => world.a.actors.surgeon, () => exerciseOf('Bridging')],
    ['a patient', () => world.a.actors.patient, () => exerciseOf('Bridging')],
    ['an exercise that does not exist', () => world.a.actors.therapist, () => 'nosuchexercise'],
  ])('%s: NOT_FOUND, nothing stored', async (_what, actor, exerciseId) => {
    await expect(upload(await phonePhoto(), { actor: actor(), exerciseId: exerciseId() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.exerciseMedia.count({ where: { exerciseId: exerciseId() } })).toBe(await mediaCount(exerciseId()));
  });
});

describe('who sees a photo or video', () => {
  let mediaId: string;
  let clearedPatient: Awaited<ReturnType<typeof registerPatient>>;
  let unrelatedPatient: Awaited<ReturnType<typeof registerPatient>>;

  beforeAll(async () => {
    mediaId = (await upload(await phonePhoto(), { exerciseId: exerciseOf('Walking') })).id;
    clearedPatient = await registerPatient(world.a, { surgeryDaysAgo: 5 });
    await approveDraft(world.a.actors.therapist, clearedPatient.patientId);
    await decide(world.a.actors.surgeon, clearedPatient.patientId, 'Walking');
    // Walking approved but not signed: not cleared for this one.
    unrelatedPatient = await registerPatient(world.a, { surgeryDaysAgo: 5 });
    await approveDraft(world.a.actors.therapist, unrelatedPatient.patientId);
  });

  it("the clinic's staff, and a patient whose cleared plan holds the exercise", async () => {
    for (const actor of [world.a.actors.admin, world.a.actors.therapist, world.a.actors.surgeon, clearedPatient.actor]) {
      await expect(readExerciseMedia({ actor, mediaId, rangeHeader: null })).resolves.toMatchObject({ contentType: 'image/jpeg' });
    }
  });

  it.each([
    ['a patient for whom it is not cleared', () => unrelatedPatient.actor],
    ["the other clinic's therapist", () => world.b.actors.therapist],
    ["the other clinic's patient", () => world.b.actors.patient],
  ])('%s gets NOT_FOUND', async (_who, actor) => {
    await expect(readExerciseMedia({ actor: actor(), mediaId, rangeHeader: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shown first to patients when the clinic chooses it, and gone once removed', async () => {
    await setFeaturedMedia({ actor: world.a.actors.therapist, input: { exerciseId: exerciseOf('Walking'), mediaId } });
    const portal = await getPortalPlan({ actor: clearedPatient.actor, today: TODAY });
    expect(portal.home.find((item) => item.exerciseId === exerciseOf('Walking'))?.media).toMatchObject({ id: mediaId, kind: 'IMAGE' });
    expect((await listExerciseMedia({ actor: world.a.actors.therapist, exerciseId: exerciseOf('Walking') })).featuredMediaId).toBe(mediaId);

    await removeExerciseMedia({ actor: world.a.actors.therapist, input: { mediaId } });
    expect((await getPortalPlan({ actor: clearedPatient.actor, today: TODAY })).home.find((item) => item.exerciseId === exerciseOf('Walking'))?.media).toBeNull();
    await expect(readExerciseMedia({ actor: world.a.actors.therapist, mediaId, rangeHeader: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("may not be featured on another clinic's exercise, nor by a surgeon", async () => {
    const other = (await upload(await phonePhoto(), { exerciseId: exerciseOf('Walking') })).id;
    await expect(setFeaturedMedia({ actor: world.b.actors.therapist, input: { exerciseId: exerciseOf('Walking'), mediaId: other } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setFeaturedMedia({ actor: world.a.actors.surgeon, input: { exerciseId: exerciseOf('Walking'), mediaId: other } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeExerciseMedia({ actor: world.b.actors.admin, input: { mediaId: other } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

// The upload route's body (app/api/exercises/[exerciseId]/media/route.ts): readUpload, then the data layer, as
// the route runs them. Found by the fuzzing (tests/integration/fuzz/media.fuzz.ts): a body that ended or broke
// inside the file answered 503 ("Something went wrong on our side") when the file was being read, left an
// uncaught error in the server when it was not, and a connection reset while the file was read left the request
// waiting forever.
describe("the upload route's body", () => {
  const BOUNDARY = 'TestBoundary';
  const head = (description: string) =>
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${description}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );

  /** A body arriving in pieces, which ends (or, with `reset`, breaks) wherever it stops. */
  function requestOf(bytes: Buffer, { reset = false } = {}): Request {
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) {
          if (reset) controller.error(new Error('the connection was reset'));
          else controller.close();
          return;
        }
        controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + 1000)));
        offset += 1000;
      },
    });
    return new Request('http://localhost/api/exercises/x/media', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body, duplex: 'half' } as RequestInit);
  }

  async function uploadAsTheRouteDoes(actor: Parameters<typeof storeExerciseMedia>[0]['actor'], exerciseId: string, request: Request) {
    const received = await readUpload(request);
    try {
      return await storeExerciseMedia({ actor, exerciseId, description: received.fields.description ?? '', file: received.file });
    } finally {
      received.discard();
    }
  }

  /** Runs `work`, then waits for the body to be taken apart: whatever went uncaught meanwhile. */
  async function uncaughtDuring(work: () => Promise<unknown>): Promise<unknown[]> {
    const uncaught: unknown[] = [];
    const listener = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', listener);
    try {
      await work().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', listener);
    }
    return uncaught;
  }

  it('a photo sent whole is stored with its description', async () => {
    const exerciseId = exerciseOf('Bird dog');
    const body = Buffer.concat([head('On all fours'), await phonePhoto(), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    await expect(uploadAsTheRouteDoes(world.a.actors.therapist, exerciseId, requestOf(body))).resolves.toMatchObject({ kind: 'IMAGE', description: 'On all fours' });
  });

  it.each([
    ['ends inside the file', {}],
    ['breaks inside the file (the connection is reset)', { reset: true }],
  ])('a body that %s, while the file is read: INVALID_INPUT "cut short", nothing kept', async (_what, options) => {
    const exerciseId = exerciseOf('Kneeling plank');
    const body = Buffer.concat([head('Cut short'), (await phonePhoto()).subarray(0, 3000)]);
    const before = await mediaCount(exerciseId);
    const uncaught = await uncaughtDuring(() =>
      expect(uploadAsTheRouteDoes(world.a.actors.therapist, exerciseId, requestOf(body, options))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The upload was cut short. Nothing was saved.' }),
    );
    expect(uncaught).toEqual([]);
    expect(await mediaCount(exerciseId)).toBe(before);
  });

  it.each([
    ["another clinic's exercise", () => world.a.actors.therapist, () => exerciseOf('Bridging', world.b)],
    ['a surgeon', () => world.a.actors.surgeon, () => exerciseOf('Bridging')],
  ])('a body that ends inside the file, refused before it is read (%s): NOT_FOUND, and nothing left uncaught', async (_who, actor, exerciseId) => {
    const body = Buffer.concat([head('Cut short'), (await phonePhoto()).subarray(0, 3000)]);
    const uncaught = await uncaughtDuring(() => expect(uploadAsTheRouteDoes(actor(), exerciseId(), requestOf(body))).rejects.toMatchObject({ code: 'NOT_FOUND' }));
    expect(uncaught).toEqual([]);
  });
});

describe('the PostgreSQL store', () => {
  it('writes in chunks and removes what a failed write left', async () => {
    const key = `test/${randomBytes(6).toString('hex')}`;
    async function* failing() {
      yield randomBytes(CHUNK_BYTES + 10);
      throw new Error('the upload was cut off');
    }
    await expect(postgresMediaStore.put(key, failing())).rejects.toThrow('cut off');
    expect(await db.mediaChunk.count({ where: { storageKey: key } })).toBe(0);
  });
});

describe('an S3-compatible store (a real S3 server, s3rver, in this process)', () => {
  let server: { close: () => Promise<void> } | null = null;
  let directory = '';
  let endpoint = '';

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    directory = mkdtempSync(path.join(tmpdir(), 'regimen-s3-'));
    const { default: S3rver } = await import('s3rver');
    const instance = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'regimen-media', configs: [] }] });
    await instance.run();
    server = instance;
    endpoint = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await server?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('writes a file in parts, reads a range of it, and removes it', async () => {
    const store = s3MediaStore({ endpoint, region: 'us-east-1', bucket: 'regimen-media', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
    const bytes = randomBytes(6 * 1024 * 1024 + 321);
    expect(await store.put('videos/one.mp4', chunks(bytes, 256 * 1024))).toBe(bytes.length);
    expect((await collect(store.read('videos/one.mp4', { start: 5_000_000, end: 5_000_099 }))).equals(bytes.subarray(5_000_000, 5_000_100))).toBe(true);
    await store.remove('videos/one.mp4');
    await expect(collect(store.read('videos/one.mp4', { start: 0, end: 9 }))).rejects.toThrow();
  });
});
