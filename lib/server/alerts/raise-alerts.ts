import 'server-only';
import { alertsToRaise, type AlertToRaise } from '@/lib/domain/alerts';
import type { PainReason } from '@/lib/domain/pain';
import type { WarningSignCode } from '@/lib/domain/warning-signs';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import type { Tx } from '../db';

/**
 * Raises the alerts a patient's log or report calls for (lib/domain/alerts.ts), inside the caller's
 * transaction, with an audit row each. Internal: the caller is the patient, acting on their own record.
 * Once per cause: a cause with an open alert raises nothing, and the partial unique index
 * "Alert_one_open_per_cause" makes two raising at the same moment insert one (ON CONFLICT DO NOTHING).
 */
export async function raiseAlerts(
  tx: Tx,
  { actor, patientId, sessionLogId = null, painReasons, warningSigns }: { actor: Actor; patientId: string; sessionLogId?: string | null; painReasons?: readonly PainReason[]; warningSigns?: readonly WarningSignCode[] },
): Promise<AlertToRaise[]> {
  const open = await tx.alert.findMany({ where: { patientId, acknowledgedAt: null }, select: { cause: true } });
  const toRaise = alertsToRaise({ painReasons, warningSigns, openCauses: new Set(open.map((alert) => alert.cause)) });
  const raised: AlertToRaise[] = [];
  for (const alert of toRaise) {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Alert" ("id", "clinicId", "patientId", "kind", "cause", "detail", "sessionLogId")
      VALUES (replace(gen_random_uuid()::text, '-', ''), ${actor.clinicId}, ${patientId}, ${alert.kind}::"AlertKind", ${alert.cause}, ${JSON.stringify(alert.detail)}::jsonb, ${sessionLogId})
      ON CONFLICT DO NOTHING
      RETURNING "id"`;
    if (!row) continue;
    await recordAudit(tx, actorDid(actor, 'alert.raise', { type: 'Alert', id: row.id, patientId }, { after: { kind: alert.kind, cause: alert.cause, sessionLogId } }));
    raised.push(alert);
  }
  return raised;
}
