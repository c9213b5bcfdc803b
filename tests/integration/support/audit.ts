// Reading the audit trail from tests that run in parallel with other files on the same database: rows are
// always found by a cursor (the last id before the action) plus this test's own actor, entity or ip.
import { auditChainOf, verifyAuditChains, type AuditCutover, type ChainVerdict } from '@/lib/domain/audit-chain';
import { db } from '@/lib/server/db';
import type { Prisma } from '@/lib/server/generated/prisma/client';

/** The id of the newest audit row; rows written after this call have a larger id. */
export async function auditCursor(): Promise<bigint> {
  const last = await db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return last?.id ?? 0n;
}

export async function auditRowsSince(cursor: bigint, where: Prisma.AuditEventWhereInput) {
  return db.auditEvent.findMany({ where: { AND: [{ id: { gt: cursor } }, where] }, orderBy: { id: 'asc' } });
}

/** A value as the audit trail stores it: JSON, with dates as ISO strings. */
export function asStoredJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Where the single chain ended and the per-clinic chains began, as the migration recorded it. */
export async function auditCutover(): Promise<AuditCutover> {
  const cutover = await db.auditChainCutover.findUniqueOrThrow({ where: { id: 1 } });
  return { lastLegacyEventId: cutover.lastLegacyEventId === null ? null : String(cutover.lastLegacyEventId), lastLegacyHash: cutover.lastLegacyHash };
}

/**
 * The verdict on each of these clinics' chains (null: the no-clinic chain), every row of each, read in one
 * statement: a chain's rows are appended under its own lock, so one snapshot holds whole chains. Other test files
 * append to their own clinics' chains meanwhile, and the tamper test breaks one of its own on purpose, so tests
 * check the chains of their own clinics.
 */
export async function verifyChainsOf(clinicIds: Array<string | null>): Promise<Map<string, ChainVerdict & { rows: number }>> {
  const chains = clinicIds.map(auditChainOf);
  const [rows, cutover] = await Promise.all([db.auditEvent.findMany({ where: { chain: { in: chains } }, orderBy: { id: 'asc' } }), auditCutover()]);
  const verdicts = verifyAuditChains(rows, cutover);
  return new Map(chains.map((chain) => [chain, { ...(verdicts.get(chain) ?? { ok: true as const, checked: 0 }), rows: rows.filter((row) => row.chain === chain).length }]));
}
