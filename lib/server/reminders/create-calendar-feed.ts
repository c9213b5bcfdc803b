import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { publicUrl } from '../public-url';
import { hashFeedToken } from './hash-feed-token';
import { ownPatientId } from './own-patient-id';

export type CalendarLink = { url: string; webcalUrl: string };

/**
 * Makes the patient's private calendar link and returns it, once: only the token's SHA-256 is stored. A
 * new link revokes the one before, in the same transaction (the database allows one live link a patient).
 * The link holds nothing but the random token: no name, no id, no health detail.
 */
export async function createCalendarFeed({ actor }: { actor: Actor }): Promise<CalendarLink> {
  requirePermission(actor, 'reminders.manage');
  const patientId = ownPatientId(actor);
  const token = randomBytes(32).toString('base64url');
  return db.$transaction(async (tx) => {
    // One patient, one live link: two clicks at once wait here for each other.
    await tx.$queryRaw`SELECT "id" FROM "Patient" WHERE "id" = ${patientId} FOR UPDATE`;
    const revoked = await tx.calendarFeed.updateMany({ where: { patientId, revokedAt: null }, data: { revokedAt: new Date() } });
    const feed = await tx.calendarFeed.create({ data: { patientId, tokenHash: hashFeedToken(token) }, select: { id: true } });
    await recordAudit(tx, actorDid(actor, 'calendar.create', { type: 'CalendarFeed', id: feed.id, patientId }, { after: { replacedCount: revoked.count } }));
    const url = publicUrl(`/api/calendar/${token}`);
    return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  });
}
