import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES, sessionVerdict, shouldTouchSession } from '@/lib/domain/session-policy';

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;

describe('sessionVerdict', () => {
  const createdAt = at('2026-11-24T08:00:00Z');

  it('keeps a session that was used recently', () => {
    expect(sessionVerdict({ createdAt, lastSeenAt: at('2026-11-24T09:00:00Z'), endedAt: null }, at('2026-11-24T09:10:00Z'))).toBe('ALIVE');
  });

  it('ends a session idle for longer than the idle limit', () => {
    const lastSeenAt = at('2026-11-24T09:00:00Z');
    const now = new Date(lastSeenAt.getTime() + minutes(SESSION_IDLE_MINUTES) + 1);
    expect(sessionVerdict({ createdAt, lastSeenAt, endedAt: null }, now)).toBe('IDLE');
  });

  it('ends a busy session at the absolute limit', () => {
    const now = new Date(createdAt.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000 + 1);
    expect(sessionVerdict({ createdAt, lastSeenAt: new Date(now.getTime() - 1_000), endedAt: null }, now)).toBe('TOO_OLD');
  });

  it('a signed-out session stays ended whatever the clock says', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (offset) => {
        const now = new Date(createdAt.getTime() + offset);
        return sessionVerdict({ createdAt, lastSeenAt: createdAt, endedAt: createdAt }, now) === 'ENDED';
      }),
    );
  });

  it('is alive exactly when neither limit is passed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 3_600_000 }), fc.integer({ min: 0, max: 20 * 3_600_000 }), (sinceCreated, sinceSeen) => {
        const now = new Date(createdAt.getTime() + sinceCreated);
        const lastSeenAt = new Date(Math.max(createdAt.getTime(), now.getTime() - sinceSeen));
        const isAlive = sessionVerdict({ createdAt, lastSeenAt, endedAt: null }, now) === 'ALIVE';
        const expected = sinceCreated <= SESSION_ABSOLUTE_HOURS * 3_600_000 && now.getTime() - lastSeenAt.getTime() <= minutes(SESSION_IDLE_MINUTES);
        return isAlive === expected;
      }),
    );
  });
});

describe('shouldTouchSession', () => {
  it('writes at most once a minute', () => {
    const lastSeenAt = at('2026-11-24T09:00:00Z');
    expect(shouldTouchSession(lastSeenAt, at('2026-11-24T09:00:30Z'))).toBe(false);
    expect(shouldTouchSession(lastSeenAt, at('2026-11-24T09:01:00Z'))).toBe(true);
  });
});
