import 'server-only';
import type { KeyObject } from 'node:crypto';
import { describeFinding, judgeCheckpoints, parseStatement, type CheckpointReport, type SignedCheckpoint } from '@/lib/domain/audit-checkpoint';
import { AUDIT_GENESIS_HASH, chainGenesisHash, NO_CLINIC_CHAIN, verifyAuditChain, type AuditCutover, type StoredAuditEvent } from '@/lib/domain/audit-chain';
import { db } from '../db';
import type { ExportedCheckpoint } from './export-audit-checkpoints';
import { listAuditChains } from './list-audit-chains';

const BATCH = 5_000;

/** What audit:verify found for one chain: a clinic's, the no-clinic chain, or (null) the single chain from before the cut-over. */
export type ChainReport = {
  chain: string | null;
  /** The clinic's name, when the chain is a clinic's and the clinic is there. */
  clinicName: string | null;
  /** Rows whose links and hashes were checked before the first broken one (all of them when the chain holds). */
  rowsChecked: number;
  links: { ok: true } | { ok: false; brokenAtId: string; reason: string };
  /** Null when no public key was given: the checkpoints were not checked. */
  checkpoints: CheckpointReport | null;
  /** What is wrong with this chain, one sentence each: the chain's break, the cut-over's, the checkpoints' findings. */
  problems: string[];
  /** The first row of this chain this check can no longer vouch for, when something is wrong. */
  firstUnvouchedId: string | null;
  /** The newest checkpoint of this chain that holds: every row of it up to there is as it was signed. */
  vouchedThroughId: string | null;
  /** Rows of this chain after that checkpoint: vouched for by the chain alone until its next checkpoint. */
  rowsAfterCheckpoint: number;
  ok: boolean;
};

export type TrailVerdict = {
  /** Where the single chain ended and the per-clinic chains began; null when that record is missing. */
  cutover: (AuditCutover & { at: Date }) | null;
  chains: ChainReport[];
  /** Problems of the trail as a whole (the cut-over record missing). */
  problems: string[];
  ok: boolean;
};

const inChain = (chain: string | null) => ({ chain });

async function walkChain(chain: string | null, startHash: string): Promise<{ rowsChecked: number; links: ChainReport['links'] }> {
  let lastId: bigint | null = null;
  let previousHash = startHash;
  let rowsChecked = 0;
  for (;;) {
    const rows: StoredAuditEvent[] = await db.auditEvent.findMany({ where: { ...inChain(chain), ...(lastId === null ? {} : { id: { gt: lastId } }) }, orderBy: { id: 'asc' }, take: BATCH });
    if (rows.length === 0) return { rowsChecked, links: { ok: true } };
    const verdict = verifyAuditChain(rows, previousHash, chain);
    if (!verdict.ok) return { rowsChecked: rowsChecked + verdict.checked, links: { ok: false, brokenAtId: verdict.brokenAtId, reason: verdict.reason } };
    rowsChecked += verdict.checked;
    const last = rows[rows.length - 1]!;
    lastId = BigInt(last.id);
    previousHash = last.hash;
  }
}

async function firstRowAfter(chain: string | null, id: string | null): Promise<string | null> {
  const row = await db.auditEvent.findFirst({ where: { ...inChain(chain), ...(id === null ? {} : { id: { gt: BigInt(id) } }) }, orderBy: { id: 'asc' }, select: { id: true } });
  return row ? String(row.id) : null;
}

/** The single chain's end now, against the end the cut-over recorded. */
function cutoverProblem(cutover: AuditCutover, last: { id: bigint; hash: string } | null): string | null {
  const recorded = cutover.lastLegacyEventId;
  if (recorded === null) return last === null ? null : `Row ${last.id} was added to the single chain, which was empty at the cut-over.`;
  if (last === null) return `The single chain ended at row ${recorded} at the cut-over, but it is empty now: its rows were removed.`;
  const [now, then] = [last.id, BigInt(recorded)];
  if (now < then) return `The single chain ended at row ${recorded} at the cut-over, but now ends at row ${now}: its tail was cut off.`;
  if (now > then) return `Rows were added to the single chain after the cut-over (it ended at row ${recorded}, and now ends at row ${now}).`;
  if (last.hash !== cutover.lastLegacyHash) return `Row ${recorded}, where the single chain ended at the cut-over, no longer has the hash recorded then: the chain was rewritten.`;
  return null;
}

