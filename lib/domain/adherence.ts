import { addDays, toDateOnly } from './phase-gate';

export type SessionEntry = { exerciseId: string; performedOn: Date; completed: boolean; pain: number };
export type Expected = { exerciseId: string; timesPerDay: number | null; daysPerWeek: number | null };
export type Adherence = { completed: number; expected: number; percent: number | null };

export const DEFAULT_ADHERENCE_DAYS = 7;

/** Pain (0–10) at or above which the therapist is alerted whatever the trend. */
export const PAIN_ALERT_LEVEL = 7;
/** Rise above the patient's first logged pain that alerts the therapist. */
export const PAIN_RISE_ALERT = 3;

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
  const days = args.days ?? DEFAULT_ADHERENCE_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Adherence window must be at least 1 whole day, got ${days}`);

  const expectedByExercise = new Map<string, number>();
  for (const p of args.prescriptions) {
    const share = (timesPerDayOf(p) * daysPerWeekOf(p) * days) / 7;
    expectedByExercise.set(p.exerciseId, (expectedByExercise.get(p.exerciseId) ?? 0) + share);
  }
  let expectedTotal = 0;
  for (const share of expectedByExercise.values()) expectedTotal += share;
  const expected = Math.round(expectedTotal);

  const last = toDateOnly(args.today).getTime();
  const first = addDays(args.today, -(days - 1)).getTime();
  const doneByExercise = new Map<string, number>();
  for (const s of args.sessions) {
    if (!s.completed) continue;
    if (!expectedByExercise.has(s.exerciseId)) continue;
    const on = toDateOnly(s.performedOn).getTime();
    if (on < first || on > last) continue;
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

/** Whether the therapist should look at this patient's pain now. */
export function painFlag(painsOldestFirst: readonly number[]): boolean {
  // A corrupt entry must not decide either way; judge on the real readings.
  const pains = painsOldestFirst.filter((p) => Number.isFinite(p));
  const baseline = pains[0];
  const latest = pains[pains.length - 1];
  if (baseline === undefined || latest === undefined) return false;
  if (latest >= PAIN_ALERT_LEVEL) return true;
  return latest - baseline >= PAIN_RISE_ALERT;
}
