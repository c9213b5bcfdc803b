import { daysEndingOn, isWithin } from './calendar';
import { RECENT_DAYS } from './windows';

export type SessionEntry = { exerciseId: string; performedOn: Date; completed: boolean; pain: number };
export type Expected = { exerciseId: string; timesPerDay: number | null; daysPerWeek: number | null };
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
  for (const p of args.prescriptions) {
    const share = (timesPerDayOf(p) * daysPerWeekOf(p) * days) / 7;
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
