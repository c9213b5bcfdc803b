import type { PainReason } from './pain';
import type { Role } from './types';
import { isWarningSignCode, type WarningSignCode } from './warning-signs';

// What raises an alert to the care team, and who sees it. An alert is raised once per cause: while one for
// a cause is open, the same cause raises nothing more (a patient logging high pain three times a day is one
// thing to look at, not three). Once acknowledged, the cause can raise a new alert.

export type AlertKind = 'PAIN' | 'WARNING_SIGN';

export const PAIN_CAUSE = 'PAIN';

export type AlertCause = typeof PAIN_CAUSE | `SIGN:${WarningSignCode}`;

export function warningSignCause(code: WarningSignCode): AlertCause {
  return `SIGN:${code}`;
}

/** The warning sign an alert cause names, or null for a pain alert (or a cause this version does not know). */
export function warningSignOfCause(cause: string): WarningSignCode | null {
  if (!cause.startsWith('SIGN:')) return null;
  const code = cause.slice('SIGN:'.length);
  return isWarningSignCode(code) ? code : null;
}

export type AlertToRaise = { kind: AlertKind; cause: AlertCause; detail: Record<string, unknown> };

/**
 * The alerts a new log or report raises: a pain alert when the pain rule gives reasons, one alert per
 * reported warning sign; none for a cause that already has an open alert.
 */
export function alertsToRaise({
  painReasons = [],
  warningSigns = [],
  openCauses,
}: {
  painReasons?: readonly PainReason[];
  warningSigns?: readonly WarningSignCode[];
  openCauses: ReadonlySet<string>;
}): AlertToRaise[] {
  const raised: AlertToRaise[] = [];
  if (painReasons.length > 0 && !openCauses.has(PAIN_CAUSE)) {
    raised.push({ kind: 'PAIN', cause: PAIN_CAUSE, detail: { reasons: painReasons } });
  }
  for (const code of new Set(warningSigns)) {
    const cause = warningSignCause(code);
    if (openCauses.has(cause)) continue;
    raised.push({ kind: 'WARNING_SIGN', cause, detail: { sign: code } });
  }
  return raised;
}

/**
 * Which alerts a member of the care team sees (the patient scope is checked separately): therapists and the
 * clinic admin see every alert; the surgeon sees the warning signs, which may need a surgical decision.
 */
export function alertKindsSeenBy(role: Role): readonly AlertKind[] {
  switch (role) {
    case 'THERAPIST':
    case 'ADMIN':
      return ['PAIN', 'WARNING_SIGN'];
    case 'SURGEON':
      return ['WARNING_SIGN'];
    case 'PATIENT':
      return [];
    default: {
      const unhandled: never = role;
      throw new Error(`Unhandled role ${String(unhandled)}`);
    }
  }
}
