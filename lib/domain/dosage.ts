import type { Dosage, Side } from './types';
import { SIDES } from './types';

export const EMPTY_DOSAGE_TEXT = 'As your therapist showed you';

export type DosageNumberField = Exclude<keyof Dosage, 'side'>;

export const DOSAGE_NUMBER_FIELDS: readonly DosageNumberField[] = [
  'sets',
  'reps',
  'holdSeconds',
  'timesPerDay',
  'daysPerWeek',
  'minutes',
];

// Upper bounds are sanity limits that catch typos (100 sets instead of 10), not clinical advice.
export const DOSAGE_LIMITS = {
  sets: { min: 1, max: 10 },
  reps: { min: 1, max: 100 },
  holdSeconds: { min: 1, max: 300 },
  timesPerDay: { min: 1, max: 10 },
  daysPerWeek: { min: 1, max: 7 },
  minutes: { min: 1, max: 180 },
} as const satisfies Record<DosageNumberField, { min: number; max: number }>;

const FIELD_LABEL: Record<DosageNumberField, string> = {
  sets: 'Sets',
  reps: 'Reps',
  holdSeconds: 'Hold time (seconds)',
  timesPerDay: 'Times a day',
  daysPerWeek: 'Days a week',
  minutes: 'Minutes',
};

export const EMPTY_DOSAGE: Dosage = {
  sets: null,
  reps: null,
  holdSeconds: null,
  timesPerDay: null,
  daysPerWeek: null,
  minutes: null,
  side: 'NONE',
};

// A patient must never read "0 sets" or "NaN times"; values validation would reject are
// left out of the sentence rather than shown.
function shown(n: number | null): number | null {
  if (n === null) return null;
  if (!Number.isFinite(n) || n <= 0) return null;
  return n;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function setsAndReps(sets: number | null, reps: number | null): string | null {
  if (sets !== null && reps !== null) return `${plural(sets, 'set', 'sets')} of ${reps}`;
  if (sets !== null) return plural(sets, 'set', 'sets');
  if (reps !== null) return plural(reps, 'time', 'times');
  return null;
}

function sideText(side: Side): string | null {
  switch (side) {
    case 'NONE':
      return null;
    case 'EACH':
      return 'each side';
    case 'LEFT':
      return 'left side only';
    case 'RIGHT':
      return 'right side only';
    case 'BOTH':
      return 'both sides at the same time';
    default: {
      const _exhaustive: never = side;
      return _exhaustive;
    }
  }
}

function timesPerDayText(n: number): string {
  if (n === 1) return 'once a day';
  if (n === 2) return 'twice a day';
  return `${n} times a day`;
}

function daysPerWeekText(n: number): string {
  if (n === 7) return 'every day';
  return `${plural(n, 'day', 'days')} a week`;
}

/**
 * Plain words for a patient reading on a phone, e.g. "2 sets of 10, hold 5 seconds, twice a day". Without
 * the schedule (`withSchedule: false`) for exercises done at visits: "how often" is the visit's, and "twice a
 * day, every day" would contradict "only with your therapist".
 */
export function describeDosage(d: Dosage, { withSchedule = true }: { withSchedule?: boolean } = {}): string {
  const sets = shown(d.sets);
  const reps = shown(d.reps);
  const minutes = shown(d.minutes);
  const hold = shown(d.holdSeconds);
  const timesPerDay = shown(d.timesPerDay);
  const daysPerWeek = shown(d.daysPerWeek);

  const parts: string[] = [];
  const volume = setsAndReps(sets, reps);
  if (volume !== null) parts.push(volume);
  if (minutes !== null) parts.push(plural(minutes, 'minute', 'minutes'));
  if (hold !== null) parts.push(`hold ${plural(hold, 'second', 'seconds')}`);
  // An unknown side value (bad data) is dropped instead of crashing the patient's page.
  const side = SIDES.includes(d.side) ? sideText(d.side) : null;
  if (side !== null) parts.push(side);
  if (withSchedule && timesPerDay !== null) parts.push(timesPerDayText(timesPerDay));
  if (withSchedule && daysPerWeek !== null) parts.push(daysPerWeekText(daysPerWeek));

  if (parts.length === 0) return EMPTY_DOSAGE_TEXT;
  return parts.join(', ');
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === b) return true;
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

export function isSameDosage(a: Dosage, b: Dosage): boolean {
  if (a.side !== b.side) return false;
  return DOSAGE_NUMBER_FIELDS.every((field) => sameNumber(a[field], b[field]));
}

function fieldProblem(field: DosageNumberField, value: number): string | null {
  const label = FIELD_LABEL[field];
  const { min, max } = DOSAGE_LIMITS[field];
  if (!Number.isFinite(value) || !Number.isInteger(value)) return `${label} must be a whole number.`;
  if (value < 0) return `${label} can't be negative.`;
  if (value === 0) return `${label} can't be zero. Leave it blank if it doesn't apply.`;
  if (value < min) return `${label} must be at least ${min}.`;
  if (value > max) return `${label} can't be more than ${max}.`;
  return null;
}

/** Problems a therapist must fix before the dosage can be saved; empty when it is fine. */
export function dosageProblems(d: Dosage): string[] {
  const problems: string[] = [];
  for (const field of DOSAGE_NUMBER_FIELDS) {
    const value = d[field];
    if (value === null) continue;
    const problem = fieldProblem(field, value);
    if (problem !== null) problems.push(problem);
  }
  if (!SIDES.includes(d.side)) problems.push('Side must be none, left, right, each side or both sides.');
  // Sets, times a day and days a week only say how often; without reps, minutes or a hold the
  // patient has no idea how much to do each time.
  if (d.reps === null && d.minutes === null && d.holdSeconds === null) {
    problems.push('Give reps, minutes or a hold time so the patient knows how much to do.');
  }
  return problems;
}
