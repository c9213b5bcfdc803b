import { notFound } from 'next/navigation';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { isCountingQueries } from '@/lib/server/bench/query-counter';

export const dynamic = 'force-dynamic';

// For `npm run bench` only: a page with the session check and nothing else, so the bench can show what
// rendering any page costs next to the floor route handler (/api/health/floor). It does not exist (404)
// unless the server was started with REGIMEN_COUNT_QUERIES=1.
export default async function PageFloor() {
  if (!isCountingQueries()) notFound();
  await requirePageActor();
  return <p>Signed in.</p>;
}
