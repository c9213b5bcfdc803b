import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

// Failed sign-ins slow an attacker down without locking a clinician out for good: every block lasts
// WINDOW_SECONDS and then lifts by itself, and a successful sign-in clears the account's own counters.
// Three counters: the account from one address (tight), the account from anywhere (looser: a guesser
// spread over many addresses), and one address across all accounts.
// Kept in memory: one app process per clinic deployment today. Several processes would move these to
// rate-limiter-flexible's PostgreSQL store, with the same limits.
const WINDOW_SECONDS = 15 * 60;

const byAccountAndAddress = new RateLimiterMemory({ keyPrefix: 'sign-in:account-address', points: 5, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS });
const byAccount = new RateLimiterMemory({ keyPrefix: 'sign-in:account', points: 20, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS });
const byAddress = new RateLimiterMemory({ keyPrefix: 'sign-in:address', points: 50, duration: WINDOW_SECONDS, blockDuration: WINDOW_SECONDS });

function keys(email: string, ip: string | null) {
  const address = ip ?? 'unknown';
  return [
    [byAccountAndAddress, `${email}|${address}`],
    [byAccount, email],
    [byAddress, address],
  ] as const;
}

/** Minutes until this email may try again from this address, or 0 when it may try now. */
export async function signInWaitMinutes(email: string, ip: string | null): Promise<number> {
  let waitMs = 0;
  for (const [limiter, key] of keys(email, ip)) {
    const state = await limiter.get(key);
    if (state && state.consumedPoints >= limiter.points) waitMs = Math.max(waitMs, state.msBeforeNext);
  }
  return Math.ceil(waitMs / 60_000);
}

export async function recordSignInFailure(email: string, ip: string | null): Promise<void> {
  for (const [limiter, key] of keys(email, ip)) {
    // A rejection only means "now blocked"; the block itself is what the next attempt will see.
    await limiter.consume(key).catch((rejection: unknown) => {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    });
  }
}

export async function recordSignInSuccess(email: string, ip: string | null): Promise<void> {
  const [[pairLimiter, pairKey], [accountLimiter, accountKey]] = keys(email, ip);
  await Promise.all([pairLimiter.delete(pairKey), accountLimiter.delete(accountKey)]);
}
