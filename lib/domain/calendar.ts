// Surgery dates and session days are calendar dates. Everything here works in UTC date-only terms so a
// patient's day count never shifts with the server's time zone.

const MS_PER_DAY = 24 * 60 * 60 * 1000;

function assertValidDate(d: Date): void {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid date');
}

// UTC has no leap seconds in JavaScript: every UTC day is exactly MS_PER_DAY long, so a day's midnight is its
// time rounded down to a whole day. Worked out on numbers: these run in loops on the busiest pages, and under
// Next.js every `new Date` goes through its wrapper of the constructor (docs/benchmark.md).
function midnightOf(d: Date): number {
  assertValidDate(d);
  return Math.floor(d.getTime() / MS_PER_DAY) * MS_PER_DAY;
}

/** The same calendar day at UTC midnight. */
export function toDateOnly(d: Date): Date {
  return new Date(midnightOf(d));
}

export function addDays(d: Date, n: number): Date {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return new Date(midnightOf(d) + n * MS_PER_DAY);
}

/** Whole calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((midnightOf(to) - midnightOf(from)) / MS_PER_DAY);
}

/** Day 0 is the day of surgery; negative before it. */
export function daysSinceSurgery(surgeryDate: Date, today: Date): number {
  return daysBetween(surgeryDate, today);
}

/** A run of whole calendar days, both ends included. */
export type DayWindow = { first: Date; last: Date };

/** The `days` calendar days that end with `today` (today included). */
export function daysEndingOn(today: Date, days: number): DayWindow {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`A window must be at least 1 whole day, got ${days}`);
  return { first: addDays(today, -(days - 1)), last: toDateOnly(today) };
}

export function isWithin(window: DayWindow, day: Date): boolean {
  const time = midnightOf(day);
  return time >= window.first.getTime() && time <= window.last.getTime();
}

/** "YYYY-MM-DD" of a calendar date. */
export function isoDay(d: Date): string {
  return toDateOnly(d).toISOString().slice(0, 10);
}

/**
 * The dates any date field accepts, from 1900 to 2199: every real date of birth, surgery, session or audit filter
 * falls inside, and every date inside can be stored and moved a day either way (PostgreSQL and Prisma cannot carry
 * year 10000, which a "to" date of 9999-12-31 plus one day becomes).
 */
export const DATE_RANGE = { first: '1900-01-01', last: '2199-12-31' } as const;

/** True for a YYYY-MM-DD text that is a real calendar date inside DATE_RANGE. */
export function isSaneDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return false;
  return text >= DATE_RANGE.first && text <= DATE_RANGE.last;
}
