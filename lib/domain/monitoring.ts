import { addDays, daysBetween, isWithin, toDateOnly, type DayWindow } from './calendar';

// Remote monitoring is counted in 30-day periods from the start of the episode of care (the day of
// surgery): how many days of each period the patient logged anything. Clinics compare the count with the
// thresholds their payers set (16 days of data in a period is a common one).

export const MONITORING_PERIOD_DAYS = 30;

export type MonitoringPeriod = DayWindow & { number: number; dayOfPeriod: number };

/** The 30-day period `today` falls in, counting from the start day (period 1 starts on it). Null before it. */
export function monitoringPeriod(start: Date, today: Date): MonitoringPeriod | null {
  const elapsed = daysBetween(start, today);
  if (elapsed < 0) return null;
  const index = Math.floor(elapsed / MONITORING_PERIOD_DAYS);
  const first = addDays(start, index * MONITORING_PERIOD_DAYS);
  return { number: index + 1, first, last: addDays(first, MONITORING_PERIOD_DAYS - 1), dayOfPeriod: daysBetween(first, today) + 1 };
}

/** Distinct days of the period with at least one log. */
export function daysWithData(loggedDays: readonly Date[], period: DayWindow): number {
  const days = new Set<number>();
  for (const day of loggedDays) if (isWithin(period, day)) days.add(toDateOnly(day).getTime());
  return days.size;
}
