import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clientAddress, trustedProxyHops } from '../../scripts/lib/client-address.mjs';

describe('clientAddress', () => {
  it('with no trusted proxy, ignores X-Forwarded-For whatever a client writes there', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 80 }), { nil: undefined }), (forwardedFor) => {
        expect(clientAddress({ forwardedFor, peerAddress: '198.51.100.7', trustedHops: 0 })).toBe('198.51.100.7');
      }),
    );
  });

  it('unwraps an IPv4 peer on a dual-stack socket and keeps IPv6 as it is', () => {
    expect(clientAddress({ forwardedFor: undefined, peerAddress: '::ffff:203.0.113.9', trustedHops: 0 })).toBe('203.0.113.9');
    expect(clientAddress({ forwardedFor: undefined, peerAddress: '2001:db8::1', trustedHops: 0 })).toBe('2001:db8::1');
    expect(clientAddress({ forwardedFor: undefined, peerAddress: undefined, trustedHops: 0 })).toBeNull();
  });

  it('behind one proxy, takes the address the proxy appended, not what the client put before it', () => {
    expect(clientAddress({ forwardedFor: '10.9.9.9, 203.0.113.5', peerAddress: '127.0.0.1', trustedHops: 1 })).toBe('203.0.113.5');
    expect(clientAddress({ forwardedFor: '203.0.113.5', peerAddress: '127.0.0.1', trustedHops: 1 })).toBe('203.0.113.5');
  });

  it('behind two proxies, takes the second address from the right', () => {
    expect(clientAddress({ forwardedFor: 'forged, 203.0.113.5, 10.0.0.2', peerAddress: '10.0.0.3', trustedHops: 2 })).toBe('203.0.113.5');
  });

  it('gives no address when the trusted proxies wrote fewer entries or something that is not an address', () => {
    expect(clientAddress({ forwardedFor: undefined, peerAddress: '127.0.0.1', trustedHops: 1 })).toBeNull();
    expect(clientAddress({ forwardedFor: '203.0.113.5', peerAddress: '127.0.0.1', trustedHops: 2 })).toBeNull();
    expect(clientAddress({ forwardedFor: 'unknown', peerAddress: '127.0.0.1', trustedHops: 1 })).toBeNull();
    expect(clientAddress({ forwardedFor: ['10.0.0.1', '203.0.113.5'], peerAddress: '127.0.0.1', trustedHops: 1 })).toBe('203.0.113.5');
  });
});

describe('trustedProxyHops', () => {
  it('is 0 unless set, and refuses anything but a small whole number', () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops('')).toBe(0);
    expect(trustedProxyHops('2')).toBe(2);
    for (const bad of ['-1', 'one', '1.5', '100', ' 1']) expect(() => trustedProxyHops(bad)).toThrow(/REGIMEN_TRUSTED_PROXY_HOPS/);
  });
});
