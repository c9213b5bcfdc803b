import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Expected, SessionEntry } from './adherence';
import { adherence, dailyAdherence, isAllDone, weeklyAdherence } from './adherence';
import { addDays } from './calendar';

const today = new Date('2025-05-20T15:30:00Z');

function done(exerciseId: string, daysAgo: number, completed = true): SessionEntry {
  return { exerciseId, performedOn: addDays(today, -daysAgo), completed };
}

function daily(exerciseId: string, timesPerDay: number | null = 1, daysPerWeek: number | null = 7): Expected {
  return { exerciseId, timesPerDay, daysPerWeek };
}

describe('adherence', () => {
  it('is null when nothing is expected', () => {
    expect(adherence({ sessions: [done('a', 0)], prescriptions: [], today })).toEqual({ completed: 0, expected: 0, percent: null });
  });

  it('expects once a day, every day, when frequency is blank', () => {
    expect(adherence({ sessions: [], prescriptions: [daily('a', null, null)], today })).toEqual({
      completed: 0,
      expected: 7,
      percent: 0,
    });
  });

  it('multiplies times a day by days a week', () => {
    expect(adherence({ sessions: [], prescriptions: [daily('a', 2, 5)], today }).expected).toBe(10);
  });

  it('counts completed sessions in the last seven days including today', () => {
    const sessions = [done('a', 0), done('a', 3), done('a', 6)];
    expect(adherence({ sessions, prescriptions: [daily('a')], today })).toEqual({ completed: 3, expected: 7, percent: 43 });
  });

  it('ignores sessions before the window', () => {
    expect(adherence({ sessions: [done('a', 7)], prescriptions: [daily('a')], today }).completed).toBe(0);
  });

  it('ignores sessions after today', () => {
    expect(adherence({ sessions: [done('a', -1)], prescriptions: [daily('a')], today }).completed).toBe(0);
  });

  it('counts a session logged late in the day on the first day of the window', () => {
    const lateEvening = new Date(addDays(today, -6).getTime() + 23 * 3_600_000);
    const sessions = [{ exerciseId: 'a', performedOn: lateEvening, completed: true }];
    expect(adherence({ sessions, prescriptions: [daily('a')], today }).completed).toBe(1);
  });

  it('ignores sessions marked not completed', () => {
    expect(adherence({ sessions: [done('a', 0, false)], prescriptions: [daily('a')], today }).completed).toBe(0);
  });

  it('ignores exercises that are not prescribed', () => {
    expect(adherence({ sessions: [done('b', 0)], prescriptions: [daily('a')], today }).completed).toBe(0);
  });

  it('does not let overdoing one exercise hide skipping another', () => {
    const sessions = Array.from({ length: 14 }, (_, i) => done('walk', i % 7));
    expect(adherence({ sessions, prescriptions: [daily('walk'), daily('bridge')], today })).toEqual({
      completed: 7,
      expected: 14,
      percent: 50,
    });
  });

  it('reaches 100 when everything is done', () => {
    const sessions = Array.from({ length: 7 }, (_, i) => [done('a', i), done('a', i)]).flat();
    expect(adherence({ sessions, prescriptions: [daily('a', 2)], today })).toEqual({ completed: 14, expected: 14, percent: 100 });
  });

  it('scales expectations to a longer window', () => {
    expect(adherence({ sessions: [], prescriptions: [daily('a', 1, 5)], today, days: 14 }).expected).toBe(10);
  });

  it('rounds the expectation for a window that is not whole weeks', () => {
    expect(adherence({ sessions: [], prescriptions: [daily('a', 1, 5)], today, days: 3 }).expected).toBe(2);
  });

  it('credits a partly expected session once it is done', () => {
    const sessions = [done('a', 0), done('b', 1)];
    const result = adherence({ sessions, prescriptions: [daily('a', 1, 1), daily('b', 1, 1)], today, days: 3 });
    expect(result.expected).toBe(1);
    expect(result.percent).toBe(100);
  });

  it('refuses a window of less than one whole day', () => {
    expect(() => adherence({ sessions: [], prescriptions: [], today, days: 0 })).toThrow(RangeError);
    expect(() => adherence({ sessions: [], prescriptions: [], today, days: 2.5 })).toThrow(RangeError);
  });

  const exerciseArb = fc.constantFrom('a', 'b', 'c', 'd');
  const prescriptionsArb = fc.array(
    fc.record({
      exerciseId: exerciseArb,
      timesPerDay: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
      daysPerWeek: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
    }),
    { maxLength: 5 },
  );
  const sessionsArb = fc.array(
    fc.record({
      exerciseId: fc.constantFrom('a', 'b', 'c', 'd', 'unprescribed'),
      performedOn: fc.integer({ min: -40, max: 5 }).map((n) => addDays(today, -n)),
      completed: fc.boolean(),
    }),
    { maxLength: 120 },
  );

  it('keeps percent within 0..100 and completed within expected', () => {
    fc.assert(
      fc.property(sessionsArb, prescriptionsArb, fc.integer({ min: 1, max: 60 }), (sessions, prescriptions, days) => {
        const result = adherence({ sessions, prescriptions, today, days });
        expect(result.completed).toBeGreaterThanOrEqual(0);
        expect(result.completed).toBeLessThanOrEqual(result.expected);
        expect(Number.isInteger(result.completed)).toBe(true);
        if (result.expected === 0) {
          expect(result.percent).toBeNull();
        } else {
          expect(result.percent).not.toBeNull();
          expect(result.percent!).toBeGreaterThanOrEqual(0);
          expect(result.percent!).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('never goes down when a patient logs one more completed session', () => {
    fc.assert(
      fc.property(sessionsArb, prescriptionsArb, exerciseArb, fc.integer({ min: 0, max: 6 }), (sessions, prescriptions, ex, ago) => {
        const before = adherence({ sessions, prescriptions, today });
        const after = adherence({ sessions: [...sessions, done(ex, ago)], prescriptions, today });
        expect(after.completed).toBeGreaterThanOrEqual(before.completed);
      }),
    );
  });
});

describe('adherence counts fairly from the day an exercise was cleared', () => {
  it('expects nothing of an exercise before the day it was cleared', () => {
    const kneeSignedToday = { exerciseId: 'knee', timesPerDay: 2, daysPerWeek: 7, expectedFrom: today };
    expect(adherence({ sessions: [], prescriptions: [kneeSignedToday], today }).expected).toBe(2);
  });

  it('does not drop a patient for an exercise signed off today (the issue: 25 of 49 became 26 of 63)', () => {
    const walking = { exerciseId: 'walk', timesPerDay: 7, daysPerWeek: 7, expectedFrom: null };
    const sessions = Array.from({ length: 25 }, (_, index) => done('walk', index % 7));
    const before = adherence({ sessions, prescriptions: [walking], today });
    const knee = { exerciseId: 'knee', timesPerDay: 2, daysPerWeek: 7, expectedFrom: today };
    const after = adherence({ sessions: [...sessions, done('knee', 0)], prescriptions: [walking, knee], today });
    expect(before).toEqual({ completed: 25, expected: 49, percent: 51 });
    expect(after).toEqual({ completed: 26, expected: 51, percent: 51 });
  });

  it('never expects more of an exercise than its days since clearance allow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: -20, max: 20 }), (timesPerDay, daysPerWeek, clearedDaysAgo) => {
        const expectedFrom = addDays(today, -clearedDaysAgo);
        const result = adherence({ sessions: [], prescriptions: [{ exerciseId: 'a', timesPerDay, daysPerWeek, expectedFrom }], today });
        const daysCleared = Math.max(0, Math.min(7, clearedDaysAgo + 1));
        expect(result.expected).toBe(Math.round((timesPerDay * daysPerWeek * daysCleared) / 7));
      }),
    );
  });

  it('clearing an exercise later never raises what is expected', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (earlier, later) => {
        const [a, b] = earlier >= later ? [earlier, later] : [later, earlier];
        const expectedOf = (daysAgo: number) => adherence({ sessions: [], prescriptions: [{ exerciseId: 'a', timesPerDay: 2, daysPerWeek: 7, expectedFrom: addDays(today, -daysAgo) }], today }).expected;
        expect(expectedOf(b)).toBeLessThanOrEqual(expectedOf(a));
      }),
    );
  });
});

