import 'server-only';
import { toCsv } from '@/lib/domain/csv';
import { auditFilterSchema } from '@/lib/schemas/audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../parse-input';
import { auditWhere } from './audit-where';
import { actorDid, recordAudit } from './record-audit';

export const AUDIT_EXPORT_LIMIT = 100_000;

/** The filtered trail as CSV, with the hash chain columns so an export can be checked later. The export is itself audited. */
export async function exportAuditEvents({ actor, input }: { actor: Actor; input: unknown }): Promise<string> {
  requirePermission(actor, 'audit.read');
  const filter = parseInput(auditFilterSchema, input);
  const where = auditWhere(actor, filter);
  const count = await db.auditEvent.count({ where });
  if (count > AUDIT_EXPORT_LIMIT) {
    throw new AppError('INVALID_INPUT', `That is ${count.toLocaleString('en')} rows; narrow the dates to export at most ${AUDIT_EXPORT_LIMIT.toLocaleString('en')}.`);
  }
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: 'asc' } });
  await recordAudit(db, actorDid(actor, 'audit.export', { type: 'AuditEvent', id: null }, { after: { filter, rows: rows.length } }));
  return toCsv(
    ['id', 'at', 'actorId', 'clinicId', 'action', 'entityType', 'entityId', 'patientId', 'outcome', 'ip', 'before', 'after', 'prevHash', 'hash'],
    rows.map((row) => [String(row.id), row.at, row.actorId, row.clinicId, row.action, row.entityType, row.entityId, row.patientId, row.outcome, row.ip, row.before, row.after, row.prevHash, row.hash]),
  );
}
