import { addDays, daysBetween } from './calendar';

export const MIN_EARLY_REASON_CHARACTERS = 10;

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
