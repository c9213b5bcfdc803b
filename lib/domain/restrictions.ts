import { formatDay } from './clinic-time';
import { toDateOnly } from './calendar';

// What a patient may not do yet after spine surgery (lift, bend, twist, sit long, drive), and how that is
// checked against what an exercise loads. A protocol phase carries defaults; the surgeon's signed order
// for the patient replaces them, restriction by restriction, each until a date or a phase. The surgeon
// decides: the protocol's numbers are only the starting point a clinic edits.

export type ExerciseLoad = 'BENDING' | 'LIFTING' | 'TWISTING' | 'LUMBAR_EXTENSION';
export const EXERCISE_LOADS: readonly ExerciseLoad[] = ['BENDING', 'LIFTING', 'TWISTING', 'LUMBAR_EXTENSION'];

export type RestrictionKind = 'LIFTING' | 'BENDING' | 'TWISTING' | 'SITTING' | 'DRIVING';
export const RESTRICTION_KINDS: readonly RestrictionKind[] = ['LIFTING', 'BENDING', 'TWISTING', 'SITTING', 'DRIVING'];

export type LiftingUnit = 'KG' | 'LB';

/** A protocol phase's defaults (prisma/data/catalog.ts writes them; the protocol editor shows them). */
export type PhaseRestrictions = {
  liftingKg: number | null;
  bending: 'AVOID' | 'ALLOWED';
  twisting: 'AVOID' | 'ALLOWED';
  sittingMinutes: number | null;
  driving: 'NO' | 'ALLOWED';
};

export const NO_RESTRICTIONS: PhaseRestrictions = { liftingKg: null, bending: 'ALLOWED', twisting: 'ALLOWED', sittingMinutes: null, driving: 'ALLOWED' };

/**
 * One restriction. `isAllowed` false with no `limit` means "not at all"; a `limit` is kilograms or pounds
 * (LIFTING) or minutes at a time (SITTING). `until` ends it: a date, or the day the plan reaches a phase.
 */
export type Restriction = {
  kind: RestrictionKind;
  isAllowed: boolean;
  limit: number | null;
  unit: LiftingUnit | 'MINUTES' | null;
  untilDate: Date | null;
  untilPhase: { id: string; position: number; name: string } | null;
};

/** The five restrictions a phase's defaults amount to. */
export function restrictionsOfPhase(defaults: PhaseRestrictions): Restriction[] {
  const base = { untilDate: null, untilPhase: null };
  return [
    { kind: 'LIFTING', isAllowed: defaults.liftingKg === null, limit: defaults.liftingKg, unit: defaults.liftingKg === null ? null : 'KG', ...base },
    { kind: 'BENDING', isAllowed: defaults.bending === 'ALLOWED', limit: null, unit: null, ...base },
    { kind: 'TWISTING', isAllowed: defaults.twisting === 'ALLOWED', limit: null, unit: null, ...base },
    { kind: 'SITTING', isAllowed: defaults.sittingMinutes === null, limit: defaults.sittingMinutes, unit: defaults.sittingMinutes === null ? null : 'MINUTES', ...base },
    { kind: 'DRIVING', isAllowed: defaults.driving === 'ALLOWED', limit: null, unit: null, ...base },
  ];
}

/** Reads a phase's stored defaults (JSON); anything missing or unreadable means no default restriction. */
export function phaseRestrictionsOf(value: unknown): PhaseRestrictions {
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const count = (entry: unknown) => (typeof entry === 'number' && Number.isInteger(entry) && entry >= 0 ? entry : null);
  return {
    liftingKg: count(record.liftingKg),
    bending: record.bending === 'AVOID' ? 'AVOID' : 'ALLOWED',
    twisting: record.twisting === 'AVOID' ? 'AVOID' : 'ALLOWED',
    sittingMinutes: count(record.sittingMinutes),
    driving: record.driving === 'NO' ? 'NO' : 'ALLOWED',
  };
}

/** Whether a restriction still holds: before its date, and before the plan reaches its phase. */
export function isInForce(restriction: Restriction, { today, currentPhasePosition }: { today: Date; currentPhasePosition: number | null }): boolean {
  if (!restricts(restriction)) return false;
  if (restriction.untilDate && toDateOnly(today) >= toDateOnly(restriction.untilDate)) return false;
  if (restriction.untilPhase && currentPhasePosition !== null && currentPhasePosition >= restriction.untilPhase.position) return false;
  return true;
}

export type RestrictionsInForce = {
  /** SURGEON: the latest signed order, which replaces the protocol's defaults entirely; PROTOCOL: no order yet. */
  source: 'SURGEON' | 'PROTOCOL';
  restrictions: Restriction[];
};

