import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Dosage, Side } from './types';
import { SIDES } from './types';
import {
  DOSAGE_LIMITS,
  DOSAGE_NUMBER_FIELDS,
  EMPTY_DOSAGE,
  EMPTY_DOSAGE_TEXT,
  describeDosage,
  dosageProblems,
  isSameDosage,
} from './dosage';

function dosage(partial: Partial<Dosage>): Dosage {
  return { ...EMPTY_DOSAGE, ...partial };
}

describe('describeDosage', () => {
  it('describes sets, reps, hold and times a day in order', () => {
    expect(describeDosage(dosage({ sets: 2, reps: 10, holdSeconds: 5, timesPerDay: 2 }))).toBe(
      '2 sets of 10, hold 5 seconds, twice a day',
    );
  });

  it('describes a timed exercise done every day', () => {
    expect(describeDosage(dosage({ minutes: 10, timesPerDay: 3, daysPerWeek: 7 }))).toBe(
      '10 minutes, 3 times a day, every day',
    );
  });

  it('says "times" when only reps are given', () => {
    expect(describeDosage(dosage({ reps: 10 }))).toBe('10 times');
  });

  it('uses the singular for one set', () => {
    expect(describeDosage(dosage({ sets: 1, reps: 10 }))).toBe('1 set of 10');
  });

  it('describes sets without reps', () => {
    expect(describeDosage(dosage({ sets: 3, holdSeconds: 30 }))).toBe('3 sets, hold 30 seconds');
  });

  it('says once a day', () => {
    expect(describeDosage(dosage({ reps: 5, timesPerDay: 1 }))).toBe('5 times, once a day');
  });

  it('says days a week below seven', () => {
    expect(describeDosage(dosage({ minutes: 20, daysPerWeek: 5 }))).toBe('20 minutes, 5 days a week');
  });

  it('says every day for seven days a week', () => {
    expect(describeDosage(dosage({ reps: 10, daysPerWeek: 7 }))).toBe('10 times, every day');
  });

  it('uses the singular for one day a week, one minute and one second', () => {
    expect(describeDosage(dosage({ minutes: 1, holdSeconds: 1, daysPerWeek: 1 }))).toBe(
      '1 minute, hold 1 second, 1 day a week',
    );
  });

  it('appends each side after the hold', () => {
    expect(describeDosage(dosage({ sets: 2, reps: 10, holdSeconds: 5, side: 'EACH', timesPerDay: 2 }))).toBe(
      '2 sets of 10, hold 5 seconds, each side, twice a day',
    );
  });

  it.each<[Side, string]>([
    ['LEFT', '10 times, left side only'],
    ['RIGHT', '10 times, right side only'],
    ['BOTH', '10 times, both sides at the same time'],
    ['EACH', '10 times, each side'],
    ['NONE', '10 times'],
  ])('describes side %s', (side, text) => {
    expect(describeDosage(dosage({ reps: 10, side }))).toBe(text);
  });

  it('falls back to the therapist when nothing is given', () => {
    expect(describeDosage(EMPTY_DOSAGE)).toBe(EMPTY_DOSAGE_TEXT);
  });

  it('leaves out values a patient must never read', () => {
    expect(describeDosage(dosage({ sets: 0, reps: Number.NaN, minutes: -5, holdSeconds: Infinity }))).toBe(
      EMPTY_DOSAGE_TEXT,
    );
  });

  it('never returns an empty string or leaks null, undefined or NaN', () => {
    const anyNumber = fc.option(fc.oneof(fc.integer(), fc.double()), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          sets: anyNumber,
          reps: anyNumber,
          holdSeconds: anyNumber,
          timesPerDay: anyNumber,
          daysPerWeek: anyNumber,
          minutes: anyNumber,
          side: fc.constantFrom(...SIDES),
        }),
        (d) => {
          const text = describeDosage(d);
          expect(text.length).toBeGreaterThan(0);
          expect(text).not.toMatch(/null|undefined|NaN|Infinity/);
        },
      ),
    );
  });
});

const validDosage: fc.Arbitrary<Dosage> = fc
  .record({
    sets: fc.option(fc.integer({ min: 1, max: DOSAGE_LIMITS.sets.max }), { nil: null }),
    reps: fc.option(fc.integer({ min: 1, max: DOSAGE_LIMITS.reps.max }), { nil: null }),
    holdSeconds: fc.option(fc.integer({ min: 1, max: DOSAGE_LIMITS.holdSeconds.max }), { nil: null }),
    timesPerDay: fc.option(fc.integer({ min: 1, max: DOSAGE_LIMITS.timesPerDay.max }), { nil: null }),
    daysPerWeek: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
    minutes: fc.option(fc.integer({ min: 1, max: DOSAGE_LIMITS.minutes.max }), { nil: null }),
    side: fc.constantFrom(...SIDES),
  })
  .filter((d) => d.reps !== null || d.minutes !== null || d.holdSeconds !== null);

