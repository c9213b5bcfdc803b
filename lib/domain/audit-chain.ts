import { canonicalJson, sha256Hex } from './content-hash';

// Every audit row carries the hash of its own content chained to the previous row's hash, so any
// edit, deletion or reordering of past rows breaks the chain at that point.
//
// Each clinic's rows form a chain of their own, and rows with no clinic form the no-clinic chain, so that audited
// writes of different clinics never wait on one lock (regimen_append_audit_event, migration
// 20261127114052_audit_chains_per_clinic). Rows written before that migration form the single chain they were
// written as (their `chain` is null), starting from AUDIT_GENESIS_HASH; the migration recorded where it ended (the
// cut-over), and each per-clinic chain starts from a genesis hash made from its name and that end.
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The chain of rows with no clinic (a failed sign-in for an unknown email). Not a clinic id: those are cuids. */
export const NO_CLINIC_CHAIN = 'no-clinic';

/** A chain's name: the clinic's id, or NO_CLINIC_CHAIN. Null names the single chain from before the cut-over. */
export type AuditChainName = string;

export function auditChainOf(clinicId: string | null): AuditChainName {
  return clinicId ?? NO_CLINIC_CHAIN;
}

/** How a chain is named to an auditor: the clinic by name and id, rows with no clinic, or the single chain. */
export function auditChainLabel(chain: AuditChainName | null, clinicName: string | null): string {
  if (chain === null) return 'The single chain from before the cut-over';
  if (chain === NO_CLINIC_CHAIN) return 'Rows with no clinic';
  return clinicName ? `${clinicName} (clinic ${chain})` : `Clinic ${chain}`;
}

/** Where the single chain ended when the per-clinic chains began (the AuditChainCutover row). */
export type AuditCutover = { lastLegacyEventId: string | null; lastLegacyHash: string };

/**
 * The prevHash of a chain's first row: SHA-256 of the chain's name and the single chain's end at the cut-over, so
 * a chain cannot be spliced into another, and cutting or rewriting the single chain's tail shows in every chain
 * after it. The database function computes the same value.
 */
export function chainGenesisHash(chain: AuditChainName, cutover: AuditCutover): string {
  return sha256Hex(`regimen-audit-chain/2\n${chain}\n${cutover.lastLegacyEventId ?? ''}\n${cutover.lastLegacyHash}`);
}

export type AuditContent = {
  at: Date;
  actorId: string | null;
  clinicId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  outcome: string;
  ip: string | null;
  before: unknown;
  after: unknown;
};

function hashedFields(content: AuditContent) {
  return {
    at: content.at.toISOString(),
    actorId: content.actorId,
    clinicId: content.clinicId,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    patientId: content.patientId,
    outcome: content.outcome,
    ip: content.ip,
    before: content.before ?? null,
    after: content.after ?? null,
  };
}

/** The hash of a row: SHA-256 of the canonical JSON of its content and the previous row's hash. */
export function hashAuditEvent(content: AuditContent, prevHash: string): string {
  return sha256Hex(canonicalJson({ ...hashedFields(content), prevHash }));
}

/**
 * The canonical JSON hashAuditEvent hashes, up to where the previous hash goes. "prevHash" sorts after every
 * other key, so the whole is this prefix + the previous hash + '"}'. The database appends rows with it
 * (regimen_append_audit_event), reading the previous hash under the chain's lock in the same statement.
 */
export function auditHashPrefix(content: AuditContent): string {
  const json = canonicalJson(hashedFields(content));
  return `${json.slice(0, -1)},"prevHash":"`;
}

/** What the database computes from auditHashPrefix: the same value as hashAuditEvent. */
export function hashFromPrefix(prefix: string, prevHash: string): string {
  return sha256Hex(`${prefix}${prevHash}"}`);
}

export type StoredAuditEvent = AuditContent & { id: bigint | number | string; prevHash: string; hash: string; chain?: string | null };

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenAtId: string; reason: string };

/**
 * Walks one chain's rows in id order from `startHash`; reports the first row whose link or content does not match.
 * Given the chain's name, also the first row that is not that chain's: its clinic (which its hash covers) names
 * another chain, or it is filed under another.
 */
export function verifyAuditChain(rows: Iterable<StoredAuditEvent>, startHash = AUDIT_GENESIS_HASH, chain: AuditChainName | null = null): ChainVerdict {
  let expectedPrev = startHash;
  let checked = 0;
  for (const row of rows) {
    if (chain !== null && (auditChainOf(row.clinicId) !== chain || (row.chain !== undefined && row.chain !== chain))) {
      return { ok: false, checked, brokenAtId: String(row.id), reason: "it belongs to another clinic's chain" };
    }
    if (row.prevHash !== expectedPrev) {
      return { ok: false, checked, brokenAtId: String(row.id), reason: 'it does not link to the row before it' };
    }
    if (hashAuditEvent(row, row.prevHash) !== row.hash) {
      return { ok: false, checked, brokenAtId: String(row.id), reason: 'its content does not match its hash' };
    }
    expectedPrev = row.hash;
    checked += 1;
  }
  return { ok: true, checked };
}

/**
 * Every chain in `rows` (any order, e.g. a whole table read in one statement), each walked from its own start:
 * rows with no chain name as the single chain from AUDIT_GENESIS_HASH, the others from their genesis hash.
 * Keyed by chain name; null is the single chain from before the cut-over.
 */
export function verifyAuditChains(rows: Iterable<StoredAuditEvent>, cutover: AuditCutover): Map<AuditChainName | null, ChainVerdict> {
  const byChain = new Map<AuditChainName | null, StoredAuditEvent[]>();
  for (const row of rows) {
    const chain = row.chain ?? null;
    const list = byChain.get(chain) ?? [];
    list.push(row);
    byChain.set(chain, list);
  }
  const verdicts = new Map<AuditChainName | null, ChainVerdict>();
  for (const [chain, list] of byChain) {
    list.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    verdicts.set(chain, chain === null ? verifyAuditChain(list) : verifyAuditChain(list, chainGenesisHash(chain, cutover), chain));
  }
  return verdicts;
}
