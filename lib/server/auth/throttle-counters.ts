import 'server-only';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { SECOND_STEP_LIMIT } from '@/lib/domain/second-factor';
import { PASSWORD_RECHECK_LIMIT, SIGN_IN_LIMITS, type Tier, type TierCount } from '@/lib/domain/throttle';
import { dbPool } from '../db';

/** One counter: a limiter in rate-limiter-flexible's PostgreSQL store, and the tier it counts for. */
export class Counter {
  constructor(
    readonly tier: Tier,
    private readonly limiter: RateLimiterPostgres,
  ) {}

  /** Counts `points` attempts (negative gives them back) and answers the count in the window, atomically. */
  async add(identity: string, points = 1): Promise<TierCount> {
    const key = hashed(identity);
    const state = points >= 0 ? await settled(this.limiter.consume(key, points)) : await settled(this.limiter.reward(key, -points));
    return { tier: this.tier, count: state.consumedPoints, msUntilReset: Math.max(0, state.msBeforeNext) };
  }

  async clear(identity: string): Promise<void> {
    await this.limiter.delete(hashed(identity));
  }
}

export type ThrottleCounters = {
  accountAtAddress: Counter[];
  address: Counter[];
  knownDevice: Counter[];
  accountHold: Counter;
  passwordRecheck: Counter;
  /** Wrong second steps of signing in (passkey, authenticator code, recovery code), per account. */
  secondStep: Counter;
};

// Keys are hashes: the table never holds an email or an address in clear, and every key fits its column.
function hashed(identity: string): string {
  return createHash('sha256').update(identity).digest('hex');
}

// consume() rejects with the counter's state once it is over its points; both answers carry the count.
async function settled(attempt: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await attempt;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  }
}

const byPool = new WeakMap<pg.Pool, ThrottleCounters>();

/**
 * The counters, kept in PostgreSQL (table "RateLimit", migration 20261127104302) through the app's own pool, so
 * every process of the app shares them and a restart does not reset them. Another pool (a second process in a
 * test) gets counters of its own over the same table.
 */
export function throttleCounters(pool: pg.Pool = dbPool): ThrottleCounters {
  const known = byPool.get(pool);
  if (known) return known;
  let isFirst = true;
  // The store names its statements; a named statement is prepared once per connection, which the embedded
  // database (PGlite: every connection shares one session) and a transaction-pooling proxy cannot keep apart.
  // Unnamed statements work everywhere, for a parse per query.
  const store = { query: ({ text, values }: { text: string; values?: unknown[] }) => pool.query(text, values) };
  const counter = (name: string, tier: Tier) => {
    // One limiter sweeps expired rows of the whole table every five minutes; the others need not.
    const limiter = new RateLimiterPostgres({
      storeClient: store,
      storeType: 'pool',
      tableName: 'RateLimit',
      tableCreated: true,
      clearExpiredByTimeout: isFirst,
      keyPrefix: `${name}:${tier.seconds}`,
      points: tier.attempts,
      duration: tier.seconds,
    });
    isFirst = false;
    return new Counter(tier, limiter);
  };
  const { accountHold } = SIGN_IN_LIMITS;
  const counters: ThrottleCounters = {
    accountAtAddress: SIGN_IN_LIMITS.accountAtAddress.map((tier) => counter('sign-in:account-address', tier)),
    address: SIGN_IN_LIMITS.address.map((tier) => counter('sign-in:address', tier)),
    knownDevice: SIGN_IN_LIMITS.knownDevice.map((tier) => counter('sign-in:device', tier)),
    accountHold: counter('sign-in:account', { attempts: accountHold.freeAttempts, seconds: accountHold.seconds }),
    passwordRecheck: counter('password-recheck', { attempts: PASSWORD_RECHECK_LIMIT.failures, seconds: PASSWORD_RECHECK_LIMIT.seconds }),
    secondStep: counter('second-step', { attempts: SECOND_STEP_LIMIT.failures, seconds: SECOND_STEP_LIMIT.seconds }),
  };
  byPool.set(pool, counters);
  return counters;
}
