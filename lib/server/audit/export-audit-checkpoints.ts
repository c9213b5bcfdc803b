import 'server-only';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const EXPORT_FORMAT = 'regimen-audit-checkpoints/2';
/** One checkpoint of the single chain, as exported before the per-clinic chains: still read. */
export const SINGLE_CHAIN_EXPORT_FORMAT = 'regimen-audit-checkpoint/1';

/** A checkpoint as exported: `chain` null for the single chain's, from before the cut-over. */
export type ExportedCheckpoint = { chain: string | null; seq: number; statement: string; signature: string };

export type ExportedCheckpoints = { format: typeof EXPORT_FORMAT; publicKey: string; checkpoints: ExportedCheckpoint[] };

/**
 * Writes the newest checkpoint of every chain to a file outside the database (a folder the database's
 * administrators cannot write, a mounted WORM bucket), whole or not at all: written beside it, then renamed over
 * it. `npm run audit:verify -- --checkpoint <file>` then shows a chain's checkpoints removed from the database,
 * and the tail they vouched for.
 */
export function exportAuditCheckpoints(file: string, { publicKey, checkpoints }: { publicKey: string; checkpoints: readonly ExportedCheckpoint[] }): void {
  const exported: ExportedCheckpoints = {
    format: EXPORT_FORMAT,
    publicKey,
    checkpoints: checkpoints.map(({ chain, seq, statement, signature }) => ({ chain, seq, statement, signature })),
  };
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o644 });
  renameSync(partial, target);
}
