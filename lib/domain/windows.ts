import { daysEndingOn, type DayWindow } from './calendar';

// The time windows the clinic reads a patient's logs over. Change a window here and every page, check
// and message that uses it follows.

/** "This week": adherence on the caseload and the portal, and how far back a patient may log a session. */
export const RECENT_DAYS = 7;

/** The last RECENT_DAYS calendar days, today included. */
export function recentWindow(today: Date): DayWindow {
  return daysEndingOn(today, RECENT_DAYS);
}

/** The days a patient may log a session for: the recent window (nothing in the future, nothing older). */
export function loggableWindow(today: Date): DayWindow {
  return recentWindow(today);
}
