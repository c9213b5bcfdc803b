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
