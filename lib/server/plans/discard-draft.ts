import 'server-only';
import { z } from 'zod';
import { idSchema } from '@/lib/schemas/exercise';
import { lockVersionSchema } from '@/lib/schemas/plan';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { parseInput } from '../errors';
import { lockDraft } from './lock-draft';

const schema = z.strictObject({ versionId: idSchema, lockVersion: lockVersionSchema });

/** Throws a draft away. Only drafts can go: the database refuses to delete an approved version. */
export async function discardDraft({ actor, input }: { actor: Actor; input: unknown }) {
  const { versionId, lockVersion } = parseInput(schema, input);
  return db.$transaction(async (tx) => {
    const draft = await lockDraft(tx, actor, versionId, lockVersion);
    const before = await tx.planVersion.findUnique({
      where: { id: versionId },
      select: { number: true, phaseId: true, items: { select: { exerciseName: true, mode: true, contentHash: true } } },
    });
    await tx.planVersion.delete({ where: { id: versionId } });
    await recordAudit(tx, { actorId: actor.userId, clinicId: actor.clinicId, action: 'plan.discard_draft', entityType: 'PlanVersion', entityId: versionId, patientId: draft.patientId, outcome: 'SUCCESS', ip: actor.ip, before });
    return { patientId: draft.patientId };
  });
}
