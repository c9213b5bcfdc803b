import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from './calendar';
import { daysWithData, MONITORING_PERIOD_DAYS, monitoringPeriod } from './monitoring';

const start = new Date('2026-10-01T00:00:00Z');

describe('monitoringPeriod', () => {
  it('is null before the episode starts', () => {
    expect(monitoringPeriod(start, addDays(start, -1))).toBeNull();
  });

  it('counts 30-day periods from the start day', () => {
    expect(monitoringPeriod(start, start)).toMatchObject({ number: 1, dayOfPeriod: 1, first: start, last: addDays(start, 29) });
    expect(monitoringPeriod(start, addDays(start, 29))).toMatchObject({ number: 1, dayOfPeriod: 30 });
    expect(monitoringPeriod(start, addDays(start, 30))).toMatchObject({ number: 2, dayOfPeriod: 1, first: addDays(start, 30) });
  });

  it('always holds today, and is 30 days long', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (elapsed) => {
        const today = addDays(start, elapsed);
        const period = monitoringPeriod(start, today)!;
        expect(period.first <= today && today <= period.last).toBe(true);
        expect((period.last.getTime() - period.first.getTime()) / 86_400_000).toBe(MONITORING_PERIOD_DAYS - 1);
      }),
    );
  });
});

describe('daysWithData', () => {
  it('counts distinct days inside the period only', () => {
    const period = monitoringPeriod(start, addDays(start, 40))!;
    const days = [addDays(start, 31), new Date(addDays(start, 31).getTime() + 3_600_000), addDays(start, 35), addDays(start, 10), addDays(start, 70)];
    expect(daysWithData(days, period)).toBe(2);
  });
});
