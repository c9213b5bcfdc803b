import 'server-only';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';

export type SessionClaims = { uid?: string; sv?: number; sid?: string };

/**
 * The claims of the session cookie next-auth issued at sign-in, or null. Reads the cookie and decrypts it once
 * (next-auth's own `decode`: the same key, the same expiry check) instead of running next-auth's whole session
 * endpoint on every request, which also re-encrypts a cookie that a page cannot set anyway. Nothing else is
 * believed from the cookie: getActor checks the session row it names.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  // next-auth's cookie name: with a __Secure- prefix when the site is served over HTTPS.
  const isSecure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  const token = (await cookies()).get(`${isSecure ? '__Secure-' : ''}next-auth.session-token`)?.value;
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!token || !secret) return null;
  try {
    return (await decode({ token, secret })) as SessionClaims | null;
  } catch {
    // Not ours, tampered with, or expired: no session.
    return null;
  }
}
