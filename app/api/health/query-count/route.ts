import { NextResponse, type NextRequest } from 'next/server';
import { captureStatements, isCountingQueries, queryCount, takeCapturedStatements } from '@/lib/server/bench/query-counter';

export const dynamic = 'force-dynamic';

// For `npm run bench` only: how many SQL statements the app has sent. It does not exist (404) unless the
// server was started with REGIMEN_COUNT_QUERIES=1, and it reads no session on purpose: a session check
// is itself a query and would change the number it reports. `?statements=start` starts keeping each
// statement's text, parameters and time; `?statements=take` hands them over and stops.
export function GET(request: NextRequest) {
  if (!isCountingQueries()) return NextResponse.json({ error: 'Not found.' }, { status: 404 });
  const statements = request.nextUrl.searchParams.get('statements');
  if (statements === 'start') captureStatements();
  if (statements === 'take') return NextResponse.json({ queries: queryCount(), statements: takeCapturedStatements() });
  return NextResponse.json({ queries: queryCount() });
}
