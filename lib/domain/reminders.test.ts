import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import { calendarDays, calendarEventTitle, isReminderDue, isTimeOfDay, newHomeExercises, type ReminderFacts } from './reminders';

const today = new Date('2026-11-27T00:00:00Z');
const due: ReminderFacts = { today, timeNow: '09:00', reminderTime: '09:00', emailReminders: true, homeSince: addDays(today, -10), lastLoggedOn: addDays(today, -3) };

describe('reminder times', () => {
  it('are HH:MM on a 24-hour clock', () => {
    expect(['00:00', '09:00', '23:59', '12:30'].every(isTimeOfDay)).toBe(true);
    expect(['9:00', '24:00', '12:60', '09:00:00', '', 'noon', '09-00'].some(isTimeOfDay)).toBe(false);
  });
});

describe('the calendar', () => {
  it('holds 28 days from today', () => {
    const days = calendarDays(today);
    expect(days).toHaveLength(28);
    expect(days[0]?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(days[27]?.toISOString()).toBe('2026-12-24T00:00:00.000Z');
  });

  it('says only "Your exercises" unless the patient chose to show the names', () => {
    expect(calendarEventTitle(['Walking', 'Pelvic tilt'], { showNames: false })).toBe('Your exercises');
    expect(calendarEventTitle(['Walking', 'Pelvic tilt'], { showNames: true })).toBe('Your exercises: Walking, Pelvic tilt');
    expect(calendarEventTitle([], { showNames: true })).toBe('Your exercises');
  });
});

describe('an emailed reminder', () => {
  it('is due after two whole days with nothing logged, at the reminder time', () => {
    expect(isReminderDue(due)).toBe(true);
    expect(isReminderDue({ ...due, lastLoggedOn: null })).toBe(true);
  });

  it('is not due when something was logged on either of the last two days or today', () => {
    expect(isReminderDue({ ...due, lastLoggedOn: addDays(today, -2) })).toBe(false);
    expect(isReminderDue({ ...due, lastLoggedOn: addDays(today, -1) })).toBe(false);
    expect(isReminderDue({ ...due, lastLoggedOn: today })).toBe(false);
  });

  it('waits for the patient’s reminder time', () => {
    expect(isReminderDue({ ...due, timeNow: '08:59' })).toBe(false);
    expect(isReminderDue({ ...due, timeNow: '21:15' })).toBe(true);
    expect(isReminderDue({ ...due, reminderTime: '18:30', timeNow: '18:29' })).toBe(false);
  });

  it('is never sent to a patient who turned reminders off, or who has no home exercises', () => {
    expect(isReminderDue({ ...due, emailReminders: false })).toBe(false);
    expect(isReminderDue({ ...due, homeSince: null })).toBe(false);
  });

  it('does not count days before the exercises were cleared', () => {
    expect(isReminderDue({ ...due, homeSince: addDays(today, -1), lastLoggedOn: null })).toBe(false);
    expect(isReminderDue({ ...due, homeSince: addDays(today, -2), lastLoggedOn: null })).toBe(true);
  });

  it('is never due on a day something was logged in the two days before (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 2, max: 400 }), (loggedDaysAgo, clearedDaysAgo) => {
        expect(isReminderDue({ ...due, homeSince: addDays(today, -clearedDaysAgo), lastLoggedOn: addDays(today, -loggedDaysAgo) })).toBe(false);
      }),
    );
  });
});

describe('a new exercise note', () => {
  it('names only the home exercises that were not there before', () => {
    expect(newHomeExercises(['walking'], ['walking', 'tilt'])).toEqual(['tilt']);
    expect(newHomeExercises(['walking', 'tilt'], ['walking', 'tilt'])).toEqual([]);
    expect(newHomeExercises(['walking', 'tilt'], ['walking'])).toEqual([]);
  });
});
