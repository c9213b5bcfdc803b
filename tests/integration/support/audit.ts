// Reading the audit trail from tests that run in parallel with other files on the same database: rows are
// always found by a cursor (the last id before the action) plus this test's own actor, entity or ip.
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
