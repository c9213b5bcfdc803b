import 'server-only';
import type { Actor } from '../auth/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import type { Tx } from '../db';
import { dosageSelect } from '../dosage-select';
import { notFound } from '../errors';

/** The plan of the patient's most recent surgery, with what advancing and approving need to know. */
export async function findPatientPlan(tx: Tx, actor: Actor, patientId: string) {
  const episode = await tx.episode.findFirst({
    where: { patientId, patient: patientVisibleTo(actor) },
    orderBy: { surgeryDate: 'desc' },
    select: {
      id: true,
      surgeryDate: true,
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
              exercises: {
                orderBy: { position: 'asc' },
                select: {
                  mode: true,
                  ...dosageSelect,
                  exercise: { select: { id: true, name: true, instructions: true, retiredAt: true } },
                },
              },
            },
          },
        },
      },
      plan: { select: { id: true } },
    },
  });
  if (!episode || !episode.plan) throw notFound('That patient');
  // Serialises changes to one plan's versions: a second editor waits here, then sees the first one's draft.
  await tx.$queryRaw`SELECT id FROM "Plan" WHERE id = ${episode.plan.id} FOR UPDATE`;
  return { ...episode, plan: episode.plan };
}

export type PatientPlan = Awaited<ReturnType<typeof findPatientPlan>>;
