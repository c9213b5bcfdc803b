import 'server-only';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { mailSettings } from './mail-settings';

const RECENT_DAYS = 7;

/**
 * For the clinic admin: whether the clinic's emails go out. Counts of the last week's emails by state, and
 * the newest failures with the mail server's reason. Never who an email was to, nor what it said.
 */
export async function getMailStatus({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  requirePermission(actor, 'mail.status');
  const since = new Date(now.getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000);
  const [byStatus, failures, retrying] = await Promise.all([
    db.mailMessage.groupBy({ by: ['status'], where: { clinicId: actor.clinicId, createdAt: { gte: since } }, _count: { _all: true } }),
    db.mailMessage.findMany({
      where: { clinicId: actor.clinicId, status: 'FAILED' },
      orderBy: { createdAt: 'desc' },
      take: 10,
      select: { id: true, kind: true, createdAt: true, attempts: true, lastError: true },
    }),
    // Waiting for another try: it failed at least once and is still queued.
    db.mailMessage.count({ where: { clinicId: actor.clinicId, status: 'QUEUED', attempts: { gt: 0 } } }),
  ]);
  const count = (status: 'QUEUED' | 'SENT' | 'FAILED') => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const settings = mailSettings();
  return {
    isConfigured: settings.isConfigured,
    days: RECENT_DAYS,
    queued: count('QUEUED'),
    retrying,
    sent: count('SENT'),
    failed: count('FAILED'),
    failures,
  };
}
