import 'server-only';
import { currentEpisode } from '@/lib/domain/episodes';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import type { Tx } from '../db';
import { dosageSelect } from '../dosage-select';
import { notFound } from '../errors';

/** The plan of the patient's current episode (lib/domain/episodes.ts), with what advancing and approving need to know. */
export async function findPatientPlan(tx: Tx, actor: Actor, patientId: string) {
  const episodes = await tx.episode.findMany({
    where: { patientId, patient: patientVisibleTo(actor) },
    select: {
      id: true,
      surgeryDate: true,
      createdAt: true,
      surgeonId: true,
      patientId: true,
      protocol: {
        select: {
          id: true,
          phases: {
            orderBy: { position: 'asc' },
            select: {
              id: true,
              position: true,
              name: true,
              earliestDay: true,
              criteria: true,
              precautions: true,
              restrictions: true,
              exercises: {
                orderBy: { position: 'asc' },
                select: {
                  mode: true,
                  ...dosageSelect,
                  exercise: { select: { id: true, name: true, patientName: true, instructions: true, retiredAt: true } },
                },
              },
            },
          },
        },
      },
      plan: { select: { id: true } },
    },
  });
  const episode = currentEpisode(episodes);
  if (!episode || !episode.plan) throw notFound('That patient');
  // Serialises changes to one plan's versions: a second editor waits here, then sees the first one's draft.
  await tx.$queryRaw`SELECT id FROM "Plan" WHERE id = ${episode.plan.id} FOR UPDATE`;
  return { ...episode, plan: episode.plan };
}

export type PatientPlan = Awaited<ReturnType<typeof findPatientPlan>>;
