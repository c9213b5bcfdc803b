import 'server-only';
import { z } from 'zod';
import { idSchema } from '@/lib/schemas/id';
import { lockVersionSchema } from '@/lib/schemas/fields';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { db } from '../db';
import { parseInput } from '../parse-input';
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
    await recordAudit(tx, actorDid(actor, 'plan.discard_draft', { type: 'PlanVersion', id: versionId, patientId: draft.patientId }, { before }));
    return { patientId: draft.patientId };
  });
}
