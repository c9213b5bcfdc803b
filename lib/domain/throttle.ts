// How password guessing is slowed down, at sign-in and when a signed-in user types their password again.
//
// OWASP (Authentication Cheat Sheet, "Protect against automated attacks"; "Slow Down Online Guessing Attacks
// with Device Cookies"): a lockout anyone can trigger is a way to lock a clinician out, so
//   - a browser that has signed in to the account before (a signed device cookie bound to the account) counts
//     only its own failures, so failures from anywhere else never block it;
//   - every other attempt counts against the account at that address and against the address (made-up emails
//     included), each with limits that tighten as attempts pile up, then lift by themselves;
//   - the account as a whole (attempts from browsers it does not know, from any address) is only ever held
//     for a few seconds, never refused: a guesser spread over many addresses cannot wall the account off, and
//     the clinician signing in from a new place still gets in within seconds.
// Counters count attempts as they arrive (so a burst of parallel guesses cannot slip past a limit), an
// attempt that is refused gives its count back, and a success clears the account's counters.

/** At most `attempts` in a fixed window of `seconds` (the window starts with the first attempt). */
export type Tier = { attempts: number; seconds: number };

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const SIGN_IN_LIMITS = {
  /** One account from one address, from a browser the account does not know: a person who mistypes gets several tries, a guesser few. */
  accountAtAddress: [
    { attempts: 5, seconds: MINUTE },
    { attempts: 10, seconds: 15 * MINUTE },
    { attempts: 20, seconds: HOUR },
  ],
  /** One address across every account, made-up emails included, from browsers the accounts do not know. */
  address: [
    { attempts: 20, seconds: MINUTE },
    { attempts: 50, seconds: 15 * MINUTE },
    { attempts: 100, seconds: HOUR },
  ],
  /** A browser the account signed in from before: its own attempts only. Past this it is treated like any other browser. */
  knownDevice: [{ attempts: 5, seconds: 15 * MINUTE }],
  /**
   * One account from browsers it does not know, from anywhere: past `freeAttempts` in the window each attempt is
   * held a second longer than the one before, up to `maxHoldSeconds`, and then answered. Never refused.
   */
  accountHold: { freeAttempts: 10, seconds: 15 * MINUTE, maxHoldSeconds: 5 },
} as const satisfies { accountAtAddress: readonly Tier[]; address: readonly Tier[]; knownDevice: readonly Tier[]; accountHold: { freeAttempts: number; seconds: number; maxHoldSeconds: number } };

/** How long a browser stays known to an account after it signed in (the device cookie's life). */
export const KNOWN_DEVICE_DAYS = 90;

/** A counter's state after this attempt was counted: attempts in its window, this one included, and when the window ends. */
export type TierCount = { tier: Tier; count: number; msUntilReset: number };

/** Milliseconds until this attempt would be allowed, or 0 when no tier is over its limit. */
export function waitBeforeAttempt(counts: readonly TierCount[]): number {
  let waitMs = 0;
  for (const { tier, count, msUntilReset } of counts) {
    if (count > tier.attempts) waitMs = Math.max(waitMs, Math.max(msUntilReset, 1_000));
  }
  return waitMs;
}

/**
 * How long to hold this attempt, in seconds, given how many attempts the account had from unknown browsers in
 * the window before it. Never more than maxHoldSeconds.
 */
export function accountHoldSeconds(attemptsBefore: number): number {
  const { freeAttempts, maxHoldSeconds } = SIGN_IN_LIMITS.accountHold;
  const over = Math.floor(attemptsBefore) - freeAttempts + 1;
  return Math.min(maxHoldSeconds, Math.max(0, over));
}

/** A wait in words a patient can read: "1 minute", "15 minutes", "1 hour". Rounded up to a whole minute. */
export function waitInWords(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  if (minutes >= 60 && minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** What the sign-in form says when an attempt is refused. */
export function signInWaitMessage(waitMs: number): string {
  return `Too many tries from here. Please wait ${waitInWords(waitMs)} and try again. Or use a phone or computer you have signed in on before.`;
}

// ---------------------------------------------------------------------------------------------------------
// Password re-checks: approving a plan, deciding a sign-off, signing a surgeon's order, resetting another
// account's password and changing one's own all ask for the password again. A session that is not its owner's
// (taken over, or left open) could guess at it there; so wrong passwords are counted per account, and at the
// limit every session of the account ends. Signing in again (or typing the right password) starts the count over.

export const PASSWORD_RECHECK_LIMIT = { failures: 5, seconds: 24 * HOUR } as const;

export type RecheckVerdict = { kind: 'try_again'; triesLeft: number } | { kind: 'end_sessions' };

/** After a wrong password that was the `failures`-th in the window. */
export function recheckVerdict(failures: number): RecheckVerdict {
  const triesLeft = PASSWORD_RECHECK_LIMIT.failures - failures;
  return triesLeft > 0 ? { kind: 'try_again', triesLeft } : { kind: 'end_sessions' };
}

/** Said after a wrong password that still leaves tries. */
export function triesLeftWords(triesLeft: number): string {
  return triesLeft === 1 ? 'You can try 1 more time before you are signed out.' : `You can try ${triesLeft} more times before you are signed out.`;
}

/** Said when wrong passwords ended the session. */
export const SIGNED_OUT_AFTER_WRONG_PASSWORDS = 'That password was wrong too many times, so we signed you out to keep your account safe. Please sign in again.';
