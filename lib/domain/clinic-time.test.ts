import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment, isTimeZone, localDay } from './clinic-time';

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
