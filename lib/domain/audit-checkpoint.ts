import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, sha256Hex } from './content-hash';

// The hash chain (audit-chain.ts) shows an edited row, but it has no key: someone who can write to the database
// can cut rows off the end, or rewrite a row and recompute every hash after it, and the chain still links. A
// checkpoint closes that: a statement "the trail, up to row N, ended with hash H", signed with an Ed25519 key the
// database does not hold. Checkpoints are numbered without gaps and each names the one before it (the hash of its
// statement), and the newest can be kept outside the database, so removing checkpoints shows too. The key signs;
// only its public half is needed to check.

export const CHECKPOINT_GENESIS = '0'.repeat(64);

export type CheckpointStatement = {
  v: 1;
  /** 1, 2, 3, ... with no gaps. */
  seq: number;
  at: string;
  /** The id of the last audit row it vouches for, as text (ids are 64-bit). */
  lastEventId: string;
  lastHash: string;
  /** sha256 of the previous checkpoint's statement, or CHECKPOINT_GENESIS for the first. */
  prev: string;
};

/** The exact text that is signed and stored. */
export function checkpointStatement(statement: Omit<CheckpointStatement, 'v'>): string {
  return canonicalJson({ v: 1, ...statement });
}

/** What the next checkpoint names as its `prev`. */
export function statementDigest(statement: string): string {
  return sha256Hex(statement);
}

export function parseStatement(text: string): CheckpointStatement | null {
  try {
    const value = JSON.parse(text) as Partial<CheckpointStatement>;
    if (value.v !== 1 || !Number.isInteger(value.seq) || typeof value.at !== 'string' || typeof value.lastEventId !== 'string' || !/^\d+$/.test(value.lastEventId)) return null;
    if (typeof value.lastHash !== 'string' || typeof value.prev !== 'string') return null;
    // Only what checkpointStatement writes: the same text, byte for byte.
    const statement = value as CheckpointStatement;
    return checkpointStatement({ seq: statement.seq, at: statement.at, lastEventId: statement.lastEventId, lastHash: statement.lastHash, prev: statement.prev }) === text ? statement : null;
  } catch {
    return null;
  }
}

export function signStatement(statement: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(statement, 'utf8'), privateKey).toString('base64');
}

