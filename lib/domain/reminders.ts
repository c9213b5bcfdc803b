// Reminders: when the patient's calendar puts their home exercises, when an emailed reminder is due, and
// when a note that a new exercise is ready goes out. Every time of day is the clinic's clock.
import { addDays, daysBetween, toDateOnly } from './calendar';

/** The time of day a patient who never chose one is reminded at. */
export const DEFAULT_REMINDER_TIME = '09:00';

/** How far ahead the calendar holds events: it is read again every few hours, so a plan change shows. */
export const CALENDAR_DAYS = 28;

/** How long an exercise appointment lasts in the calendar. */
export const CALENDAR_EVENT_MINUTES = 20;

/** Whole days with nothing logged before an email reminder goes out. */
export const DAYS_WITHOUT_LOG = 2;

/** "HH:MM" on a 24-hour clock. */
export function isTimeOfDay(value: string): boolean {
  return /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value);
}

/** The days the calendar holds, starting today (the clinic's day). */
export function calendarDays(today: Date, count = CALENDAR_DAYS): Date[] {
  return Array.from({ length: count }, (_, index) => addDays(today, index));
}

/** What a calendar event says: only "Your exercises", unless the patient chose to see the names. */
export function calendarEventTitle(names: readonly string[], { showNames }: { showNames: boolean }): string {
  if (!showNames || names.length === 0) return 'Your exercises';
  return `Your exercises: ${names.join(', ')}`;
}

export type ReminderFacts = {
  /** The clinic's day and clock now. */
  today: Date;
  timeNow: string;
  /** The patient's choices. */
  reminderTime: string;
  emailReminders: boolean;
  /** The first day any of today's home exercises was cleared; null with no home exercises. */
  homeSince: Date | null;
  /** The newest day the patient logged anything for; null if never. */
  lastLoggedOn: Date | null;
};

/**
 * An emailed reminder is due when the patient wants them, has home exercises that were theirs on each of
 * the last two days, logged nothing on those two days nor yet today, and their reminder time has come.
 * (At most one a day is the caller's to keep: it records each day's reminder once.)
 */
export function isReminderDue({ today, timeNow, reminderTime, emailReminders, homeSince, lastLoggedOn }: ReminderFacts): boolean {
  if (!emailReminders || homeSince === null) return false;
  if (timeNow < reminderTime) return false;
  const day = toDateOnly(today);
  if (daysBetween(homeSince, day) < DAYS_WITHOUT_LOG) return false;
  if (lastLoggedOn === null) return true;
  return daysBetween(lastLoggedOn, day) > DAYS_WITHOUT_LOG;
}

/** Home exercises the patient has now that they did not have before. */
export function newHomeExercises(before: readonly string[], after: readonly string[]): string[] {
  const had = new Set(before);
  return after.filter((exerciseId) => !had.has(exerciseId));
}
