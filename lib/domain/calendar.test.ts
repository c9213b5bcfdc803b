import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, DATE_RANGE, daysBetween, daysSinceSurgery, isSaneDate, toDateOnly } from './calendar';

const d = (iso: string): Date => new Date(iso);

// 1970..2100, any time of day.
const dateArb = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms));

describe('calendar helpers', () => {
  it('toDateOnly drops the time of day in UTC', () => {
    expect(toDateOnly(d('2025-03-10T23:59:59.999Z')).toISOString()).toBe('2025-03-10T00:00:00.000Z');
  });

  it('toDateOnly rejects an invalid date', () => {
    expect(() => toDateOnly(new Date('nope'))).toThrow(RangeError);
  });

  it('addDays crosses month and year ends', () => {
    expect(addDays(d('2024-12-31T15:00:00Z'), 1).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(addDays(d('2024-02-28T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(addDays(d('2024-03-01T00:00:00Z'), -1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('addDays refuses part days', () => {
    expect(() => addDays(d('2025-01-01'), 1.5)).toThrow(RangeError);
  });

  it('daysBetween counts calendar days, not 24-hour spans', () => {
    expect(daysBetween(d('2025-03-10T23:00:00Z'), d('2025-03-11T01:00:00Z'))).toBe(1);
    expect(daysBetween(d('2025-03-11T01:00:00Z'), d('2025-03-11T23:00:00Z'))).toBe(0);
    expect(daysBetween(d('2025-03-11'), d('2025-03-01'))).toBe(-10);
  });

  it('daysSinceSurgery is 0 on the day of surgery', () => {
    expect(daysSinceSurgery(d('2025-01-10'), d('2025-01-10T18:00:00Z'))).toBe(0);
    expect(daysSinceSurgery(d('2025-01-10'), d('2025-02-10'))).toBe(31);
  });

  it('addDays and daysBetween agree for any date and offset', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -2000, max: 2000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });

  it('toDateOnly is idempotent and lands on UTC midnight', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const day = toDateOnly(date);
        expect(day.getTime() % 86_400_000).toBe(0);
        expect(toDateOnly(day).getTime()).toBe(day.getTime());
        expect(daysBetween(date, day)).toBe(0);
      }),
    );
  });
});

describe('isSaneDate', () => {
  it('accepts every real date from 1900 to 2199', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }), (date) => isSaneDate(date.toISOString().slice(0, 10))),
    );
  });

  it('refuses dates outside that range, however real', () => {
    for (const text of ['1899-12-31', '2200-01-01', '9999-12-31', '0001-01-01', '0000-01-01']) expect(isSaneDate(text), text).toBe(false);
    expect(isSaneDate(DATE_RANGE.first)).toBe(true);
    expect(isSaneDate(DATE_RANGE.last)).toBe(true);
  });

  it('refuses what is not a calendar date', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-1-1', '20261124', '+010000-01-01', '', '2026-11-24T00:00:00Z']) expect(isSaneDate(text), text).toBe(false);
  });

  it('every accepted date can move a day either way and still be a date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const day = toDateOnly(date);
        return !Number.isNaN(addDays(day, 1).getTime()) && addDays(day, 1).getUTCFullYear() <= 2200 && addDays(day, -1).getUTCFullYear() >= 1899;
      }),
    );
  });
});

describe('calendar arithmetic on numbers', () => {
  // The field-by-field way these were first written, kept here as the reference they must match.
  const byFields = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const anyDate = fc.date({ min: new Date('1800-01-01T00:00:00.000Z'), max: new Date('2300-12-31T23:59:59.999Z'), noInvalidDate: true });

  it('matches the calendar fields for any moment and any whole number of days', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
        const day = byFields(d);
        expect(toDateOnly(d).getTime()).toBe(day.getTime());
        expect(addDays(d, n).getTime()).toBe(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + n));
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it('still refuses an invalid date', () => {
    expect(() => toDateOnly(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => addDays(new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => daysBetween(new Date(Number.NaN), new Date())).toThrow(RangeError);
  });
});
