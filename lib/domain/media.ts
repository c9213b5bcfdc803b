// What a clinic may upload as an exercise's photo or video, recognised by what the file is, never by its name
// or the type the browser declares; and the byte ranges a video player asks for.

export type MediaKind = 'IMAGE' | 'VIDEO';

const MB = 1024 * 1024;

/** Stated limits, enforced while the upload streams in (README, "The clinic's own media"). */
export const MEDIA_LIMITS = {
  /** A photo as uploaded, before re-encoding. */
  imageBytes: 10 * MB,
  /** A short video. */
  videoBytes: 50 * MB,
  /** Pixels an image may declare: more is a decompression bomb, refused before it is decoded. */
  imagePixels: 40_000_000,
  /** Photos are stored at most this wide. */
  storedImageWidth: 1600,
  /** What a description of the photo or video may hold. */
  descriptionChars: 300,
} as const;

/** Types recognised from a file's first bytes that a clinic may upload, and what each becomes. */
export const ACCEPTED_MEDIA: Readonly<Record<string, { kind: MediaKind; label: string }>> = {
  'image/png': { kind: 'IMAGE', label: 'PNG' },
  'image/jpeg': { kind: 'IMAGE', label: 'JPEG' },
  'image/webp': { kind: 'IMAGE', label: 'WebP' },
  'video/mp4': { kind: 'VIDEO', label: 'MP4' },
  'video/webm': { kind: 'VIDEO', label: 'WebM' },
};

export const MEDIA_TYPE_PROBLEM = 'That file is not a PNG, JPEG or WebP photo or an MP4 or WebM video. Nothing was saved.';

export function maxBytesOf(kind: MediaKind): number {
  switch (kind) {
    case 'IMAGE':
      return MEDIA_LIMITS.imageBytes;
    case 'VIDEO':
      return MEDIA_LIMITS.videoBytes;
    default: {
      const unhandled: never = kind;
      throw new Error(`Unhandled media kind ${String(unhandled)}`);
    }
  }
}

export type ByteRange = { start: number; end: number };

/**
 * The one byte range a `Range: bytes=...` header asks for, within a file of `size` bytes: null when there is
 * no usable header (answer the whole file), 'UNSATISFIABLE' when it asks beyond the end (416). Several ranges
 * at once are answered as the whole file, as RFC 9110 allows.
 */
export function byteRangeOf(header: string | null, size: number): ByteRange | null | 'UNSATISFIABLE' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'UNSATISFIABLE';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) return 'UNSATISFIABLE';
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (end < start) return null;
  return { start, end };
}
