import 'server-only';
import type { KeyObject } from 'node:crypto';
import { describeFinding, judgeCheckpoints, parseStatement, type CheckpointReport, type SignedCheckpoint } from '@/lib/domain/audit-checkpoint';
import { AUDIT_GENESIS_HASH, verifyAuditChain, type StoredAuditEvent } from '@/lib/domain/audit-chain';
import { db } from '../db';

const BATCH = 5_000;

export type TrailVerdict = {
  /** Rows whose links and hashes were checked before the first broken one (all of them when the chain holds). */
  rowsChecked: number;
  chain: { ok: true } | { ok: false; brokenAtId: string; reason: string };
  /** Null when no public key was given: the checkpoints were not checked. */
  checkpoints: CheckpointReport | null;
  /** What is wrong, one sentence each: the chain's break and the checkpoints' findings. */
  problems: string[];
  /** The first row this check can no longer vouch for, when something is wrong. */
  firstUnvouchedId: string | null;
  /** The newest checkpoint that holds: every row up to it is as it was signed. */
  vouchedThroughId: string | null;
  /** Rows appended after that checkpoint: vouched for by the chain alone until the next checkpoint. */
  rowsAfterCheckpoint: number;
  ok: boolean;
};

async function walkChain(): Promise<{ rowsChecked: number; chain: TrailVerdict['chain'] }> {
  let lastId: bigint | null = null;
  let previousHash = AUDIT_GENESIS_HASH;
  let rowsChecked = 0;
  for (;;) {
    const rows: StoredAuditEvent[] = await db.auditEvent.findMany({ where: lastId === null ? {} : { id: { gt: lastId } }, orderBy: { id: 'asc' }, take: BATCH });
    if (rows.length === 0) return { rowsChecked, chain: { ok: true } };
    const verdict = verifyAuditChain(rows, previousHash);
    if (!verdict.ok) return { rowsChecked: rowsChecked + verdict.checked, chain: { ok: false, brokenAtId: verdict.brokenAtId, reason: verdict.reason } };
    rowsChecked += verdict.checked;
    const last = rows[rows.length - 1]!;
    lastId = BigInt(last.id);
    previousHash = last.hash;
  }
}

async function firstRowAfter(id: string | null): Promise<string | null> {
  const row = await db.auditEvent.findFirst({ where: id === null ? {} : { id: { gt: BigInt(id) } }, orderBy: { id: 'asc' }, select: { id: true } });
  return row ? String(row.id) : null;
}

/**
 * `npm run audit:verify`: walks the hash chain, then judges the signed checkpoints (the database's, and one
 * exported to a file outside it) against the trail as it is now, with the public key given. Names the first row it
 * can no longer vouch for.
 */
export async function verifyAuditTrail({ publicKey, exported = null }: { publicKey: KeyObject | null; exported?: SignedCheckpoint | null }): Promise<TrailVerdict> {
  const { rowsChecked, chain } = await walkChain();
  const problems: string[] = chain.ok ? [] : [`The hash chain is broken at row ${chain.brokenAtId}: it ${chain.reason}.`];
  let checkpoints: CheckpointReport | null = null;
  const last = await db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  if (publicKey) {
    const stored = await db.auditCheckpoint.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, statement: true, signature: true } });
    const signedIds = [...stored, ...(exported ? [exported] : [])].map((checkpoint) => parseStatement(checkpoint.statement)?.lastEventId).filter((id): id is string => id !== undefined);
    const rows = await db.auditEvent.findMany({ where: { id: { in: signedIds.map((id) => BigInt(id)) } }, select: { id: true, hash: true } });
    const hashOfRow = new Map<string, string | null>(signedIds.map((id) => [id, null]));
    for (const row of rows) hashOfRow.set(String(row.id), row.hash);
    checkpoints = judgeCheckpoints(stored, exported, publicKey, { hashOfRow, lastEventId: last ? String(last.id) : null });
    problems.push(...checkpoints.findings.map(describeFinding));
  }
  const vouchedThroughId = checkpoints?.vouchedBy?.lastEventId ?? null;
  const rowsAfterCheckpoint = await db.auditEvent.count({ where: vouchedThroughId === null ? {} : { id: { gt: BigInt(vouchedThroughId) } } });
  let firstUnvouchedId: string | null = null;
  if (problems.length > 0) {
    const afterCheckpoint = await firstRowAfter(vouchedThroughId);
    const candidates = [afterCheckpoint, chain.ok ? null : chain.brokenAtId].filter((id): id is string => id !== null);
    firstUnvouchedId = candidates.length === 0 ? null : candidates.reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b));
  }
  return { rowsChecked, chain, checkpoints, problems, firstUnvouchedId, vouchedThroughId, rowsAfterCheckpoint, ok: problems.length === 0 };
}
