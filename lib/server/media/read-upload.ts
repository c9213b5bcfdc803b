import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { MEDIA_LIMITS } from '@/lib/domain/media';
import { AppError } from '../errors';

export type Upload = { fields: Record<string, string>; file: AsyncIterable<Uint8Array> | null; discard: () => void };

/** Room for the form's other fields and the multipart framing around the file. */
const OVERHEAD_BYTES = 64 * 1024;

const CUT_SHORT = 'The upload was cut short. Nothing was saved.';

/**
 * The file's bytes as they stream in. A body that ends or breaks inside the file (a dropped connection, a
 * hand-made request) makes busboy fail the file's stream: that is a refusal like any other bad upload, not a
 * 5xx. The stream is listened to from the start, so a failure that comes while nobody reads it (the data layer
 * refused first, and is about to discard it) is never an uncaught error in the server.
 */
function fileChunks(stream: Readable): AsyncIterable<Uint8Array> {
  stream.on('error', () => undefined);
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch {
        throw new AppError('INVALID_INPUT', CUT_SHORT);
      }
    },
  };
}

/**
 * Reads a multipart upload as it streams in (busboy): the fields before the file, then the file itself as
 * chunks, for the data layer to recognise, limit and store. Nothing is read into memory here, and a request
 * that announces more than the largest file allowed is refused before its body is read.
 */
export function readUpload(request: Request): Promise<Upload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(new AppError('INVALID_INPUT', 'Send the file from the upload form. Nothing was saved.'));
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MEDIA_LIMITS.videoBytes + OVERHEAD_BYTES) {
    return Promise.reject(new AppError('TOO_LARGE', `Files can be at most ${MEDIA_LIMITS.videoBytes / (1024 * 1024)} MB. Nothing was saved.`));
  }
  if (!request.body) return Promise.reject(new AppError('INVALID_INPUT', 'Choose a photo or a video to upload. Nothing was saved.'));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 5, fieldSize: 4_000, parts: 7, fileSize: MEDIA_LIMITS.videoBytes + 1 } });
    } catch {
      reject(new AppError('INVALID_INPUT', 'Send the file from the upload form. Nothing was saved.'));
      return;
    }
    const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
    const fields: Record<string, string> = {};
    let isSettled = false;
    const discard = () => {
      body.unpipe(parser);
      body.destroy();
    };
    const settle = (upload: Upload | Error) => {
      if (isSettled) return;
      isSettled = true;
      if (upload instanceof Error) reject(upload);
      else resolve(upload);
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => settle({ fields, file: fileChunks(stream), discard }));
    parser.on('finish', () => settle({ fields, file: null, discard }));
    parser.on('error', () => settle(new AppError('INVALID_INPUT', 'The upload was cut short or not sent from the form. Nothing was saved.')));
    body.on('error', (error) => {
      settle(new AppError('INVALID_INPUT', CUT_SHORT));
      // A pipe does not pass its source's failure on: without this, a file being read would wait for the rest forever.
      parser.destroy(error);
    });
    body.pipe(parser);
  });
}
