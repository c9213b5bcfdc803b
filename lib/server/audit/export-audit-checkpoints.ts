import 'server-only';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SignedCheckpoint } from '@/lib/domain/audit-checkpoint';

export const EXPORT_FORMAT = 'regimen-audit-checkpoint/1';

export type ExportedCheckpoint = SignedCheckpoint & { format: typeof EXPORT_FORMAT; publicKey: string };

/**
 * Writes a checkpoint to a file outside the database (a folder the database's administrators cannot write, a
 * mounted WORM bucket), whole or not at all: written beside it, then renamed over it. `npm run audit:verify --
 * --checkpoint <file>` then shows a checkpoint removed from the database, and the tail it vouched for.
 */
export function exportAuditCheckpoint(file: string, checkpoint: { seq: number; statement: string; signature: string; publicKey: string }): void {
  const exported: ExportedCheckpoint = { format: EXPORT_FORMAT, seq: checkpoint.seq, statement: checkpoint.statement, signature: checkpoint.signature, publicKey: checkpoint.publicKey };
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, `${JSON.stringify(exported, null, 2)}\n`, { mode: 0o644 });
  renameSync(partial, target);
}
