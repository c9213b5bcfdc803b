import type { APIRequestContext, APIResponse } from '@playwright/test';
import sharp from 'sharp';
import { nextIp } from './actors';
import { rows } from './database';

let jpeg: Promise<Buffer> | null = null;

/** A small real JPEG (made with sharp, as a phone's photo would be a JPEG): what the suite uploads. */
export function smallJpeg(): Promise<Buffer> {
  jpeg ??= sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 40, g: 120, b: 90 } } })
    .jpeg()
    .toBuffer();
  return jpeg;
}

export type UploadFile = { name: string; mimeType: string; buffer: Buffer };

/** The upload form's multipart body (app/(clinic)/catalog/_components/media-upload-form.tsx): the description, then the file. */
export async function uploadBody({ description = 'Authorization suite photo', file }: { description?: string; file?: UploadFile | null } = {}): Promise<Record<string, string | UploadFile>> {
  const body: Record<string, string | UploadFile> = { description };
  const sent = file === undefined ? { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg() } : file;
  if (sent) body.file = sent;
  return body;
}

/** Posts a photo to an exercise as the upload form does, from a fresh client address. */
export async function postMedia(context: APIRequestContext, exerciseId: string, body: Record<string, string | UploadFile>, ip = nextIp()): Promise<APIResponse> {
  return context.post(`/api/exercises/${encodeURIComponent(exerciseId)}/media`, { multipart: body, headers: { 'x-forwarded-for': ip }, maxRedirects: 0 });
}

/** The stored bytes of a photo or video (the PostgreSQL media store's chunks, in order). */
export async function storedBytes(mediaId: string): Promise<Buffer> {
  const chunks = await rows<{ bytes: Buffer }>(
    `SELECT c."bytes" FROM "MediaChunk" c JOIN "ExerciseMedia" m ON m."storageKey" = c."storageKey" WHERE m."id" = $1 ORDER BY c."position"`,
    [mediaId],
  );
  return Buffer.concat(chunks.map((chunk) => chunk.bytes));
}
