import { addDays, toDateOnly } from './calendar';

// When a patient's logged pain should make their care team look. Pain is the patient's own 0 to 10 score,
// for the back and, separately, for the leg: leg pain is the nerve symptom surgeons follow after a
// decompression, so either one can raise the flag on its own.

/** Pain (0–10) at or above which the care team is alerted whatever the trend. */
export const PAIN_ALERT_LEVEL = 7;
/** A rise this many points above the lowest score of the days before alerts the care team. */
export const PAIN_RISE_ALERT = 3;
/** How far back the lowest score is looked for, so pain that returns after improving is caught. */
export const PAIN_BASELINE_DAYS = 14;

export type PainRegion = 'BACK' | 'LEG';
export const PAIN_REGIONS: readonly PainRegion[] = ['BACK', 'LEG'];

export type PainReading = { performedOn: Date; loggedAt: Date; back: number; leg: number | null };

export type PainReason =
  | { kind: 'HIGH'; region: PainRegion; score: number }
  | { kind: 'RISE'; region: PainRegion; score: number; lowest: number };

function scoreOf(reading: PainReading, region: PainRegion): number | null {
  switch (region) {
    case 'BACK':
      return Number.isFinite(reading.back) ? reading.back : null;
    case 'LEG':
      return reading.leg !== null && Number.isFinite(reading.leg) ? reading.leg : null;
    default: {
      const unhandled: never = region;
      throw new Error(`Unhandled pain region ${String(unhandled)}`);
    }
  }
}

/** Newer first: by the day the session was done, then by when it was logged. */
function compareNewestFirst(a: PainReading, b: PainReading): number {
  return b.performedOn.getTime() - a.performedOn.getTime() || b.loggedAt.getTime() - a.loggedAt.getTime();
}

/** The patient's latest reading, or null when they have logged none. */
export function latestReading(readings: readonly PainReading[]): PainReading | null {
  let latest: PainReading | null = null;
  for (const reading of readings) if (latest === null || compareNewestFirst(reading, latest) < 0) latest = reading;
  return latest;
}

/** Readings in the order the patient lived them. */
export function oldestFirst(readings: readonly PainReading[]): PainReading[] {
  return [...readings].sort((a, b) => -compareNewestFirst(a, b));
}

/**
 * Why the latest reading should make the care team look, if it should: a score at the alert level, or a
 * rise of PAIN_RISE_ALERT above the lowest score of that region in the PAIN_BASELINE_DAYS days before
 * (readings of the same day logged earlier count too). `history` may hold any readings: only those before
 * `latest` and in the window are used.
 */
export function painReasons(latest: PainReading, history: readonly PainReading[]): PainReason[] {
  const from = addDays(latest.performedOn, -PAIN_BASELINE_DAYS).getTime();
  const before = history.filter(
    (reading) => reading !== latest && compareNewestFirst(reading, latest) > 0 && toDateOnly(reading.performedOn).getTime() >= from,
  );
  const reasons: PainReason[] = [];
  for (const region of PAIN_REGIONS) {
    const score = scoreOf(latest, region);
    if (score === null) continue;
    if (score >= PAIN_ALERT_LEVEL) {
      reasons.push({ kind: 'HIGH', region, score });
      continue;
    }
    const earlier = before.map((reading) => scoreOf(reading, region)).filter((value): value is number => value !== null);
    if (earlier.length === 0) continue;
    const lowest = Math.min(...earlier);
    if (score - lowest >= PAIN_RISE_ALERT) reasons.push({ kind: 'RISE', region, score, lowest });
  }
  return reasons;
}

export type PainTrend = 'RISING' | 'FALLING' | 'STEADY';

/**
 * Which way a region's pain is going: the mean of the last 7 days against the 7 days before, a point or
 * more apart. Null when either week has no score.
 */
export function painTrend(readings: readonly PainReading[], region: PainRegion, today: Date): PainTrend | null {
  const thisWeekFrom = addDays(today, -6).getTime();
  const lastWeekFrom = addDays(today, -13).getTime();
  const todayTime = toDateOnly(today).getTime();
  const thisWeek: number[] = [];
  const lastWeek: number[] = [];
  for (const reading of readings) {
    const score = scoreOf(reading, region);
    if (score === null) continue;
    const day = toDateOnly(reading.performedOn).getTime();
    if (day > todayTime) continue;
    if (day >= thisWeekFrom) thisWeek.push(score);
    else if (day >= lastWeekFrom) lastWeek.push(score);
  }
  if (thisWeek.length === 0 || lastWeek.length === 0) return null;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const change = mean(thisWeek) - mean(lastWeek);
  if (change >= 1) return 'RISING';
  if (change <= -1) return 'FALLING';
  return 'STEADY';
}

export type DailyPain = { day: Date; back: number; leg: number | null };

/**
 * One point a day for a chart of pain over time: the worst back and leg score the patient logged that day
 * (the worst, because that is what a clinician must not miss). Oldest day first.
 */
export function dailyWorstPain(readings: readonly PainReading[]): DailyPain[] {
  const byDay = new Map<number, DailyPain>();
  for (const reading of readings) {
    const day = toDateOnly(reading.performedOn);
    const key = day.getTime();
    const point = byDay.get(key);
    if (!point) {
      byDay.set(key, { day, back: reading.back, leg: reading.leg });
      continue;
    }
    point.back = Math.max(point.back, reading.back);
    if (reading.leg !== null) point.leg = point.leg === null ? reading.leg : Math.max(point.leg, reading.leg);
  }
  return [...byDay.values()].sort((a, b) => a.day.getTime() - b.day.getTime());
}

export type PainChange = { from: number; to: number; direction: 'DOWN' | 'UP' | 'SAME' };

/**
 * How a patient's pain moved over a short run of days, as the portal tells them: the first day's score with
 * the last day's, a point or more apart. Days without a score are skipped; null with fewer than two scores.
 */
export function painChange(scores: readonly (number | null)[]): PainChange | null {
  const logged = scores.filter((score): score is number => score !== null);
  const from = logged[0];
  const to = logged[logged.length - 1];
  if (logged.length < 2 || from === undefined || to === undefined) return null;
  return { from, to, direction: to - from >= 1 ? 'UP' : from - to >= 1 ? 'DOWN' : 'SAME' };
}
