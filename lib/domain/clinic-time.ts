// Every date and time clinicians and patients see is in their clinic's time zone, in words people read
// ("Fri 27 Nov, 9:40"), never raw UTC. What "today" is for a patient is the clinic's calendar day too.

/** Whether `timeZone` is an IANA zone this runtime knows ("Europe/London", "America/Chicago", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The clinic's calendar day at `instant`, as a date-only value (midnight UTC of that day). */
export function localDay(instant: Date, timeZone: string): Date {
  const parts = partsIn(timeZone).formatToParts(instant);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
const dayWithYearFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function timeIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = timeFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A calendar date (a surgery date, the day a session was done): "Fri 27 Nov", with the year when not this one. */
export function formatDay(day: Date, { today }: { today?: Date } = {}): string {
  if (today && today.getUTCFullYear() !== day.getUTCFullYear()) return dayWithYearFormat.format(day).replace(/,/g, '');
  return dayFormat.format(day).replace(/,/g, '');
}

/** A moment (a signature, an approval, an audit row) in the clinic's time zone: "Fri 27 Nov, 9:40". */
export function formatMoment(instant: Date, timeZone: string): string {
  const parts = timeIn(timeZone).formatToParts(instant);
  const value = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${value('weekday')} ${value('day')} ${value('month')}, ${Number(value('hour'))}:${value('minute')}`;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function clockIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `instant`, as if it were UTC (so the difference is the zone's offset). */
function wallClockAsUtc(instant: number, timeZone: string): number {
  const parts = clockIn(timeZone).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
}

/**
 * The moment the clinic's clocks show `time` ("09:00") on `day` (a date-only value). Worked out from the
 * zone's offset at that moment, so it is right on both sides of a daylight-saving change; a time that
 * does not exist that day (skipped when clocks go forward) lands on the hour after.
 */
export function instantAt(day: Date, time: string, timeZone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour ?? 0, minute ?? 0);
  const first = wall - (wallClockAsUtc(wall, timeZone) - wall);
  return new Date(wall - (wallClockAsUtc(first, timeZone) - first));
}

/** The clinic's clock at `instant`, as "HH:MM". */
export function localTimeOfDay(instant: Date, timeZone: string): string {
  const wall = new Date(wallClockAsUtc(instant.getTime(), timeZone));
  return `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
}
