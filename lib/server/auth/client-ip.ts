import 'server-only';
import { isIP } from 'node:net';

/**
 * The client's address as `npm start` (scripts/serve.mjs) worked it out: it replaces X-Forwarded-For on every
 * request with the one address it trusts, so the app never reads a list a client wrote. Anything that is not
 * one address gives null (no address is recorded rather than a wrong one).
 */
export function clientIpFrom(forwardedFor: string | string[] | null | undefined): string | null {
  const value = (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)?.trim();
  return value && isIP(value) ? value : null;
}
