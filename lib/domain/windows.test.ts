import { describe, expect, it } from 'vitest';
import { addDays, isWithin } from './calendar';
import { loggableWindow, RECENT_DAYS, recentWindow } from './windows';

const today = new Date('2026-11-27T15:30:00Z');

describe('recentWindow', () => {
  it('is RECENT_DAYS calendar days ending today', () => {
    const window = recentWindow(today);
    expect(window.last.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(window.first.toISOString()).toBe(addDays(today, -(RECENT_DAYS - 1)).toISOString());
    expect(isWithin(window, addDays(today, -(RECENT_DAYS - 1)))).toBe(true);
    expect(isWithin(window, addDays(today, -RECENT_DAYS))).toBe(false);
    expect(isWithin(window, addDays(today, 1))).toBe(false);
  });

  it('is the window a patient may log sessions for', () => {
    expect(loggableWindow(today)).toEqual(recentWindow(today));
  });
});
