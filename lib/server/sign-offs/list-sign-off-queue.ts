import 'server-only';
import { describeDosage } from '@/lib/domain/dosage';
import { pageCountOf, pageSlice } from '@/lib/domain/paging';
import { daysSinceSurgery } from '@/lib/domain/calendar';
import { dosageOf } from '@/lib/domain/prescription';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { planItemSelect } from '../plans/plan-item-select';

export const SIGN_OFF_PAGE_SIZE = 20;

/**
 * The surgeon's pending sign-offs across their patients, oldest request first, a page at a time (the oldest
 * requests have waited longest, so they come first).
 */
export async function listSignOffQueue({ actor, page = 1, pageSize = SIGN_OFF_PAGE_SIZE, today = new Date() }: { actor: Actor; page?: number; pageSize?: number; today?: Date }) {
  requirePermission(actor, 'signoff.sign');
  const where = { surgeonId: actor.userId, status: 'PENDING' as const, item: { version: { plan: { episode: { patient: patientVisibleTo(actor) } } } } };
  const slice = pageSlice(page, pageSize);
  const [total, pending] = await Promise.all([
    db.signOff.count({ where }),
    db.signOff.findMany({
      where,
      orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
      skip: slice.skip,
      take: slice.take,
      select: {
        id: true,
        contentHash: true,
        requestedAt: true,
        item: {
          select: {
            // The prescription as approved, read as everywhere (only what the card shows is passed on below).
            ...planItemSelect,
            version: {
              select: {
                number: true,
                phase: { select: { position: true, name: true } },
                plan: { select: { episode: { select: { procedure: true, surgeryDate: true, patient: { select: { id: true, firstName: true, lastName: true } } } } } },
              },
            },
          },
        },
      },
    }),
  ]);
  const requests = pending.map((signOff) => {
    const { item } = signOff;
    const { episode } = item.version.plan;
    return {
      signOffId: signOff.id,
      contentHash: signOff.contentHash,
      requestedAt: signOff.requestedAt,
      patient: { id: episode.patient.id, name: `${episode.patient.firstName} ${episode.patient.lastName}` },
      procedure: episode.procedure,
      daysSinceSurgery: daysSinceSurgery(episode.surgeryDate, today),
      phase: `Phase ${item.version.phase.position}: ${item.version.phase.name}`,
      versionNumber: item.version.number,
      exerciseName: item.exerciseName,
      instructions: item.instructions,
      patientNotes: item.patientNotes,
      dosageText: describeDosage(dosageOf(item)),
    };
  });
  return { requests, total, page: slice.page, pageCount: pageCountOf(total, pageSize) };
}

export type SignOffRequest = Awaited<ReturnType<typeof listSignOffQueue>>['requests'][number];
