import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { SECOND_STEP_MINUTES } from '@/lib/domain/second-factor';

// Carries the second step's token (start-second-step.ts) between the browser and the sign-in route, the way
// known-device-cookie.ts carries the device token: authorize() offers it (or asks for it to be cleared), and the
// route sets it on the answer next-auth built.

const NAME = 'regimen-second-step';

type Offer = { token: string } | { clear: true };
const offers = new AsyncLocalStorage<{ offer: Offer | null }>();

function cookieName(): string {
  const isSecure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  return `${isSecure ? '__Secure-' : ''}${NAME}`;
}

/** The second-step token in a Cookie header, or null. */
export function secondStepTokenFrom(cookieHeader: unknown): string | null {
  if (typeof cookieHeader !== 'string') return null;
  const name = `${cookieName()}=`;
  const pair = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(name));
  const token = pair?.slice(name.length) ?? '';
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/** The second-step token of this request's cookies (pages and server actions). */
export async function secondStepTokenOfRequest(): Promise<string | null> {
  const { cookies } = await import('next/headers');
  return secondStepTokenFrom((await cookies()).toString());
}

export function offerSecondStepToken(token: string): void {
  const store = offers.getStore();
  if (store) store.offer = { token };
}

export function clearSecondStepToken(): void {
  const store = offers.getStore();
  if (store) store.offer = { clear: true };
}

/** Runs next-auth's handler and sets (or clears) the second-step cookie authorize() asked for. */
export async function withSecondStepCookie(handle: () => Promise<Response>): Promise<Response> {
  const store: { offer: Offer | null } = { offer: null };
  const response = await offers.run(store, handle);
  if (!store.offer) return response;
  const isSecure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  // Sent with every request to this site (the sign-in page reads it), never readable by scripts or sent from another site.
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(isSecure ? ['Secure'] : [])];
  const value = 'token' in store.offer ? `${store.offer.token}; Max-Age=${SECOND_STEP_MINUTES * 60}` : '; Max-Age=0';
  response.headers.append('Set-Cookie', `${cookieName()}=${value}; ${attributes.join('; ')}`);
  return response;
}
