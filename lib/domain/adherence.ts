import { addDays, daysBetween, daysEndingOn, isWithin, toDateOnly, type DayWindow } from './calendar';
import { RECENT_DAYS } from './windows';

export type SessionEntry = { exerciseId: string; performedOn: Date; completed: boolean };
/**
 * One home exercise the patient is expected to do. `expectedFrom` is the day it was cleared for them (the
 * surgeon's signature, lib/domain/visibility.ts `clearedOn`): no day before it is expected. Absent or null,
 * it is expected on every day of the window.
 */
export type Expected = { exerciseId: string; timesPerDay: number | null; daysPerWeek: number | null; expectedFrom?: Date | null };
export type Adherence = { completed: number; expected: number; percent: number | null };

// A blank frequency means what a patient would assume: once, every day.
function timesPerDayOf(p: Expected): number {
  const n = p.timesPerDay;
  if (n === null || !Number.isFinite(n) || n <= 0) return 1;
  return n;
}

function daysPerWeekOf(p: Expected): number {
  const n = p.daysPerWeek;
  if (n === null || !Number.isFinite(n) || n <= 0) return 7;
  return Math.min(n, 7);
}

/** Days of the window on or after `from`. */
function expectedDays(window: DayWindow, from: Date | null): number {
  const first = from === null ? window.first : toDateOnly(from) > window.first ? toDateOnly(from) : window.first;
  return Math.max(0, daysBetween(first, window.last) + 1);
}

/**
 * Home sessions done against home sessions expected over the last `days` days (today included). Supervised
 * exercises are done at visits, not at home: callers pass home prescriptions only.
 */
export function adherence(args: {
  sessions: readonly SessionEntry[];
  prescriptions: readonly Expected[];
  today: Date;
  days?: number;
}): Adherence {
  const days = args.days ?? RECENT_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Adherence window must be at least 1 whole day, got ${days}`);
  const window = daysEndingOn(args.today, days);

  const expectedByExercise = new Map<string, number>();
  // A session from before an exercise was cleared was not asked for: it neither counts nor is expected.
  const clearedFrom = new Map<string, number>();
  for (const p of args.prescriptions) {
    const from = p.expectedFrom ? toDateOnly(p.expectedFrom).getTime() : Number.NEGATIVE_INFINITY;
    clearedFrom.set(p.exerciseId, Math.min(clearedFrom.get(p.exerciseId) ?? Number.POSITIVE_INFINITY, from));
  }
  for (const p of args.prescriptions) {
    const share = (timesPerDayOf(p) * daysPerWeekOf(p) * expectedDays(window, p.expectedFrom ?? null)) / 7;
    expectedByExercise.set(p.exerciseId, (expectedByExercise.get(p.exerciseId) ?? 0) + share);
  }
  let expectedTotal = 0;
  for (const share of expectedByExercise.values()) expectedTotal += share;
  const expected = Math.round(expectedTotal);

  const doneByExercise = new Map<string, number>();
  for (const s of args.sessions) {
    if (!s.completed) continue;
    if (!expectedByExercise.has(s.exerciseId)) continue;
    if (!isWithin(window, s.performedOn)) continue;
    if (toDateOnly(s.performedOn).getTime() < (clearedFrom.get(s.exerciseId) ?? Number.NEGATIVE_INFINITY)) continue;
    doneByExercise.set(s.exerciseId, (doneByExercise.get(s.exerciseId) ?? 0) + 1);
  }

  // Capping per exercise stops extra walking from hiding skipped exercises. The cap rounds up
  // so a partly expected session (5 days a week over a 3-day window) still counts once done.
  let credited = 0;
  for (const [exerciseId, done] of doneByExercise) {
    credited += Math.min(done, Math.ceil(expectedByExercise.get(exerciseId) ?? 0));
  }
  const completed = Math.min(credited, expected);
  const percent = expected === 0 ? null : Math.min(100, Math.round((100 * completed) / expected));
  return { completed, expected, percent };
}

export type WeeklyAdherence = Adherence & { week: number; first: Date; last: Date };

/**
 * Adherence week by week since `start` (week 1 is its first 7 days), up to the week that holds `today`
 * (counted up to today). The same rule as the weekly figure: home exercises only, each from the day it
 * was cleared.
 */
export function weeklyAdherence(args: { sessions: readonly SessionEntry[]; prescriptions: readonly Expected[]; start: Date; today: Date }): WeeklyAdherence[] {
  const elapsed = daysBetween(args.start, args.today);
  if (elapsed < 0) return [];
  const weeks: WeeklyAdherence[] = [];
  for (let week = 0; week * 7 <= elapsed; week += 1) {
    const first = addDays(args.start, week * 7);
    const last = addDays(first, 6) > toDateOnly(args.today) ? toDateOnly(args.today) : addDays(first, 6);
    const days = daysBetween(first, last) + 1;
    weeks.push({ week: week + 1, first, last, ...adherence({ sessions: args.sessions, prescriptions: args.prescriptions, today: last, days }) });
  }
  return weeks;
}

export type DailyAdherence = Adherence & { day: Date };

/**
 * The last `days` days one by one (oldest first), each counted by the same rule as the weekly figure: what the
 * portal's week chart draws. A day is "all done" when something was expected and everything expected was done.
 */
export function dailyAdherence(args: { sessions: readonly SessionEntry[]; prescriptions: readonly Expected[]; today: Date; days?: number }): DailyAdherence[] {
  const days = args.days ?? RECENT_DAYS;
  const window = daysEndingOn(args.today, days);
  return Array.from({ length: days }, (_, index) => {
    const day = addDays(window.first, index);
    return { day, ...adherence({ sessions: args.sessions, prescriptions: args.prescriptions, today: day, days: 1 }) };
  });
}

export const isAllDone = (day: Pick<Adherence, 'completed' | 'expected'>): boolean => day.expected > 0 && day.completed >= day.expected;
