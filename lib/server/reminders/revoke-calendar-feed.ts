import 'server-only';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError } from '../errors';
import { ownPatientId } from './own-patient-id';

/** Stops the patient's calendar link: from now on it answers 404, like a link that never was. */
export async function revokeCalendarFeed({ actor }: { actor: Actor }): Promise<{ revoked: number }> {
  requirePermission(actor, 'reminders.manage');
  const patientId = ownPatientId(actor);
  return db.$transaction(async (tx) => {
    const live = await tx.calendarFeed.findFirst({ where: { patientId, revokedAt: null }, select: { id: true } });
    if (!live) throw new AppError('CONFLICT', 'Your calendar link is already off.');
    const revoked = await tx.calendarFeed.updateMany({ where: { id: live.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count !== 1) throw new AppError('CONFLICT', 'Your calendar link is already off.');
    await recordAudit(tx, actorDid(actor, 'calendar.revoke', { type: 'CalendarFeed', id: live.id, patientId }));
    return { revoked: revoked.count };
  });
}
