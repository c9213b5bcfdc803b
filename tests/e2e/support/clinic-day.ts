// The demo clinics keep their own time zones (prisma/seed.ts): Harbor is in New York, Summit in London. What
// "today" is for a patient is the clinic's calendar day, so dates the tests type are counted in the
// westernmost demo zone: a date that is today or earlier there is never in the future at either clinic,
// whatever the hour of the test run.
export const HARBOR_TIME_ZONE = 'America/New_York';

function clinicToday(timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
}

/** The calendar date `days` before today at Harbor, as YYYY-MM-DD. */
export function isoDaysAgo(days: number, timeZone = HARBOR_TIME_ZONE): string {
  const today = clinicToday(timeZone);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days)).toISOString().slice(0, 10);
}
