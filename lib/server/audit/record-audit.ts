import 'server-only';
import { AUDIT_GENESIS_HASH, hashAuditEvent } from '@/lib/domain/audit-chain';
import { canonicalJson } from '@/lib/domain/content-hash';
import type { Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';

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

// One lock key for the whole chain: appending must read the last hash and write the next row
// without another transaction slipping in between.
const AUDIT_CHAIN_LOCK = 72_530_001;

/** Appends one row to the audit chain, inside the caller's transaction so it commits with the change. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const content = {
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
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
  await tx.auditEvent.create({
    data: {
      ...content,
      before: content.before ?? undefined,
      after: content.after ?? undefined,
      prevHash,
      hash: hashAuditEvent(content, prevHash),
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(canonicalJson(value)) as Prisma.InputJsonValue;
}
