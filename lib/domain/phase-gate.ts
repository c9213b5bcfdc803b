// Surgery dates and session days are calendar dates. Everything here works in UTC date-only
// terms so a patient's day count never shifts with the server's time zone.

const MS_PER_DAY = 24 * 60 * 60 * 1000;

export const MIN_EARLY_REASON_CHARACTERS = 10;

function assertValidDate(d: Date): void {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid date');
}

/** The same calendar day at UTC midnight. */
export function toDateOnly(d: Date): Date {
  assertValidDate(d);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, n: number): Date {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  const day = toDateOnly(d);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + n));
}

/** Whole calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((toDateOnly(to).getTime() - toDateOnly(from).getTime()) / MS_PER_DAY);
}

/** Day 0 is the day of surgery; negative before it. */
export function daysSinceSurgery(surgeryDate: Date, today: Date): number {
  return daysBetween(surgeryDate, today);
}

export type PhaseGate = { earliestDate: Date; daysUntilEarliest: number; isEarly: boolean; criteria: string[] };

export function phaseGate(args: {
  surgeryDate: Date;
  today: Date;
  phase: { earliestDay: number; criteria: readonly string[] };
}): PhaseGate {
  const earliestDate = addDays(args.surgeryDate, args.phase.earliestDay);
  const daysLeft = daysBetween(args.today, earliestDate);
  return {
    earliestDate,
    daysUntilEarliest: Math.max(0, daysLeft),
    isEarly: daysLeft > 0,
    criteria: [...args.phase.criteria],
  };
}

function nonSpaceLength(text: string): number {
  return [...text.replace(/\s/gu, '')].length;
}

/**
 * Problems with a therapist's request to advance a patient into a phase. Advancing without
 * every criterion ticked is allowed: that is the therapist's clinical judgment to make.
 */
export function advanceProblems(args: {
  gate: PhaseGate;
  reason: string | null | undefined;
  criteriaMet: readonly string[];
}): string[] {
  const problems: string[] = [];
  const { gate } = args;
  if (gate.isEarly && nonSpaceLength(args.reason ?? '') < MIN_EARLY_REASON_CHARACTERS) {
    const days = gate.daysUntilEarliest === 1 ? '1 day' : `${gate.daysUntilEarliest} days`;
    problems.push(
      `This phase starts ${days} from now. To advance early, write a reason of at least ${MIN_EARLY_REASON_CHARACTERS} characters.`,
    );
  }
  const known = new Set(gate.criteria);
  const unknown = [...new Set(args.criteriaMet.filter((criterion) => !known.has(criterion)))];
  const [first] = unknown;
  if (first !== undefined) {
    // Echo what was sent, but never a broken character or an essay back to the user.
    const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more)` : '';
    problems.push(`"${first.toWellFormed().slice(0, 80)}" is not one of this phase's criteria${more}.`);
  }
  return problems;
}

/**
 * Index of the latest phase whose earliest day has been reached, or -1 before the first.
 * Phases are assumed ordered; this is a suggestion, advancing stays the therapist's call.
 */
export function phaseDueByDate(phases: readonly { earliestDay: number }[], surgeryDate: Date, today: Date): number {
  const day = daysSinceSurgery(surgeryDate, today);
  let due = -1;
  phases.forEach((phase, index) => {
    if (phase.earliestDay <= day) due = index;
  });
  return due;
}
