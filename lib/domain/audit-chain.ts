import { canonicalJson, sha256Hex } from './content-hash';

// Every audit row carries the hash of its own content chained to the previous row's hash, so any
// edit, deletion or reordering of past rows breaks the chain at that point.
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

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

export type StoredAuditEvent = AuditContent & { id: bigint | number | string; prevHash: string; hash: string };

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenAtId: string; reason: string };

/** Walks rows in id order; reports the first row whose link or content does not match. */
export function verifyAuditChain(rows: Iterable<StoredAuditEvent>, startHash = AUDIT_GENESIS_HASH): ChainVerdict {
  let expectedPrev = startHash;
  let checked = 0;
  for (const row of rows) {
    if (row.prevHash !== expectedPrev) {
      return { ok: false, checked, brokenAtId: String(row.id), reason: 'does not link to the row before it' };
    }
    if (hashAuditEvent(row, row.prevHash) !== row.hash) {
      return { ok: false, checked, brokenAtId: String(row.id), reason: 'content does not match its hash' };
    }
    expectedPrev = row.hash;
    checked += 1;
  }
  return { ok: true, checked };
}
