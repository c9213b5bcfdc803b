import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment, instantAt, isTimeZone, localDay, localTimeOfDay } from './clinic-time';

describe('clinic time', () => {
  it('knows IANA zones and refuses anything else', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('gives the clinic its own calendar day', () => {
    const lateEveningInCalifornia = new Date('2026-11-28T06:30:00Z');
    expect(localDay(lateEveningInCalifornia, 'America/Los_Angeles').toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(localDay(lateEveningInCalifornia, 'Europe/London').toISOString()).toBe('2026-11-28T00:00:00.000Z');
  });

  it('shows a moment in the clinic zone, in words', () => {
    expect(formatMoment(new Date('2026-11-27T09:40:00Z'), 'Europe/London')).toBe('Fri 27 Nov, 9:40');
    expect(formatMoment(new Date('2026-11-27T09:40:00Z'), 'America/New_York')).toBe('Fri 27 Nov, 4:40');
    expect(formatMoment(new Date('2026-07-01T21:05:00Z'), 'Europe/London')).toBe('Wed 1 Jul, 22:05');
  });

  it('shows a calendar date as it is, with the year only when it is not this one', () => {
    expect(formatDay(new Date('2026-11-27T00:00:00Z'))).toBe('Fri 27 Nov');
    expect(formatDay(new Date('2025-11-27T00:00:00Z'), { today: new Date('2026-11-27T00:00:00Z') })).toBe('Thu 27 Nov 2025');
  });
});

describe('a time of day in the clinic zone', () => {
  it('is the moment the clinic clocks show it, in winter and in summer', () => {
    expect(instantAt(new Date('2026-11-27T00:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(instantAt(new Date('2026-07-01T00:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(instantAt(new Date('2026-07-01T00:00:00Z'), '09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(instantAt(new Date('2026-11-27T00:00:00Z'), '23:30', 'UTC').toISOString()).toBe('2026-11-27T23:30:00.000Z');
  });

  it('stays on the clock across the change to and from daylight saving time', () => {
    // New York: clocks go forward on Sun 8 Mar 2026 and back on Sun 1 Nov 2026.
    expect(instantAt(new Date('2026-03-08T00:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(instantAt(new Date('2026-03-07T00:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(instantAt(new Date('2026-11-01T00:00:00Z'), '09:00', 'America/New_York').toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('round-trips through the clinic clock for every zone and whole-minute time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Auckland'),
        fc.integer({ min: 0, max: 730 }),
        fc.integer({ min: 4, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, dayOffset, hour, minute) => {
          const day = new Date(Date.UTC(2026, 0, 1 + dayOffset));
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const instant = instantAt(day, time, zone);
          expect(localTimeOfDay(instant, zone)).toBe(time);
          expect(localDay(instant, zone).toISOString()).toBe(day.toISOString());
        },
      ),
    );
  });
});
