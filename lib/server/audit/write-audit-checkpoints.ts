import 'server-only';
import { CHECKPOINT_GENESIS, checkpointStatement, signStatement, statementDigest } from '@/lib/domain/audit-checkpoint';
import { db } from '../db';
import { loadAuditSigningKey, publicKeyText, type AuditSigningKey } from './audit-signing-key';

/** A signed checkpoint as stored; `chain` null for the single chain's, from before the cut-over (AuditCheckpoint). */
export type StoredCheckpoint = { chain: string | null; seq: number; at: Date; lastEventId: bigint; lastHash: string; statement: string; signature: string; publicKey: string };

// Checkpoint writers (every app process's timer, npm run audit:checkpoint) take turns on this lock, so numbers
// never collide. Appending never waits for it: appends lock only their own chain.
const CHECKPOINT_LOCK = 72530002;

type ChainHead = { chain: string; lastEventId: bigint; lastHash: string; seq: number | null; signedEventId: bigint | null; statement: string | null };

/**
 * Signs every chain whose head moved since its newest checkpoint: "up to row N, this chain ended with hash H"
 * (lib/domain/audit-checkpoint.ts), numbered after that chain's newest checkpoint and naming it. A chain's rows are
 * appended under its own lock, in id order, so every row of it up to its newest committed one is committed: the
 * head read here is a whole chain. Chains with nothing new get nothing. Not itself audited: a row for it would
 * always leave a row after it to sign.
 */
export async function writeAuditCheckpoints({ key = loadAuditSigningKey({ create: true }), now = new Date() }: { key?: AuditSigningKey | null; now?: Date } = {}): Promise<{ written: StoredCheckpoint[] }> {
  if (!key) throw new Error('No audit signing key is configured (REGIMEN_AUDIT_SIGNING_KEY or REGIMEN_AUDIT_KEY_FILE).');
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`;
    // Each chain's head and newest checkpoint, one index probe each (the chains are found by skipping along the
    // index on ("chain", "id")): the cost grows with the number of clinics, not of rows.
    const heads = await tx.$queryRaw<ChainHead[]>`
      WITH RECURSIVE "chains"("chain") AS (
        (SELECT "chain" FROM "AuditEvent" WHERE "chain" IS NOT NULL ORDER BY "chain" LIMIT 1)
        UNION ALL
        SELECT (SELECT e."chain" FROM "AuditEvent" e WHERE e."chain" > c."chain" ORDER BY e."chain" LIMIT 1) FROM "chains" c WHERE c."chain" IS NOT NULL
      )
      SELECT c."chain", head."id" AS "lastEventId", head."hash" AS "lastHash", newest."seq", newest."lastEventId" AS "signedEventId", newest."statement"
      FROM "chains" c
      CROSS JOIN LATERAL (SELECT "id", "hash" FROM "AuditEvent" WHERE "chain" = c."chain" ORDER BY "id" DESC LIMIT 1) head
      LEFT JOIN LATERAL (SELECT "seq", "lastEventId", "statement" FROM "AuditChainCheckpoint" WHERE "chain" = c."chain" ORDER BY "seq" DESC LIMIT 1) newest ON true
      WHERE c."chain" IS NOT NULL`;
    const publicKey = publicKeyText(key.publicKey);
    const written: StoredCheckpoint[] = heads
      .filter((head) => head.signedEventId === null || head.signedEventId < head.lastEventId)
      .map((head) => {
        const seq = (head.seq ?? 0) + 1;
        const statement = checkpointStatement({
          chain: head.chain,
          seq,
          at: now.toISOString(),
          lastEventId: String(head.lastEventId),
          lastHash: head.lastHash,
          prev: head.statement === null ? CHECKPOINT_GENESIS : statementDigest(head.statement),
        });
        return { chain: head.chain, seq, at: now, lastEventId: head.lastEventId, lastHash: head.lastHash, statement, signature: signStatement(statement, key.privateKey), publicKey };
      });
    if (written.length > 0) await tx.auditChainCheckpoint.createMany({ data: written.map((checkpoint) => ({ ...checkpoint, chain: checkpoint.chain! })) });
    return { written };
  });
}
