import 'server-only';
import { warningSignOfCause, type AlertKind } from '@/lib/domain/alerts';
import type { PainReason } from '@/lib/domain/pain';
import { warningSign } from '@/lib/domain/warning-signs';
import type { Prisma } from '../generated/prisma/client';

/** The columns an alert is shown with, wherever it is shown. */
export const alertSelect = {
  id: true,
  kind: true,
  cause: true,
  detail: true,
  raisedAt: true,
  acknowledgedAt: true,
  acknowledgementNote: true,
  acknowledgedById: true,
  patient: { select: { id: true, firstName: true, lastName: true } },
} as const satisfies Prisma.AlertSelect;

type AlertRow = Prisma.AlertGetPayload<{ select: typeof alertSelect }>;

export type AlertDto = {
  id: string;
  kind: AlertKind;
  /** What raised it, in the clinician's words. */
  summary: string;
  raisedAt: Date;
  patient: { id: string; name: string };
  acknowledgedAt: Date | null;
  acknowledgementNote: string | null;
  acknowledgedBy: string | null;
};

function painSummary(detail: unknown): string {
  const reasons = ((detail as { reasons?: PainReason[] } | null)?.reasons ?? []).map((reason) => {
    const region = reason.region === 'BACK' ? 'Back' : 'Leg';
    return reason.kind === 'HIGH' ? `${region} pain ${reason.score}/10` : `${region} pain ${reason.score}/10, up from ${reason.lowest} in the last 14 days`;
  });
  return reasons.length > 0 ? reasons.join('; ') : 'Pain flag';
}

/** An alert as clinicians see it; `names` maps user ids to names for who acknowledged it. */
export function toAlertDto(row: AlertRow, names: ReadonlyMap<string, string> = new Map()): AlertDto {
  const sign = warningSignOfCause(row.cause);
  return {
    id: row.id,
    kind: row.kind,
    summary: row.kind === 'WARNING_SIGN' ? `Reported: ${sign ? warningSign(sign).sign : 'a warning sign'}` : painSummary(row.detail),
    raisedAt: row.raisedAt,
    patient: { id: row.patient.id, name: `${row.patient.firstName} ${row.patient.lastName}` },
    acknowledgedAt: row.acknowledgedAt,
    acknowledgementNote: row.acknowledgementNote,
    acknowledgedBy: row.acknowledgedById ? (names.get(row.acknowledgedById) ?? 'Unknown') : null,
  };
}
