import 'server-only';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import type { Tx } from '../db';
import { AppError, notFound } from '../errors';

export const STALE_DRAFT_MESSAGE =
  'Someone saved this draft after you opened it. Reload to see their changes; nothing of yours was saved.';

/**
 * Claims a draft for one change: checks the actor may edit this patient's plan, that the version is
 * still a draft, and that nobody saved it since the editor loaded it (optimistic lock). Bumps the lock.
 */
export async function lockDraft(tx: Tx, actor: Actor, versionId: string, lockVersion: number) {
  requirePermission(actor, 'plan.edit');
  const version = await tx.planVersion.findFirst({
    where: { id: versionId, plan: { episode: { patient: patientVisibleTo(actor) } } },
    select: { id: true, status: true, number: true, lockVersion: true, plan: { select: { id: true, episode: { select: { patientId: true } } } } },
  });
  if (!version) throw notFound('That plan');
  if (version.status !== 'DRAFT') throw new AppError('CONFLICT', 'This version is approved and can no longer change. Start a new draft to make changes.');
  const claimed = await tx.planVersion.updateMany({
    where: { id: versionId, status: 'DRAFT', lockVersion },
    data: { lockVersion: { increment: 1 } },
  });
  if (claimed.count !== 1) throw new AppError('CONFLICT', STALE_DRAFT_MESSAGE);
  return { versionId: version.id, number: version.number, planId: version.plan.id, patientId: version.plan.episode.patientId, lockVersion: lockVersion + 1 };
}
