// Types for client-address.mjs (plain JavaScript so that scripts/serve.mjs runs without a compiler).
export declare function trustedProxyHops(value: string | undefined): number;
export declare function clientAddress(args: { forwardedFor: string | string[] | undefined; peerAddress: string | undefined; trustedHops: number }): string | null;