export function isSignedBy(statement: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(statement, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A checkpoint as stored in the database, or as exported to a file outside it. */
export type SignedCheckpoint = { seq: number; statement: string; signature: string };

export type CheckpointFinding =
  | { kind: 'bad_signature'; seq: number; where: 'database' | 'export' }
  | { kind: 'checkpoint_removed'; seqs: number[] }
  | { kind: 'checkpoint_replaced'; seq: number }
  | { kind: 'checkpoint_unlinked'; seq: number }
  | { kind: 'truncated'; seq: number; signedLastEventId: string; trailEndsAt: string | null }
  | { kind: 'row_missing'; seq: number; signedLastEventId: string }
  | { kind: 'rewritten'; seq: number; signedLastEventId: string };

export type CheckpointReport = {
  findings: CheckpointFinding[];
  /** The newest checkpoint that still holds (signed by the key, and its row has the hash it signed). */
  vouchedBy: { seq: number; lastEventId: string } | null;
  /** Checkpoints read: in the database, and the exported one when given. */
  checked: number;
};

export type TrailFacts = {
  /** The hash each checkpoint's row has now (null when that row is not there), by row id. */
  hashOfRow: ReadonlyMap<string, string | null>;
  /** The trail's last row now, or null when it is empty. */
  lastEventId: string | null;
};

/**
 * Judges the checkpoints against the trail as it is now. `stored` are the database's checkpoints, in any order;
 * `exported` is a checkpoint kept outside the database (the newest, when it was exported). Every checkpoint must
 * carry a signature by `publicKey` over its own statement, the numbers must run without gaps up to the newest one
 * known, each must name the one before it, and the row each one signed must still be there with the hash it signed.
 */
export function judgeCheckpoints(stored: readonly SignedCheckpoint[], exported: SignedCheckpoint | null, publicKey: KeyObject, trail: TrailFacts): CheckpointReport {
  const findings: CheckpointFinding[] = [];
  const bySeq = new Map<number, SignedCheckpoint>();
  const valid = new Map<number, CheckpointStatement>();
  for (const checkpoint of [...stored].sort((a, b) => a.seq - b.seq)) {
    bySeq.set(checkpoint.seq, checkpoint);
    const statement = parseStatement(checkpoint.statement);
    if (!statement || statement.seq !== checkpoint.seq || !isSignedBy(checkpoint.statement, checkpoint.signature, publicKey)) {
      findings.push({ kind: 'bad_signature', seq: checkpoint.seq, where: 'database' });
    } else {
      valid.set(checkpoint.seq, statement);
    }
  }
  if (exported) {
    const statement = parseStatement(exported.statement);
    if (!statement || statement.seq !== exported.seq || !isSignedBy(exported.statement, exported.signature, publicKey)) {
      findings.push({ kind: 'bad_signature', seq: exported.seq, where: 'export' });
    } else {
      const sameSeq = bySeq.get(exported.seq);
      if (sameSeq && sameSeq.statement !== exported.statement) findings.push({ kind: 'checkpoint_replaced', seq: exported.seq });
      if (!sameSeq) {
        bySeq.set(exported.seq, exported);
        valid.set(exported.seq, statement);
      }
    }
  }

  // Every number up to the newest known must be in the database; the exported one too.
  const inDatabase = new Set(stored.map((checkpoint) => checkpoint.seq));
  const newest = Math.max(0, ...bySeq.keys());
  const missing = Array.from({ length: newest }, (_, index) => index + 1).filter((seq) => !inDatabase.has(seq));
  if (missing.length > 0) findings.push({ kind: 'checkpoint_removed', seqs: missing });

  let vouchedBy: CheckpointReport['vouchedBy'] = null;
  for (const [seq, statement] of [...valid].sort(([a], [b]) => a - b)) {
    const before = valid.get(seq - 1);
    const beforeText = before ? bySeq.get(seq - 1)?.statement : undefined;
    if (seq === 1 ? statement.prev !== CHECKPOINT_GENESIS : beforeText !== undefined && statement.prev !== statementDigest(beforeText)) {
      findings.push({ kind: 'checkpoint_unlinked', seq });
    }
    const hash = trail.hashOfRow.get(statement.lastEventId);
    if (hash === undefined || hash === null) {
      const isPastTheEnd = trail.lastEventId === null || BigInt(statement.lastEventId) > BigInt(trail.lastEventId);
      findings.push(
        isPastTheEnd
          ? { kind: 'truncated', seq, signedLastEventId: statement.lastEventId, trailEndsAt: trail.lastEventId }
          : { kind: 'row_missing', seq, signedLastEventId: statement.lastEventId },
      );
      continue;
    }
    if (hash !== statement.lastHash) {
      findings.push({ kind: 'rewritten', seq, signedLastEventId: statement.lastEventId });
      continue;
    }
    vouchedBy = { seq, lastEventId: statement.lastEventId };
  }
  return { findings, vouchedBy, checked: bySeq.size };
}

/** One line per finding, in words an auditor reads. */
export function describeFinding(finding: CheckpointFinding): string {
  switch (finding.kind) {
    case 'bad_signature':
      return finding.where === 'export'
        ? `The exported checkpoint ${finding.seq} is not signed by this key: it was altered, or it belongs to another key.`
        : `Checkpoint ${finding.seq} in the database is not signed by this key: it was altered or forged.`;
    case 'checkpoint_removed':
      return `Checkpoint${finding.seqs.length === 1 ? '' : 's'} ${finding.seqs.join(', ')} ${finding.seqs.length === 1 ? 'is' : 'are'} missing from the database: removed.`;
    case 'checkpoint_replaced':
      return `Checkpoint ${finding.seq} in the database is not the one that was exported: it was replaced.`;
    case 'checkpoint_unlinked':
      return `Checkpoint ${finding.seq} does not name the checkpoint before it.`;
    case 'truncated':
      return `Checkpoint ${finding.seq} vouches for the trail up to row ${finding.signedLastEventId}, but the trail ${finding.trailEndsAt === null ? 'is empty' : `ends at row ${finding.trailEndsAt}`}: its tail was cut off.`;
    case 'row_missing':
      return `Row ${finding.signedLastEventId}, which checkpoint ${finding.seq} signed, is missing.`;
    case 'rewritten':
      return `Row ${finding.signedLastEventId} no longer has the hash checkpoint ${finding.seq} signed: the trail up to it was rewritten and its hashes recomputed.`;
    default: {
      const unhandled: never = finding;
      throw new Error(`Unhandled finding ${JSON.stringify(unhandled)}`);
    }
  }
}
