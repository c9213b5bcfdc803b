import 'server-only';
import { alertKindsSeenBy } from '@/lib/domain/alerts';
import { formatMoment } from '@/lib/domain/clinic-time';
import { acknowledgeAlertSchema } from '@/lib/schemas/alert';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';

/**
 * A clinician on the care team closes an alert with a short note on what they did. Who, when and the note
 * are kept on the alert (the database allows this one change, once) and on the audit trail. An alert of a
 * patient the actor does not treat, or of a kind their role does not see, is "not found".
 */
export async function acknowledgeAlert({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'alert.acknowledge');
  const { alertId, note } = parseInput(acknowledgeAlertSchema, input);
  return db.$transaction(async (tx) => {
    const alert = await tx.alert.findFirst({
      where: { id: alertId, clinicId: actor.clinicId, kind: { in: [...alertKindsSeenBy(actor.role)] }, patient: patientVisibleTo(actor) },
      select: { id: true, patientId: true, kind: true, cause: true, acknowledgedAt: true, acknowledgedById: true },
    });
    if (!alert) throw notFound('That alert');
    if (alert.acknowledgedAt) {
      const by = alert.acknowledgedById ? await tx.user.findUnique({ where: { id: alert.acknowledgedById }, select: { name: true } }) : null;
      throw new AppError('CONFLICT', `${by?.name ?? 'Someone'} already acknowledged this alert (${formatMoment(alert.acknowledgedAt, actor.timeZone)}). Nothing was changed.`);
    }
    const acknowledgedAt = new Date();
    // Conditional on still being open: of two acknowledgements at once, exactly one closes it.
    const closed = await tx.alert.updateMany({
      where: { id: alertId, acknowledgedAt: null },
      data: { acknowledgedAt, acknowledgedById: actor.userId, acknowledgementNote: note },
    });
    if (closed.count !== 1) throw new AppError('CONFLICT', 'Someone acknowledged this alert at the same moment. Nothing was changed.');
    await recordAudit(tx, actorDid(actor, 'alert.acknowledge', { type: 'Alert', id: alertId, patientId: alert.patientId }, { before: { open: true }, after: { open: false, kind: alert.kind, cause: alert.cause, note } }));
    return { alertId, patientId: alert.patientId };
  });
}
