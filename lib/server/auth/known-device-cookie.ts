import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { KNOWN_DEVICE_DAYS } from '@/lib/domain/throttle';

// Carries the known-device token (device-token.ts) between the browser and authenticate(): read from the
// sign-in request's cookies, and set on the sign-in answer. next-auth gives authorize() the request's headers
// but no way to set a cookie, so the sign-in route runs next-auth inside withKnownDeviceCookie, which adds the
// cookie authorize() offered to the answer next-auth built.

const NAME = 'regimen-device-';

type Offer = { userId: string; token: string };
const offers = new AsyncLocalStorage<{ offer: Offer | null }>();

/** Every known-device token the browser sent (one cookie per account that signed in on it). */
export function deviceTokensFrom(cookieHeader: unknown): string[] {
  if (typeof cookieHeader !== 'string') return [];
  return cookieHeader
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(NAME) || pair.startsWith(`__Secure-${NAME}`))
    .map((pair) => pair.slice(pair.indexOf('=') + 1));
}

/** Called by authorize() after a successful sign-in: the token to give this browser, if the route can set it. */
export function offerDeviceToken(userId: string, token: string | null): void {
  const store = offers.getStore();
  if (store && token) store.offer = { userId, token };
}

/** Runs next-auth's handler and adds the cookie of a sign-in that succeeded to its answer. */
export async function withKnownDeviceCookie(handle: () => Promise<Response>): Promise<Response> {
  const store: { offer: Offer | null } = { offer: null };
  const response = await offers.run(store, handle);
  if (!store.offer) return response;
  const isSecure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  // One cookie per account, so a shared clinic computer stays known to each person who signs in on it. Sent only
  // to the sign-in endpoints, never readable by scripts, never sent from another site.
  const name = `${isSecure ? '__Secure-' : ''}${NAME}${createHash('sha256').update(store.offer.userId).digest('hex').slice(0, 16)}`;
  const attributes = [`Path=/api/auth`, `Max-Age=${KNOWN_DEVICE_DAYS * 86_400}`, 'HttpOnly', 'SameSite=Strict', ...(isSecure ? ['Secure'] : [])];
  response.headers.append('Set-Cookie', `${name}=${store.offer.token}; ${attributes.join('; ')}`);
  return response;
}
