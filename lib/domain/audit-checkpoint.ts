import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, sha256Hex } from './content-hash';

// The hash chain (audit-chain.ts) shows an edited row, but it has no key: someone who can write to the database
// can cut rows off the end, or rewrite a row and recompute every hash after it, and the chain still links. A
// checkpoint closes that: a statement "the trail, up to row N, ended with hash H", signed with an Ed25519 key the
// database does not hold. Checkpoints are numbered without gaps and each names the one before it (the hash of its
// statement), and the newest can be kept outside the database, so removing checkpoints shows too. The key signs;
// only its public half is needed to check.
//
// Each chain (a clinic's, the no-clinic chain: audit-chain.ts) has checkpoints of its own, numbered from 1 and
// judged on their own, so a finding names the clinic whose chain it is about. Version 2 statements name their
// chain; version 1 statements, signed before the per-clinic chains, vouch for the single chain from before the
// cut-over and name none.

export const CHECKPOINT_GENESIS = '0'.repeat(64);

export type CheckpointStatement = {
  v: 1 | 2;
  /** The chain it vouches for (v2); null in v1, which vouches for the single chain from before the cut-over. */
  chain: string | null;
  /** 1, 2, 3, ... with no gaps, per chain. */
  seq: number;
  at: string;
  /** The id of the last audit row it vouches for, as text (ids are 64-bit). */
  lastEventId: string;
  lastHash: string;
  /** sha256 of the previous checkpoint's statement, or CHECKPOINT_GENESIS for the first. */
  prev: string;
};

/** The exact text that is signed and stored: version 2 when it names a chain, version 1 (the single chain) when not. */
export function checkpointStatement({ chain, ...statement }: Omit<CheckpointStatement, 'v'>): string {
  return chain === null ? canonicalJson({ v: 1, ...statement }) : canonicalJson({ v: 2, chain, ...statement });
}

/** What the next checkpoint names as its `prev`. */
export function statementDigest(statement: string): string {
  return sha256Hex(statement);
}

export function parseStatement(text: string): CheckpointStatement | null {
  try {
    const value = JSON.parse(text) as Partial<CheckpointStatement>;
    if (value.v === 1 && value.chain !== undefined) return null;
    if (value.v === 2 && (typeof value.chain !== 'string' || value.chain === '')) return null;
    if ((value.v !== 1 && value.v !== 2) || !Number.isInteger(value.seq) || typeof value.at !== 'string' || typeof value.lastEventId !== 'string' || !/^\d+$/.test(value.lastEventId)) return null;
    if (typeof value.lastHash !== 'string' || typeof value.prev !== 'string') return null;
    // Only what checkpointStatement writes: the same text, byte for byte.
    const statement = { ...value, chain: value.chain ?? null } as CheckpointStatement;
    const rewritten = checkpointStatement({ chain: statement.chain, seq: statement.seq, at: statement.at, lastEventId: statement.lastEventId, lastHash: statement.lastHash, prev: statement.prev });
    return rewritten === text ? statement : null;
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
  | { kind: 'other_chain'; seq: number; where: 'database' | 'export'; chain: string | null }
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
  /** The chain judged: a clinic's id or the no-clinic chain; null for the single chain from before the cut-over. */
  chain: string | null;
  /** The hash each checkpoint's row has now in this chain (null when that row is not there), by row id. */
  hashOfRow: ReadonlyMap<string, string | null>;
  /** The chain's last row now, or null when it is empty. */
  lastEventId: string | null;
};

/**
 * Judges one chain's checkpoints against the chain as it is now. `stored` are the database's checkpoints of that
 * chain, in any order; `exported` is its checkpoint kept outside the database (the newest, when it was exported).
 * Every checkpoint must carry a signature by `publicKey` over its own statement, which names this chain; the
 * numbers must run without gaps up to the newest one known, each must name the one before it, and the row each one
 * signed must still be there with the hash it signed.
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
    } else if (statement.chain !== trail.chain) {
      findings.push({ kind: 'other_chain', seq: checkpoint.seq, where: 'database', chain: statement.chain });
    } else {
      valid.set(checkpoint.seq, statement);
    }
  }
  if (exported) {
    const statement = parseStatement(exported.statement);
    if (!statement || statement.seq !== exported.seq || !isSignedBy(exported.statement, exported.signature, publicKey)) {
      findings.push({ kind: 'bad_signature', seq: exported.seq, where: 'export' });
    } else if (statement.chain !== trail.chain) {
      findings.push({ kind: 'other_chain', seq: exported.seq, where: 'export', chain: statement.chain });
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
    case 'other_chain': {
      const named = finding.chain === null ? 'the single chain from before the cut-over' : `the chain ${finding.chain}`;
      return finding.where === 'export'
        ? `The exported checkpoint ${finding.seq} vouches for ${named}, not this one.`
        : `Checkpoint ${finding.seq} in the database vouches for ${named}, not this one: it was moved.`;
    }
    case 'checkpoint_removed':
      return `Checkpoint${finding.seqs.length === 1 ? '' : 's'} ${finding.seqs.join(', ')} ${finding.seqs.length === 1 ? 'is' : 'are'} missing from the database: removed.`;
    case 'checkpoint_replaced':
      return `Checkpoint ${finding.seq} in the database is not the one that was exported: it was replaced.`;
    case 'checkpoint_unlinked':
      return `Checkpoint ${finding.seq} does not name the checkpoint before it.`;
    case 'truncated':
      return `Checkpoint ${finding.seq} vouches for the chain up to row ${finding.signedLastEventId}, but the chain ${finding.trailEndsAt === null ? 'is empty' : `ends at row ${finding.trailEndsAt}`}: its tail was cut off.`;
    case 'row_missing':
      return `Row ${finding.signedLastEventId}, which checkpoint ${finding.seq} signed, is missing.`;
    case 'rewritten':
      return `Row ${finding.signedLastEventId} no longer has the hash checkpoint ${finding.seq} signed: the chain up to it was rewritten and its hashes recomputed.`;
    default: {
      const unhandled: never = finding;
      throw new Error(`Unhandled finding ${JSON.stringify(unhandled)}`);
    }
  }
}