describe('weeklyAdherence', () => {
  it('counts week by week from the start, the last week up to today', () => {
    const start = addDays(today, -9);
    const weeks = weeklyAdherence({ sessions: [done('a', 9), done('a', 0)], prescriptions: [{ exerciseId: 'a', timesPerDay: 1, daysPerWeek: 7 }], start, today });
    expect(weeks.map((week) => [week.week, week.completed, week.expected])).toEqual([
      [1, 1, 7],
      [2, 1, 3],
    ]);
  });

  it('is empty before the start', () => {
    expect(weeklyAdherence({ sessions: [], prescriptions: [], start: addDays(today, 1), today })).toEqual([]);
  });
});

describe('dailyAdherence', () => {
  it('counts each of the last seven days on its own, oldest first', () => {
    const sessions = [done('a', 0), done('a', 0), done('a', 2), done('b', 2), done('a', 6), done('a', 7)];
    const days = dailyAdherence({ sessions, prescriptions: [daily('a', 2), daily('b')], today });
    expect(days).toHaveLength(7);
    expect(days[0]?.day.toISOString().slice(0, 10)).toBe('2025-05-14');
    expect(days[6]?.day.toISOString().slice(0, 10)).toBe('2025-05-20');
    expect(days.map((day) => day.completed)).toEqual([1, 0, 0, 0, 2, 0, 2]);
    expect(days.every((day) => day.expected === 3)).toBe(true);
    expect(days.map(isAllDone)).toEqual([false, false, false, false, false, false, false]);
  });

  it('expects nothing before an exercise was cleared, and a day is all done when everything expected was', () => {
    const cleared = addDays(today, -1);
    const days = dailyAdherence({ sessions: [done('a', 1), done('a', 0)], prescriptions: [{ ...daily('a'), expectedFrom: cleared }], today, days: 3 });
    expect(days.map((day) => [day.completed, day.expected])).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
    expect(days.map(isAllDone)).toEqual([false, true, true]);
  });

  // The week caps each exercise over the week, a day over the day: extra sessions one day never make up for a
  // missed day in the chart, so the days can only add up to less than the week.
  it('expects what the week expects, and credits no more than the week does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 9 }), fc.boolean()), { maxLength: 40 }), (raw) => {
        const sessions = raw.map(([id, ago, completed]) => done(id, ago, completed));
        const prescriptions = [daily('a'), daily('b', 3)];
        const days = dailyAdherence({ sessions, prescriptions, today });
        const week = adherence({ sessions, prescriptions, today });
        expect(days.reduce((sum, day) => sum + day.expected, 0)).toBe(week.expected);
        expect(days.reduce((sum, day) => sum + day.completed, 0)).toBeLessThanOrEqual(week.completed);
      }),
    );
  });
});
