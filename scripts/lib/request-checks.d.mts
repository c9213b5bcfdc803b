// Types for request-checks.mjs (plain JavaScript so that scripts/serve.mjs runs without a compiler).
import type { IncomingHttpHeaders } from 'node:http';
export declare const BODY_LIMIT_BYTES: number;
export declare const MAX_JSON_DEPTH: number;
export declare function targetProblem(url: string | undefined): 400 | null;
export declare function mustReadBody(request: { method?: string; url?: string; headers: IncomingHttpHeaders }): boolean;
export declare function jsonDepth(text: string): number;
export declare function bodyProblem(request: { headers: IncomingHttpHeaders }, body: Buffer): Promise<400 | null>;
