import 'server-only';
import { alertKindsSeenBy } from '@/lib/domain/alerts';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { db } from '../db';
import { AppError } from '../errors';
import { alertSelect, toAlertDto } from './alert-select';

export const OPEN_ALERTS_SHOWN = 20;

/**
 * The open alerts on the actor's patients that their role looks at (lib/domain/alerts.ts), newest first:
 * the top of the caseload for therapists, of the sign-off queue for surgeons. At most OPEN_ALERTS_SHOWN, with
 * the total, so the page costs the same however many are open.
 */
export async function listOpenAlerts({ actor, limit = OPEN_ALERTS_SHOWN }: { actor: Actor; limit?: number }) {
  const kinds = [...alertKindsSeenBy(actor.role)];
  if (kinds.length === 0) throw new AppError('NOT_FOUND', 'That page or record was not found.');
  const where = { clinicId: actor.clinicId, acknowledgedAt: null, kind: { in: kinds }, patient: patientVisibleTo(actor) };
  const [total, rows] = await Promise.all([
    db.alert.count({ where }),
    db.alert.findMany({ where, orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], take: limit, select: alertSelect }),
  ]);
  return { total, alerts: rows.map((row) => toAlertDto(row)) };
}
