import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accountHoldSeconds,
  PASSWORD_RECHECK_LIMIT,
  recheckVerdict,
  SIGN_IN_LIMITS,
  signInWaitMessage,
  triesLeftWords,
  waitBeforeAttempt,
  waitInWords,
  type Tier,
} from '@/lib/domain/throttle';

const tier: Tier = { attempts: 5, seconds: 60 };

describe('waitBeforeAttempt', () => {
  it('lets an attempt through while every tier is within its limit', () => {
    expect(waitBeforeAttempt([{ tier, count: 5, msUntilReset: 30_000 }])).toBe(0);
    expect(waitBeforeAttempt([])).toBe(0);
  });

  it('refuses until the window of the tier that is over its limit ends', () => {
    expect(waitBeforeAttempt([{ tier, count: 6, msUntilReset: 42_000 }])).toBe(42_000);
  });

  it('the longest wait of the tiers that are over wins', () => {
    const long: Tier = { attempts: 10, seconds: 900 };
    expect(
      waitBeforeAttempt([
        { tier, count: 6, msUntilReset: 10_000 },
        { tier: long, count: 11, msUntilReset: 600_000 },
        { tier: { attempts: 100, seconds: 3600 }, count: 11, msUntilReset: 3_000_000 },
      ]),
    ).toBe(600_000);
  });

  it('a refusal always asks for some wait, even at the very end of a window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 1_000 }), fc.integer({ min: 0, max: 60_000 }), (count, msUntilReset) => waitBeforeAttempt([{ tier, count, msUntilReset }]) >= 1_000),
    );
  });
});

describe('the sign-in limits', () => {
  it('tighten as attempts pile up: each tier allows more attempts over a longer window, at a lower rate', () => {
    for (const tiers of [SIGN_IN_LIMITS.accountAtAddress, SIGN_IN_LIMITS.address]) {
      for (let index = 1; index < tiers.length; index += 1) {
        const [shorter, longer] = [tiers[index - 1]!, tiers[index]!];
        expect(longer.attempts).toBeGreaterThan(shorter.attempts);
        expect(longer.seconds).toBeGreaterThan(shorter.seconds);
        expect(longer.attempts / longer.seconds).toBeLessThan(shorter.attempts / shorter.seconds);
      }
    }
  });

  it('never hold a whole account for more than a few seconds, however many attempts it had', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (attempts) => accountHoldSeconds(attempts) <= SIGN_IN_LIMITS.accountHold.maxHoldSeconds));
    expect(SIGN_IN_LIMITS.accountHold.maxHoldSeconds).toBeLessThanOrEqual(5);
  });

  it('hold nobody while the account has had few attempts, then a second more per attempt', () => {
    const { freeAttempts, maxHoldSeconds } = SIGN_IN_LIMITS.accountHold;
    expect(accountHoldSeconds(0)).toBe(0);
    expect(accountHoldSeconds(freeAttempts - 1)).toBe(0);
    expect(accountHoldSeconds(freeAttempts)).toBe(1);
    expect(accountHoldSeconds(freeAttempts + 1)).toBe(2);
    expect(accountHoldSeconds(freeAttempts + 100)).toBe(maxHoldSeconds);
  });

  it('the hold never shrinks as attempts grow', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000 }), (attempts) => accountHoldSeconds(attempts + 1) >= accountHoldSeconds(attempts)));
  });
});

describe('waitInWords', () => {
  it('rounds up to whole minutes and says hours when they are whole', () => {
    expect(waitInWords(1)).toBe('1 minute');
    expect(waitInWords(60_000)).toBe('1 minute');
    expect(waitInWords(61_000)).toBe('2 minutes');
    expect(waitInWords(15 * 60_000)).toBe('15 minutes');
    expect(waitInWords(60 * 60_000)).toBe('1 hour');
    expect(waitInWords(59 * 60_000 + 1)).toBe('1 hour');
    expect(waitInWords(120 * 60_000)).toBe('2 hours');
  });

  it('is what the sign-in form says', () => {
    expect(signInWaitMessage(42_000)).toContain('wait 1 minute and try again');
  });
});

describe('recheckVerdict', () => {
  it('leaves tries until the limit, then ends the sessions', () => {
    const { failures } = PASSWORD_RECHECK_LIMIT;
    expect(recheckVerdict(1)).toEqual({ kind: 'try_again', triesLeft: failures - 1 });
    expect(recheckVerdict(failures - 1)).toEqual({ kind: 'try_again', triesLeft: 1 });
    expect(recheckVerdict(failures)).toEqual({ kind: 'end_sessions' });
    expect(recheckVerdict(failures + 3)).toEqual({ kind: 'end_sessions' });
  });

  it('ends the sessions after a few wrong passwords, well before 10', () => {
    expect(PASSWORD_RECHECK_LIMIT.failures).toBeLessThanOrEqual(10);
    expect(PASSWORD_RECHECK_LIMIT.failures).toBeGreaterThanOrEqual(3);
  });

  it('says how many tries are left in words', () => {
    expect(triesLeftWords(1)).toBe('You can try 1 more time before you are signed out.');
    expect(triesLeftWords(3)).toBe('You can try 3 more times before you are signed out.');
  });
});
