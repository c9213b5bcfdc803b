import { AppError } from '@/lib/server/errors';
import { handleRoute } from '@/lib/server/route-handler';
import { renderCalendarFeed } from '@/lib/server/reminders/render-calendar-feed';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

// A patient's private calendar, read by their calendar app with no session: the token in the address is the
// only key, and opens nothing but this feed. A revoked or guessed token answers 404 and nothing else.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const feed = await renderCalendarFeed({ token });
    return new Response(feed, {
      headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'inline; filename="exercises.ics"', ...NO_STORE },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...NO_STORE } });
    // Anything else (the database is down) is answered as every route answers it.
    return handleRoute(() => Promise.reject(error));
  }
}
