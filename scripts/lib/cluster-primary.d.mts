// Types for cluster-primary.mjs (plain JavaScript so that scripts/serve.mjs runs without a compiler).
export declare const HEALTHY_AFTER_MS: number;
export declare function workerCount(raw: string | undefined): number;
export declare function restartDelayMs(failures: number): number;
export declare function runPrimary(args: { workers: number; onReady: () => void }): void;
