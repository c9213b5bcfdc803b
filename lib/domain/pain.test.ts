import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PAIN_ALERT_LEVEL, PAIN_RISE_ALERT, painFlag } from './pain';

describe('painFlag', () => {
  it('exports the clinic thresholds', () => {
    expect(PAIN_ALERT_LEVEL).toBe(7);
    expect(PAIN_RISE_ALERT).toBe(3);
  });

  it('is false with no pain logged', () => {
    expect(painFlag([])).toBe(false);
  });

  it('is false for a single low reading', () => {
    expect(painFlag([3])).toBe(false);
  });

  it('is true for a single reading at the alert level', () => {
    expect(painFlag([7])).toBe(true);
  });

  it('is true when the latest pain is at the alert level', () => {
    expect(painFlag([6, 5, 7])).toBe(true);
  });

  it('is false when high pain has since settled', () => {
    expect(painFlag([2, 9, 3])).toBe(false);
  });

  it('is true when pain rose three points above the first reading', () => {
    expect(painFlag([1, 2, 4])).toBe(true);
  });

  it('is false for a two-point rise', () => {
    expect(painFlag([1, 2, 3])).toBe(false);
  });

  it('ignores readings that are not numbers', () => {
    expect(painFlag([Number.NaN, 1, 4])).toBe(true);
    expect(painFlag([Number.NaN])).toBe(false);
  });

  it('matches the rule for any history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1 }), (pains) => {
        const latest = pains[pains.length - 1]!;
        expect(painFlag(pains)).toBe(latest >= PAIN_ALERT_LEVEL || latest - pains[0]! >= PAIN_RISE_ALERT);
      }),
    );
  });

  it('always flags a latest reading at or above the alert level', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 })), fc.integer({ min: PAIN_ALERT_LEVEL, max: 10 }), (earlier, latest) => {
        expect(painFlag([...earlier, latest])).toBe(true);
      }),
    );
  });
});