async function verifyChain(chain: string | null, { startHash, cutover, publicKey, exported }: { startHash: string; cutover: AuditCutover | null; publicKey: KeyObject | null; exported: SignedCheckpoint | null }) {
  const { rowsChecked, links } = await walkChain(chain, startHash);
  const problems: string[] = links.ok ? [] : [`The hash chain is broken at row ${links.brokenAtId}: ${links.reason}.`];
  const last = await db.auditEvent.findFirst({ where: inChain(chain), orderBy: { id: 'desc' }, select: { id: true, hash: true } });
  if (chain === null && cutover) {
    const problem = cutoverProblem(cutover, last);
    if (problem) problems.push(problem);
  }
  let checkpoints: CheckpointReport | null = null;
  if (publicKey) {
    const stored =
      chain === null
        ? await db.auditCheckpoint.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, statement: true, signature: true } })
        : await db.auditChainCheckpoint.findMany({ where: { chain }, orderBy: { seq: 'asc' }, select: { seq: true, statement: true, signature: true } });
    const signedIds = [...stored, ...(exported ? [exported] : [])].map((checkpoint) => parseStatement(checkpoint.statement)?.lastEventId).filter((id): id is string => id !== undefined);
    const rows = await db.auditEvent.findMany({ where: { ...inChain(chain), id: { in: signedIds.map((id) => BigInt(id)) } }, select: { id: true, hash: true } });
    const hashOfRow = new Map<string, string | null>(signedIds.map((id) => [id, null]));
    for (const row of rows) hashOfRow.set(String(row.id), row.hash);
    checkpoints = judgeCheckpoints(stored, exported, publicKey, { chain, hashOfRow, lastEventId: last ? String(last.id) : null });
    problems.push(...checkpoints.findings.map(describeFinding));
  }
  const vouchedThroughId = checkpoints?.vouchedBy?.lastEventId ?? null;
  const rowsAfterCheckpoint = await db.auditEvent.count({ where: { ...inChain(chain), ...(vouchedThroughId === null ? {} : { id: { gt: BigInt(vouchedThroughId) } }) } });
  let firstUnvouchedId: string | null = null;
  if (problems.length > 0) {
    const afterCheckpoint = await firstRowAfter(chain, vouchedThroughId);
    const candidates = [afterCheckpoint, links.ok ? null : links.brokenAtId].filter((id): id is string => id !== null);
    firstUnvouchedId = candidates.length === 0 ? null : candidates.reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b));
  }
  return { chain, rowsChecked, links, checkpoints, problems, firstUnvouchedId, vouchedThroughId, rowsAfterCheckpoint, ok: problems.length === 0 };
}

/**
 * `npm run audit:verify`: walks every chain (each clinic's, the no-clinic chain, and the single chain from before
 * the cut-over), then judges each chain's signed checkpoints (the database's, and those exported to a file outside
 * it) against it, with the public key given. For each chain, names the first row it can no longer vouch for.
 * `chains` narrows it to some per-clinic chains (clinic ids, or "no-clinic").
 */
export async function verifyAuditTrail({ publicKey, exported = [], chains: only }: { publicKey: KeyObject | null; exported?: readonly ExportedCheckpoint[]; chains?: readonly string[] }): Promise<TrailVerdict> {
  const record = await db.auditChainCutover.findUnique({ where: { id: 1 } });
  const cutover = record ? { at: record.at, lastLegacyEventId: record.lastLegacyEventId === null ? null : String(record.lastLegacyEventId), lastLegacyHash: record.lastLegacyHash } : null;
  const problems = cutover ? [] : ['The cut-over record (AuditChainCutover) is missing: no per-clinic chain can be checked from its start.'];

  const chains: Array<string | null> = [];
  if (only) {
    chains.push(...only);
  } else {
    const [named, singleRow, singleCheckpoints] = await Promise.all([listAuditChains(), db.auditEvent.findFirst({ where: { chain: null }, select: { id: true } }), db.auditCheckpoint.count()]);
    const hasSingleChain = singleRow !== null || singleCheckpoints > 0 || cutover?.lastLegacyEventId != null || exported.some((checkpoint) => checkpoint.chain === null);
    if (hasSingleChain) chains.push(null);
    chains.push(...new Set([...named, ...exported.flatMap((checkpoint) => (checkpoint.chain === null ? [] : [checkpoint.chain]))]));
  }

  const clinics = await db.clinic.findMany({ where: { id: { in: chains.filter((chain): chain is string => chain !== null) } }, select: { id: true, name: true } });
  const clinicName = new Map(clinics.map((clinic) => [clinic.id, clinic.name]));
  const verdicts: ChainReport[] = [];
  for (const chain of chains) {
    const startHash = chain === null ? AUDIT_GENESIS_HASH : cutover ? chainGenesisHash(chain, cutover) : '';
    const exportedHere = exported.find((checkpoint) => checkpoint.chain === chain) ?? null;
    const verdict = await verifyChain(chain, { startHash, cutover, publicKey, exported: exportedHere });
    verdicts.push({ ...verdict, clinicName: chain === null || chain === NO_CLINIC_CHAIN ? null : (clinicName.get(chain) ?? null) });
  }
  // The single chain first, then clinics by name, then rows with no clinic.
  const order = (verdict: ChainReport) => (verdict.chain === null ? '0' : verdict.chain === NO_CLINIC_CHAIN ? '2' : `1${verdict.clinicName ?? ''}\u0000${verdict.chain}`);
  verdicts.sort((a, b) => order(a).localeCompare(order(b)));
  return { cutover, chains: verdicts, problems, ok: problems.length === 0 && verdicts.every((verdict) => verdict.ok) };
}
