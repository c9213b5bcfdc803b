import { NextResponse, type NextRequest } from 'next/server';
import { isDatabaseReachable } from '@/lib/server/health/database-health';
import { UNAVAILABLE_HTML } from '@/lib/server/health/unavailable-page';
import { publicUrl } from '@/lib/server/public-url';
import { contentSecurityPolicy, plainErrorPage, securityHeaders } from '@/scripts/lib/security-headers.mjs';

// Runs before every request. It is not a security check for data (the data layer is); it sets the
// response headers every page needs (scripts/lib/security-headers.mjs, shared with npm start's server), refuses
// cross-origin writes (route handlers and server actions), and answers a plain 503 page while the database is
// unreachable.

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A write from a page of another site. Browsers say where a write comes from (Origin; Sec-Fetch-Site when there is
 * none): it must be the configured public address, or the host the browser asked for. X-Forwarded-Host is not
 * believed: a client writes it.
 */
function isCrossOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return request.headers.get('sec-fetch-site') === 'cross-site';
  try {
    const from = new URL(origin);
    return from.origin !== new URL(publicUrl()).origin && from.host !== request.headers.get('host');
  } catch {
    // "null" (a sandboxed frame, a file) or garbage.
    return true;
  }
}

// Photos and videos of exercises (catalog content) may stay in the viewer's own browser cache; the route says
// how long ("private"), and nothing may keep them in a shared cache.
const PRIVATELY_CACHED = /^\/api\/media\//;

const isProduction = process.env.NODE_ENV === 'production';

function withSecurityHeaders(response: NextResponse, csp: string, { mayCache = false }: { mayCache?: boolean } = {}): NextResponse {
  for (const [name, value] of securityHeaders({ csp, mayCache, isProduction })) response.headers.set(name, value);
  return response;
}

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, { isProduction });

  // A write from another site: route handlers, and server actions (Next.js's own check answers those with a 500).
  if (MUTATING.has(request.method) && isCrossOrigin(request)) {
    const response = request.nextUrl.pathname.startsWith('/api/')
      ? NextResponse.json({ error: 'Cross-origin requests are not allowed.' }, { status: 403 })
      : new NextResponse(plainErrorPage(403), { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    return withSecurityHeaders(response as NextResponse, csp);
  }

  if (!(await isDatabaseReachable())) {
    const isApi = request.nextUrl.pathname.startsWith('/api/');
    const response = isApi
      ? NextResponse.json({ error: 'Regimen is temporarily unavailable. Please try again in a minute.' }, { status: 503 })
      : new NextResponse(UNAVAILABLE_HTML, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    response.headers.set('Retry-After', '30');
    return withSecurityHeaders(response as NextResponse, csp);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, { mayCache: PRIVATELY_CACHED.test(request.nextUrl.pathname) });
}

export const config = {
  matcher: [
    // Everything but static build assets and the favicon.
    { source: '/((?!_next/static|_next/image|favicon.ico).*)' },
  ],
};
