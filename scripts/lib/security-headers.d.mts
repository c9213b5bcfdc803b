// Types for security-headers.mjs (plain JavaScript so that scripts/serve.mjs runs without a compiler).
export declare function contentSecurityPolicy(nonce: string, options: { isProduction: boolean }): string;
export declare function securityHeaders(options: { csp: string; mayCache?: boolean; isProduction: boolean }): Array<[string, string]>;
export declare function plainErrorPage(status: 400 | 403 | 413): string;
