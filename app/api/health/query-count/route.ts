import { NextResponse } from 'next/server';
import { isCountingQueries, queryCount } from '@/lib/server/bench/query-counter';

export const dynamic = 'force-dynamic';

// For `npm run bench` only: how many SQL statements the app has sent. It does not exist (404) unless the
// server was started with REGIMEN_COUNT_QUERIES=1, and it reads no session on purpose: a session check
// is itself a query and would change the number it reports.
export function GET() {
  if (!isCountingQueries()) return NextResponse.json({ error: 'Not found.' }, { status: 404 });
  return NextResponse.json({ queries: queryCount() });
}
