import 'server-only';
import { auditHashPrefix, type AuditContent } from '@/lib/domain/audit-chain';
import { canonicalJson } from '@/lib/domain/content-hash';
import type { Actor } from '../authz/actor';
import type { Tx } from '../db';

export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

export type AuditEntry = {
  actorId: string | null;
  clinicId: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  patientId?: string | null;
  outcome: AuditOutcome;
  ip?: string | null;
  before?: unknown;
  after?: unknown;
};

/** The record an act was done to, and whose record it is when it concerns a patient. */
export type AuditRecord = { type: string; id: string | null; patientId?: string | null };

/**
 * "This signed-in user did `action` to that record": the audit entry for every act of a user, with who,
 * which clinic and from where taken from the actor. Acts with no signed-in user (a sign-in, a refused one,
 * an invitation accepted) write their AuditEntry in full.
 */
export function actorDid(
  actor: Pick<Actor, 'userId' | 'clinicId' | 'ip'>,
  action: string,
  record: AuditRecord,
  { outcome = 'SUCCESS', before, after }: { outcome?: AuditOutcome; before?: unknown; after?: unknown } = {},
): AuditEntry {
  return {
    actorId: actor.userId,
    clinicId: actor.clinicId,
    action,
    entityType: record.type,
    entityId: record.id,
    patientId: record.patientId ?? null,
    outcome,
    ip: actor.ip,
    before,
    after,
  };
}

/** A transaction, or the client itself for an audit row that records no change (a read, a denial). */
export type AuditWriter = Pick<Tx, '$executeRaw'>;

/**
 * Appends one row to its clinic's audit chain (rows with no clinic: the no-clinic chain). Given a transaction,
 * the row commits or rolls back with the change it records. The database function (regimen_append_audit_event,
 * migration 20261127114052_audit_chains_per_clinic) takes that chain's lock, until the transaction ends, reads the
 * chain's last hash and inserts in one statement, so writes of different clinics never wait for each other; the
 * hash is the one lib/domain/audit-chain.ts defines.
 */
export async function recordAudit(writer: AuditWriter, entry: AuditEntry): Promise<void> {
  const content: AuditContent = {
    at: new Date(),
    actorId: entry.actorId,
    clinicId: entry.clinicId,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    patientId: entry.patientId ?? null,
    outcome: entry.outcome,
    ip: entry.ip ?? null,
    // Stored as JSON exactly as hashed (dates as ISO strings), so verification recomputes the same hash.
    before: asStoredJson(entry.before),
    after: asStoredJson(entry.after),
  };
  await writer.$executeRaw`SELECT regimen_append_audit_event(
    (${content.at.toISOString()}::timestamptz AT TIME ZONE 'UTC')::timestamp(3),
    ${content.actorId}, ${content.clinicId}, ${content.action}, ${content.entityType}, ${content.entityId},
    ${content.patientId}, ${content.outcome}, ${content.ip},
    ${jsonText(content.before)}::jsonb, ${jsonText(content.after)}::jsonb,
    ${auditHashPrefix(content)})`;
}

function asStoredJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(canonicalJson(value));
}

function jsonText(value: unknown): string | null {
  return value === null ? null : canonicalJson(value);
}
