import 'server-only';
import { hashApproval } from '@/lib/domain/content-hash';
import { itemsNeedingSignOff } from '@/lib/domain/clearance';
import { dosageOf, unsavedPrescriptions } from '@/lib/domain/prescription';
import { approveVersionSchema } from '@/lib/schemas/plan';
import type { Actor } from '../authz/actor';
import { confirmPassword } from '../auth/confirm-password';
import { actorDid, recordAudit } from '../audit/record-audit';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { dosageSelect } from '../dosage-select';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';
import { STALE_DRAFT_MESSAGE } from './lock-draft';

/**
 * The therapist signs a draft: it becomes the current approved version and never changes again. Each
 * self-directed item that the surgeon has not already signed in exactly this form goes to the surgeon.
 */
export async function approvePlanVersion({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  requirePermission(actor, 'plan.approve');
  const { versionId, lockVersion, password, passkeyAnswer, shownItems } = parseInput(approveVersionSchema, input);
  const version = await db.planVersion.findFirst({
    where: { id: versionId, plan: { episode: { patient: patientVisibleTo(actor) } } },
    select: { id: true, plan: { select: { episode: { select: { patientId: true } } } } },
  });
  if (!version) throw notFound('That plan');
  const patientId = version.plan.episode.patientId;
  await confirmPassword(actor, { password, passkeyAnswer }, 'plan.approve', { type: 'PlanVersion', id: versionId, patientId });

  return db.$transaction(async (tx) => {
    const draft = await tx.planVersion.findUnique({
      where: { id: versionId },
      select: {
        id: true,
        number: true,
        status: true,
        lockVersion: true,
        precautions: true,
        plan: { select: { episode: { select: { surgeonId: true, patientId: true } } } },
        items: { select: { id: true, exerciseId: true, exerciseName: true, position: true, mode: true, contentHash: true, patientNotes: true, ...dosageSelect } },
      },
    });
    if (!draft) throw notFound('That plan');
    if (draft.status !== 'DRAFT') throw new AppError('CONFLICT', 'This version was already approved.');
    if (draft.lockVersion !== lockVersion) throw new AppError('CONFLICT', STALE_DRAFT_MESSAGE);
    if (draft.items.length === 0) throw new AppError('INVALID_INPUT', 'Add at least one exercise before approving.');
    // The approval is of what the therapist sees: an edit typed on the page but not saved refuses it.
    const unsaved = unsavedPrescriptions(draft.items.map((item) => ({ ...item, dosage: dosageOf(item) })), shownItems);
    if (unsaved.length > 0) {
      throw new AppError('INVALID_INPUT', `${unsaved.join(', ')}: changes on this page are not saved. Save them, or reload the page to drop them, then approve. Nothing was approved.`);
    }

    const approvedAt = now;
    const approvedHash = hashApproval({ versionId: draft.id, number: draft.number, items: draft.items, precautions: draft.precautions });
    // Conditional on status and lock: of two approvals racing, exactly one changes the row.
    const approved = await tx.planVersion.updateMany({
      where: { id: versionId, status: 'DRAFT', lockVersion },
      data: { status: 'APPROVED', approvedById: actor.userId, approvedAt, approvedHash, lockVersion: { increment: 1 } },
    });
    if (approved.count !== 1) throw new AppError('CONFLICT', STALE_DRAFT_MESSAGE);

    const history = await tx.signOff.findMany({ where: { patientId }, select: { contentHash: true, status: true } });
    const toSurgeon = itemsNeedingSignOff(
      draft.items.map((item) => ({ ...item, itemId: item.id })),
      history,
    );
    if (toSurgeon.length > 0) {
      await tx.signOff.createMany({
        data: toSurgeon.map((item) => ({
          itemId: item.id,
          patientId,
          exerciseId: item.exerciseId,
          surgeonId: draft.plan.episode.surgeonId,
          contentHash: item.contentHash,
        })),
      });
    }
    await recordAudit(tx, actorDid(actor, 'plan.approve', { type: 'PlanVersion', id: versionId, patientId }, { before: { status: 'DRAFT' }, after: { status: 'APPROVED', number: draft.number, approvedHash, items: draft.items.map((item) => item.contentHash), sentToSurgeon: toSurgeon.map((item) => item.exerciseName) } }));
    return { versionId, number: draft.number, approvedHash, sentToSurgeon: toSurgeon.map((item) => item.exerciseName) };
  });
}
