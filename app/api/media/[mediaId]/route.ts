import { Readable } from 'node:stream';
import { requireActor } from '@/lib/server/auth/get-actor';
import { readExerciseMedia } from '@/lib/server/media/read-exercise-media';
import { handleRoute } from '@/lib/server/route-handler';

export const dynamic = 'force-dynamic';

// A photo or video for the clinic's staff, and for a patient whose cleared plan holds the exercise. Videos are
// played a range at a time; answers are cached by the browser only (private), never by a shared cache.
export async function GET(request: Request, { params }: { params: Promise<{ mediaId: string }> }) {
  return handleRoute(async () => {
    const actor = await requireActor();
    const { mediaId } = await params;
    const media = await readExerciseMedia({ actor, mediaId, rangeHeader: request.headers.get('range') });
    const headers = new Headers({
      'Content-Type': media.contentType,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'private, max-age=86400',
      ETag: `"${media.sha256}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    });
    if (media.range === 'UNSATISFIABLE' || !media.body) {
      headers.set('Content-Range', `bytes */${media.size}`);
      return new Response(null, { status: 416, headers });
    }
    if (request.headers.get('if-none-match') === `"${media.sha256}"` && !media.range) return new Response(null, { status: 304, headers });
    const body = Readable.toWeb(Readable.from(media.body)) as unknown as ReadableStream<Uint8Array>;
    if (!media.range) {
      headers.set('Content-Length', String(media.size));
      return new Response(body, { status: 200, headers });
    }
    headers.set('Content-Range', `bytes ${media.range.start}-${media.range.end}/${media.size}`);
    headers.set('Content-Length', String(media.range.end - media.range.start + 1));
    return new Response(body, { status: 206, headers });
  });
}
