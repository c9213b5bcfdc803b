import 'server-only';
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { KNOWN_DEVICE_DAYS } from '@/lib/domain/throttle';

// The known-device cookie (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): after a successful
// sign-in the browser gets a token naming the account, when it was issued and a random device id, signed with a
// key derived from the app's secret. Holding it proves only that this browser signed in to this account before;
// it opens nothing. It lets the sign-in throttle count this browser's attempts apart from everyone else's.

const VERSION = 'v1';
const ID_PATTERN = /^[a-z0-9]{1,64}$/i;

function signingKey(): Buffer | null {
  // next-auth refuses to run without a secret, so the app always has one; code called outside the app
  // (scripts, tests that do not set one) simply issues and recognises no device tokens.
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return null;
  return Buffer.from(hkdfSync('sha256', secret, 'regimen', 'known-device cookie', 32));
}

function signatureOf(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** A new token for a browser that just signed in to `userId`, or null when the app has no secret. */
export function issueDeviceToken(userId: string, now = new Date()): string | null {
  const key = signingKey();
  if (!key) return null;
  const payload = `${VERSION}.${userId}.${Math.floor(now.getTime() / 1000)}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${signatureOf(key, payload).toString('base64url')}`;
}

/**
 * The device id of the first of `tokens` that is a genuine, unexpired token for `userId`, or null. A token for
 * another account, a forged or altered one, or one older than KNOWN_DEVICE_DAYS is ignored.
 */
export function knownDeviceId(tokens: readonly string[], userId: string, now = new Date()): string | null {
  const key = signingKey();
  if (!key) return null;
  for (const token of tokens.slice(0, 20)) {
    const parts = token.split('.');
    if (parts.length !== 5) continue;
    const [version, tokenUserId, issuedAt, deviceId, signature] = parts as [string, string, string, string, string];
    if (version !== VERSION || tokenUserId !== userId || !ID_PATTERN.test(tokenUserId) || !/^\d{1,12}$/.test(issuedAt)) continue;
    const expected = signatureOf(key, parts.slice(0, 4).join('.'));
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) continue;
    const ageMs = now.getTime() - Number(issuedAt) * 1000;
    if (ageMs < -60_000 || ageMs > KNOWN_DEVICE_DAYS * 86_400_000) continue;
    return deviceId;
  }
  return null;
}
