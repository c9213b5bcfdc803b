import 'server-only';
import type { AuditFilter } from '@/lib/schemas/audit';
import type { Actor } from '../authz/actor';
import type { Prisma } from '../generated/prisma/client';

/** The clinic's own trail, narrowed by the admin's filters. Dates are whole UTC days, both ends included. */
export function auditWhere(actor: Actor, filter: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { clinicId: actor.clinicId };
  if (filter.personId) where.actorId = filter.personId;
  if (filter.patientId) where.patientId = filter.patientId;
  if (filter.action) where.action = filter.action;
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00.000Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000) } : {}),
    };
  }
  return where;
}
