import 'server-only';
import { describeDosage } from '@/lib/domain/dosage';
import { daysSinceSurgery } from '@/lib/domain/phase-gate';
import { dosageOf } from '@/lib/domain/prescription';
import type { Actor } from '../auth/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

/** The surgeon's pending sign-offs across their patients, oldest request first. */
export async function listSignOffQueue({ actor, today = new Date() }: { actor: Actor; today?: Date }) {
  requirePermission(actor, 'signoff.sign');
  const pending = await db.signOff.findMany({
    where: { surgeonId: actor.userId, status: 'PENDING', item: { version: { plan: { episode: { patient: patientVisibleTo(actor) } } } } },
    orderBy: { requestedAt: 'asc' },
    select: {
      id: true,
      contentHash: true,
      requestedAt: true,
      item: {
        select: {
          exerciseName: true,
          instructions: true,
          patientNotes: true,
          mode: true,
          sets: true,
          reps: true,
          holdSeconds: true,
          timesPerDay: true,
          daysPerWeek: true,
          minutes: true,
          side: true,
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
  });
  return pending.map((signOff) => {
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
}

export type SignOffRequest = Awaited<ReturnType<typeof listSignOffQueue>>[number];