/**
 * The restrictions the patient lives by today: the surgeon's latest order when there is one (its
 * restrictions that have run out are lifted, not replaced by the protocol's), else the defaults of the
 * phase the patient's plan is in.
 */
export function restrictionsInForce({
  order,
  phaseDefaults,
  today,
  currentPhasePosition,
}: {
  order: readonly Restriction[] | null;
  phaseDefaults: PhaseRestrictions | null;
  today: Date;
  currentPhasePosition: number | null;
}): RestrictionsInForce {
  const source = order ? 'SURGEON' : 'PROTOCOL';
  const all = order ?? restrictionsOfPhase(phaseDefaults ?? NO_RESTRICTIONS);
  return { source, restrictions: all.filter((restriction) => isInForce(restriction, { today, currentPhasePosition })) };
}

/** What each restriction rules out of the loads an exercise puts on the lower back. */
function loadOf(kind: RestrictionKind): ExerciseLoad | null {
  switch (kind) {
    case 'LIFTING':
      return 'LIFTING';
    case 'BENDING':
      return 'BENDING';
    case 'TWISTING':
      return 'TWISTING';
    case 'SITTING':
    case 'DRIVING':
      return null;
    default: {
      const unhandled: never = kind;
      throw new Error(`Unhandled restriction ${String(unhandled)}`);
    }
  }
}

/** Whether a restriction restricts anything at all (an "allowed, no limit" entry does not). */
function restricts(restriction: Restriction): boolean {
  return !(restriction.isAllowed && restriction.limit === null);
}

/** The loads ruled out by restrictions (any lifting limit rules out lifting exercises). */
export function restrictedLoads(restrictions: readonly Restriction[]): ExerciseLoad[] {
  const loads = new Set<ExerciseLoad>();
  for (const restriction of restrictions) {
    if (!restricts(restriction)) continue;
    const load = loadOf(restriction.kind);
    if (load) loads.add(load);
  }
  return EXERCISE_LOADS.filter((load) => loads.has(load));
}

const LOAD_WORDS: Record<ExerciseLoad, string> = {
  BENDING: 'bending',
  LIFTING: 'lifting',
  TWISTING: 'twisting',
  LUMBAR_EXTENSION: 'arching the back',
};

/** The therapist's warning for an exercise whose loads a restriction in force rules out; null when it fits. */
export function conflictWarning(exercise: { name: string; loads: readonly ExerciseLoad[] }, inForce: RestrictionsInForce): string | null {
  const ruledOut = new Set(restrictedLoads(inForce.restrictions));
  const clashes = exercise.loads.filter((load) => ruledOut.has(load));
  if (clashes.length === 0) return null;
  const who = inForce.source === 'SURGEON' ? "the surgeon's orders" : "the phase's default restrictions";
  return `${exercise.name} loads ${clashes.map((load) => LOAD_WORDS[load]).join(' and ')}, which ${who} rule out for now.`;
}

function untilText(restriction: Restriction, today: Date): string {
  if (restriction.untilDate) return ` until ${formatDay(restriction.untilDate, { today })}`;
  if (restriction.untilPhase) return ` until you reach phase ${restriction.untilPhase.position}`;
  return '';
}

function amount(restriction: Restriction): string {
  return restriction.unit === 'LB' ? `${restriction.limit} pounds` : `${restriction.limit} kg`;
}

/** One restriction as the patient reads it, in a short sentence of its own ("Do not lift more than 5 kg until Fri 18 Dec."). */
export function restrictionSentence(restriction: Restriction, today: Date): string {
  const until = untilText(restriction, today);
  switch (restriction.kind) {
    case 'LIFTING':
      return restriction.limit === null || restriction.limit === 0 ? `Do not lift anything heavy${until}.` : `Do not lift more than ${amount(restriction)}${until}.`;
    case 'BENDING':
      return `Do not bend forward at the waist${until}.`;
    case 'TWISTING':
      return `Do not twist your back${until}.`;
    case 'SITTING':
      return restriction.limit === null ? `Do not sit for long${until}.` : `Do not sit for more than ${restriction.limit} minutes at a time${until}.`;
    case 'DRIVING':
      return `Do not drive${until}.`;
    default: {
      const unhandled: never = restriction.kind;
      throw new Error(`Unhandled restriction ${String(unhandled)}`);
    }
  }
}

/** Limits a surgeon may set: beyond these a number is a typo, not an order. */
export const RESTRICTION_LIMITS = {
  liftingKg: { min: 0, max: 50 },
  liftingLb: { min: 0, max: 110 },
  sittingMinutes: { min: 5, max: 240 },
} as const;
