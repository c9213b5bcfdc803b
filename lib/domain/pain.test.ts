import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from './calendar';
import { dailyWorstPain, latestReading, PAIN_ALERT_LEVEL, PAIN_BASELINE_DAYS, PAIN_RISE_ALERT, painChange, painReasons, painTrend, type PainReading } from './pain';

const today = new Date('2026-11-27T00:00:00Z');
let clock = 0;
function reading(daysAgo: number, back: number, leg: number | null = null): PainReading {
  clock += 1;
  return { performedOn: addDays(today, -daysAgo), loggedAt: new Date(Date.UTC(2026, 10, 27, 0, 0, clock)), back, leg };
}

describe('painReasons', () => {
  it('exports the clinic thresholds', () => {
    expect(PAIN_ALERT_LEVEL).toBe(7);
    expect(PAIN_RISE_ALERT).toBe(3);
    expect(PAIN_BASELINE_DAYS).toBe(14);
  });

  it('flags back pain at the alert level, with no history at all', () => {
    expect(painReasons(reading(0, 8, 3), [])).toEqual([{ kind: 'HIGH', region: 'BACK', score: 8 }]);
  });

  it('flags leg pain at the alert level on its own: it is the nerve symptom', () => {
    expect(painReasons(reading(0, 2, 7), [])).toEqual([{ kind: 'HIGH', region: 'LEG', score: 7 }]);
  });

  it('flags a rise of 3 above the lowest score of the previous 14 days', () => {
    const history = [reading(10, 6, 1), reading(5, 2, 1), reading(1, 4, 1)];
    expect(painReasons(reading(0, 5, 2), history)).toEqual([{ kind: 'RISE', region: 'BACK', score: 5, lowest: 2 }]);
  });

  it('catches pain that returns after improving, which a first-reading baseline misses', () => {
    // First reading 6, down to 1, back up to 4: 2 below the first, 3 above the lowest.
    const history = [reading(13, 6), reading(6, 1), reading(2, 2)];
    expect(painReasons(reading(0, 4), history)).toEqual([{ kind: 'RISE', region: 'BACK', score: 4, lowest: 1 }]);
  });

  it('does not flag a rise of 2', () => {
    expect(painReasons(reading(0, 4, 3), [reading(3, 2, 1)])).toEqual([]);
  });

  it('ignores readings older than 14 days and readings logged after the one judged', () => {
    const old = reading(PAIN_BASELINE_DAYS + 1, 0);
    const latest = reading(0, 4);
    const later = { ...reading(0, 0), loggedAt: new Date(latest.loggedAt.getTime() + 1000) };
    expect(painReasons(latest, [old, later])).toEqual([]);
  });

  it('compares leg pain only with leg scores, skipping logs from before leg pain was asked', () => {
    expect(painReasons(reading(0, 3, 4), [reading(2, 3, null), reading(1, 3, 1)])).toEqual([{ kind: 'RISE', region: 'LEG', score: 4, lowest: 1 }]);
  });

  it('matches the rule for any history', () => {
    const score = fc.integer({ min: 0, max: 10 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), score, fc.option(score, { nil: null })), { maxLength: 30 }), score, fc.option(score, { nil: null }), (rows, back, leg) => {
        const history = rows.map(([daysAgo, b, l]) => reading(daysAgo, b, l));
        const latest = reading(0, back, leg);
        const reasons = painReasons(latest, history);
        const inWindow = history.filter((row) => row.performedOn >= addDays(today, -PAIN_BASELINE_DAYS));
        const lowestBack = Math.min(...inWindow.map((row) => row.back));
        const legs = inWindow.map((row) => row.leg).filter((value): value is number => value !== null);
        const backFlag = back >= PAIN_ALERT_LEVEL || (inWindow.length > 0 && back - lowestBack >= PAIN_RISE_ALERT);
        const legFlag = leg !== null && (leg >= PAIN_ALERT_LEVEL || (legs.length > 0 && leg - Math.min(...legs) >= PAIN_RISE_ALERT));
        expect(reasons.some((reason) => reason.region === 'BACK')).toBe(backFlag);
        expect(reasons.some((reason) => reason.region === 'LEG')).toBe(legFlag);
      }),
    );
  });

  it('always flags a score at or above the alert level', () => {
    fc.assert(
      fc.property(fc.integer({ min: PAIN_ALERT_LEVEL, max: 10 }), fc.integer({ min: 0, max: 10 }), (high, other) => {
        expect(painReasons(reading(0, high, other), []).length).toBeGreaterThan(0);
        expect(painReasons(reading(0, other, high), []).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('latestReading', () => {
  it('is by the day done, then by when logged', () => {
    const a = reading(1, 2);
    const b = reading(2, 9);
    const c = { ...reading(1, 5), loggedAt: new Date(a.loggedAt.getTime() - 1000) };
    expect(latestReading([b, c, a])).toBe(a);
    expect(latestReading([])).toBeNull();
  });
});

describe('painTrend', () => {
  it('compares the last 7 days with the 7 before', () => {
    expect(painTrend([reading(10, 2), reading(2, 5)], 'BACK', today)).toBe('RISING');
    expect(painTrend([reading(10, 6), reading(2, 3)], 'BACK', today)).toBe('FALLING');
    expect(painTrend([reading(10, 3), reading(2, 3.5)], 'BACK', today)).toBe('STEADY');
  });

  it('says nothing without both weeks', () => {
    expect(painTrend([reading(2, 5)], 'BACK', today)).toBeNull();
    expect(painTrend([reading(10, 2, null), reading(2, 5, null)], 'LEG', today)).toBeNull();
  });
});

describe('dailyWorstPain', () => {
  it('keeps the worst back and leg score of each day, oldest first', () => {
    const points = dailyWorstPain([reading(1, 3, null), reading(3, 2, 1), reading(1, 5, 2), reading(1, 1, 4)]);
    expect(points.map((point) => [point.day.toISOString().slice(0, 10), point.back, point.leg])).toEqual([
      ['2026-11-24', 2, 1],
      ['2026-11-26', 5, 4],
    ]);
  });
});

describe('painChange', () => {
  it.each([
    [[4, null, 3, 2], { from: 4, to: 2, direction: 'DOWN' }],
    [[2, 5], { from: 2, to: 5, direction: 'UP' }],
    [[3, 8, 3], { from: 3, to: 3, direction: 'SAME' }],
    [[null, 6, null], null],
    [[], null],
  ] as const)('%j: %j', (scores, change) => {
    expect(painChange(scores)).toEqual(change);
  });
});
