import 'server-only';
import { CHECKPOINT_GENESIS, checkpointStatement, signStatement, statementDigest } from '@/lib/domain/audit-checkpoint';
import { db } from '../db';
import { loadAuditSigningKey, publicKeyText, type AuditSigningKey } from './audit-signing-key';

export type StoredCheckpoint = { seq: number; at: Date; lastEventId: bigint; lastHash: string; statement: string; signature: string; publicKey: string };

// Checkpoint writers (every app process's timer, npm run audit:checkpoint) take turns on this lock, so numbers
// never collide. It is not the chain's own lock (72530001): appending never waits for a checkpoint.
const CHECKPOINT_LOCK = 72530002;

/**
 * Signs the trail as it is now: "up to row N, it ended with hash H" (lib/domain/audit-checkpoint.ts), numbered
 * after the newest checkpoint and naming it. Rows are appended in id order under the chain's lock, so every row up
 * to the newest committed one is committed. Writes nothing when no row was appended since the newest checkpoint.
 * Not itself audited: a row for it would always leave a row after it to sign.
 */
export async function writeAuditCheckpoint({ key = loadAuditSigningKey({ create: true }), now = new Date() }: { key?: AuditSigningKey | null; now?: Date } = {}): Promise<{ isNew: boolean; checkpoint: StoredCheckpoint | null }> {
  if (!key) throw new Error('No audit signing key is configured (REGIMEN_AUDIT_SIGNING_KEY or REGIMEN_AUDIT_KEY_FILE).');
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
    const [last, previous] = await Promise.all([
      tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true, hash: true } }),
      tx.auditCheckpoint.findFirst({ orderBy: { seq: 'desc' } }),
    ]);
    if (!last || (previous && previous.lastEventId >= last.id)) return { isNew: false, checkpoint: previous };
    const seq = (previous?.seq ?? 0) + 1;
    const statement = checkpointStatement({
      seq,
      at: now.toISOString(),
      lastEventId: String(last.id),
      lastHash: last.hash,
      prev: previous ? statementDigest(previous.statement) : CHECKPOINT_GENESIS,
    });
    const checkpoint = await tx.auditCheckpoint.create({
      data: { seq, at: now, lastEventId: last.id, lastHash: last.hash, statement, signature: signStatement(statement, key.privateKey), publicKey: publicKeyText(key.publicKey) },
    });
    return { isNew: true, checkpoint };
  });
}
