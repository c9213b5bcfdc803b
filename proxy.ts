import { NextResponse, type NextRequest } from 'next/server';
import { isDatabaseReachable } from '@/lib/server/health/database-health';
import { UNAVAILABLE_HTML } from '@/lib/server/health/unavailable-page';

// Runs before every request. It is not a security check for data (the data layer is); it sets the
// response headers every page needs, refuses cross-origin writes to route handlers, and answers a
// plain 503 page while the database is unreachable.

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // Next.js loads its chunks from scripts it creates at run time: the nonce plus 'strict-dynamic'.
    // React's development build needs eval for its debugging tools; production never gets it.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === 'production' ? '' : " 'unsafe-eval'"}`,
    // React style attributes and the printable invitation's <style> need inline styles; no scripts can.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isCrossOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return request.headers.get('sec-fetch-site') === 'cross-site';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

// Photos and videos of exercises (catalog content) may stay in the viewer's own browser cache; the route says
// how long ("private"), and nothing may keep them in a shared cache.
const PRIVATELY_CACHED = /^\/api\/media\//;

function withSecurityHeaders(response: NextResponse, csp: string, { mayCache = false }: { mayCache?: boolean } = {}): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Referrer-Policy', 'same-origin');
  response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  // Pages and API answers may carry health information: never store them in any cache.
  if (!mayCache) response.headers.set('Cache-Control', 'no-store, max-age=0');
  if (process.env.NODE_ENV === 'production') response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

export async function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);

  if (MUTATING.has(request.method) && request.nextUrl.pathname.startsWith('/api/') && isCrossOrigin(request)) {
    return withSecurityHeaders(NextResponse.json({ error: 'Cross-origin requests are not allowed.' }, { status: 403 }), csp);
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
