import 'server-only';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import { auditFilterSchema } from '@/lib/schemas/audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { parseInput } from '../parse-input';
import { auditWhere } from './audit-where';

export const AUDIT_PAGE_SIZE = 100;

/** A page of the clinic's audit trail, newest first, with names for people and patients. */
export async function listAuditEvents({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'audit.read');
  const filter = parseInput(auditFilterSchema, input);
  const where = auditWhere(actor, filter);
  const { skip, take } = pageSlice(filter.page, AUDIT_PAGE_SIZE);
  const [total, rows, people, patients, actions] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { id: 'desc' },
      skip,
      take,
      select: { id: true, at: true, actorId: true, action: true, entityType: true, entityId: true, patientId: true, outcome: true, ip: true },
    }),
    db.user.findMany({ where: { clinicId: actor.clinicId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.patient.findMany({ where: { clinicId: actor.clinicId }, select: { id: true, firstName: true, lastName: true }, orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }] }),
    db.auditEvent.findMany({ where: { clinicId: actor.clinicId }, distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  const personName = new Map(people.map((person) => [person.id, person.name]));
  const patientName = new Map(patients.map((patient) => [patient.id, `${patient.firstName} ${patient.lastName}`]));
  return {
    filter,
    total,
    pageCount: pageCountOf(total, AUDIT_PAGE_SIZE),
    events: rows.map((row) => ({
      id: String(row.id),
      at: row.at,
      person: row.actorId ? (personName.get(row.actorId) ?? 'Unknown user') : '—',
      action: row.action,
      recordType: row.entityType,
      recordId: row.entityId,
      patient: row.patientId ? (patientName.get(row.patientId) ?? row.patientId) : '—',
      outcome: row.outcome,
      ip: row.ip ?? '—',
    })),
    options: {
      people: people.map((person) => ({ id: person.id, name: person.name })),
      patients: patients.map((patient) => ({ id: patient.id, name: `${patient.firstName} ${patient.lastName}` })),
      actions: actions.map((row) => row.action),
    },
  };
}
