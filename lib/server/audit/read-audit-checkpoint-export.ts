import 'server-only';
import { readFileSync } from 'node:fs';
import { EXPORT_FORMAT, SINGLE_CHAIN_EXPORT_FORMAT, type ExportedCheckpoint } from './export-audit-checkpoints';

function isCheckpoint(value: unknown): value is ExportedCheckpoint {
  if (typeof value !== 'object' || value === null) return false;
  const { chain, seq, statement, signature } = value as Record<string, unknown>;
  return (chain === null || typeof chain === 'string') && typeof seq === 'number' && typeof statement === 'string' && typeof signature === 'string';
}

/** A file exportAuditCheckpoints wrote, or one checkpoint of the single chain exported before the per-clinic chains. */
export function readAuditCheckpointExport(file: string): { publicKey: string; checkpoints: ExportedCheckpoint[] } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (typeof parsed.publicKey === 'string') {
    if (parsed.format === EXPORT_FORMAT && Array.isArray(parsed.checkpoints) && parsed.checkpoints.every(isCheckpoint)) {
      return { publicKey: parsed.publicKey, checkpoints: parsed.checkpoints };
    }
    const single = { ...parsed, chain: null };
    if (parsed.format === SINGLE_CHAIN_EXPORT_FORMAT && isCheckpoint(single)) {
      return { publicKey: parsed.publicKey, checkpoints: [{ chain: null, seq: single.seq, statement: single.statement, signature: single.signature }] };
    }
  }
  throw new Error(`${file} is not an exported audit checkpoint file (${EXPORT_FORMAT}).`);
}
