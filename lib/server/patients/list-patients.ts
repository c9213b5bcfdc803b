import 'server-only';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

export type PatientSummary = { id: string; firstName: string; lastName: string; dateOfBirth: Date };

export const PATIENT_LIST_PAGE_SIZE = 50;

/** The patients this clinician may see, by name, a page at a time. */
export async function listPatients({ actor, page = 1, pageSize = PATIENT_LIST_PAGE_SIZE }: { actor: Actor; page?: number; pageSize?: number }) {
  requirePermission(actor, 'patient.read');
  const where = patientVisibleTo(actor);
  const slice = pageSlice(page, pageSize);
  const [total, patients] = await Promise.all([
    db.patient.count({ where }),
    db.patient.findMany({
      where,
      select: { id: true, firstName: true, lastName: true, dateOfBirth: true },
      orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
      skip: slice.skip,
      take: slice.take,
    }),
  ]);
  return { patients: patients satisfies PatientSummary[], total, page: slice.page, pageCount: pageCountOf(total, pageSize) };
}
