// Which address a request came from, for the audit trail and the per-address sign-in throttle.
//
// X-Forwarded-For is a list any client can write. Each proxy in front of the app appends the address it
// received the request from, so only the entries added by proxies we run can be believed: with N trusted
// proxies, the client is the Nth entry from the right. With none, the header is ignored and the address is
// the TCP peer's.
import net from 'node:net';

/** The number of trusted proxies in front of the app, from REGIMEN_TRUSTED_PROXY_HOPS (default 0). */
export function trustedProxyHops(value) {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,2}$/.test(value)) throw new Error(`REGIMEN_TRUSTED_PROXY_HOPS must be a whole number of proxies (0 to 99), not "${value}".`);
  return Number(value);
}

function normalized(address) {
  const trimmed = address.trim();
  // An IPv4 peer on a dual-stack socket: ::ffff:203.0.113.7.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  const candidate = mapped ? mapped[1] : trimmed;
  return net.isIP(candidate) ? candidate : null;
}

/**
 * The client's address: the TCP peer's when no proxy is trusted; otherwise the entry the outermost trusted
 * proxy wrote, or null when the header is missing, too short or not an address (a misconfigured proxy).
 */
export function clientAddress({ forwardedFor, peerAddress, trustedHops }) {
  if (trustedHops === 0) return peerAddress ? normalized(peerAddress) : null;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const entries = header.split(',').map((entry) => entry.trim()).filter(Boolean);
  const entry = entries[entries.length - trustedHops];
  return entry === undefined ? null : normalized(entry);
}
