import { NextResponse } from 'next/server';
import { getActor } from '@/lib/server/auth/get-actor';
import { pingDatabase } from '@/lib/server/bench/ping-database';

export const dynamic = 'force-dynamic';

// A signed-in health check: the session check every page makes, then one `SELECT 1`. No page can be
// faster than this, so `npm run bench` measures every page against it.
export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: 'Sign in to check health.' }, { status: 401 });
  await pingDatabase();
  return NextResponse.json({ ok: true });
}