describe('isSameDosage', () => {
  it('is true for equal dosages', () => {
    expect(isSameDosage(dosage({ reps: 10, side: 'EACH' }), dosage({ reps: 10, side: 'EACH' }))).toBe(true);
  });

  it('is false when the side differs', () => {
    expect(isSameDosage(dosage({ reps: 10, side: 'LEFT' }), dosage({ reps: 10, side: 'RIGHT' }))).toBe(false);
  });

  it('is false when a blank becomes a number', () => {
    expect(isSameDosage(dosage({ reps: 10 }), dosage({ reps: 10, sets: 1 }))).toBe(false);
  });

  it('is reflexive on copies', () => {
    fc.assert(fc.property(validDosage, (d) => isSameDosage(d, { ...d })));
  });

  it('notices a change to any single number', () => {
    fc.assert(
      fc.property(validDosage, fc.constantFrom(...DOSAGE_NUMBER_FIELDS), fc.integer({ min: 1, max: 500 }), (d, field, n) => {
        fc.pre(d[field] !== n);
        expect(isSameDosage(d, { ...d, [field]: n })).toBe(false);
      }),
    );
  });
});

describe('dosageProblems', () => {
  it('accepts a typical dosage', () => {
    expect(dosageProblems(dosage({ sets: 2, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 }))).toEqual([]);
  });

  it('accepts a hold-only dosage', () => {
    expect(dosageProblems(dosage({ holdSeconds: 30 }))).toEqual([]);
  });

  it('accepts a minutes-only dosage', () => {
    expect(dosageProblems(dosage({ minutes: 15 }))).toEqual([]);
  });

  it('reports a dosage with nothing to do', () => {
    const problems = dosageProblems(dosage({ sets: 3, timesPerDay: 2 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/reps, minutes or a hold/);
  });

  it('reports an empty dosage', () => {
    expect(dosageProblems(EMPTY_DOSAGE)).toHaveLength(1);
  });

  it('reports negative values', () => {
    expect(dosageProblems(dosage({ reps: -1 }))).toEqual(["Reps can't be negative."]);
  });

  it('reports zero', () => {
    expect(dosageProblems(dosage({ reps: 10, sets: 0 }))).toEqual([
      "Sets can't be zero. Leave it blank if it doesn't apply.",
    ]);
  });

  it('reports non-integers and non-numbers', () => {
    expect(dosageProblems(dosage({ reps: 2.5 }))).toEqual(['Reps must be a whole number.']);
    expect(dosageProblems(dosage({ reps: 10, minutes: Number.NaN }))).toEqual(['Minutes must be a whole number.']);
  });

  it.each([
    ['sets', 11, "Sets can't be more than 10."],
    ['reps', 101, "Reps can't be more than 100."],
    ['holdSeconds', 301, "Hold time (seconds) can't be more than 300."],
    ['timesPerDay', 11, "Times a day can't be more than 10."],
    ['daysPerWeek', 8, "Days a week can't be more than 7."],
    ['minutes', 181, "Minutes can't be more than 180."],
  ] as const)('reports %s over its limit', (field, value, problem) => {
    expect(dosageProblems(dosage({ reps: 10, [field]: value }))).toEqual([problem]);
  });

  it('accepts every value exactly at its limit', () => {
    expect(
      dosageProblems({ sets: 10, reps: 100, holdSeconds: 300, timesPerDay: 10, daysPerWeek: 7, minutes: 180, side: 'EACH' }),
    ).toEqual([]);
  });

  it('reports an unknown side', () => {
    expect(dosageProblems(dosage({ reps: 10, side: 'UP' as Side }))).toHaveLength(1);
  });

  it('finds no problems in any dosage inside the limits', () => {
    fc.assert(fc.property(validDosage, (d) => dosageProblems(d).length === 0));
  });

  it('always reports a value over its limit', () => {
    fc.assert(
      fc.property(validDosage, fc.constantFrom(...DOSAGE_NUMBER_FIELDS), fc.integer({ min: 1, max: 1000 }), (d, field, extra) => {
        const over = { ...d, [field]: DOSAGE_LIMITS[field].max + extra };
        expect(dosageProblems(over).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('describeDosage without the schedule (exercises done at visits)', () => {
  it('leaves out how often, keeping how much', () => {
    expect(describeDosage(dosage({ sets: 1, reps: 10, timesPerDay: 2, daysPerWeek: 7, side: 'EACH' }), { withSchedule: false })).toBe('1 set of 10, each side');
  });

  it('falls back to the therapist when only a schedule was given', () => {
    expect(describeDosage(dosage({ reps: null, timesPerDay: 2 }), { withSchedule: false })).toBe(EMPTY_DOSAGE_TEXT);
  });
});
