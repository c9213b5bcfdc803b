import 'server-only';
import { accountHoldSeconds, waitBeforeAttempt, type TierCount } from '@/lib/domain/throttle';
import { throttleCounters, type Counter, type ThrottleCounters } from './throttle-counters';

/** A sign-in attempt: the email typed, the address it came from, and the browser's device id when it is known to that account. */
export type SignInAttempt = { email: string; ip: string | null; deviceId: string | null };

export type SignInAdmission =
  | { kind: 'refused'; waitMs: number }
  | { kind: 'admitted'; isKnownDevice: boolean; holdSeconds: number };

// The rules are in lib/domain/throttle.ts; this counts in the shared store and applies them.

function identities({ email, ip }: SignInAttempt) {
  const address = ip ?? 'unknown';
  return { pair: `${email}|${address}`, address, account: email };
}

async function addAll(counters: readonly Counter[], identity: string, points: number): Promise<TierCount[]> {
  return Promise.all(counters.map((counter) => counter.add(identity, points)));
}

/**
 * Counts the attempt and says whether it may go on to the password check, and after how long a hold. A browser
 * known to the account counts only against itself; past its own limit it is treated like any other browser.
 * Any other browser counts against the account at its address, its address, and the account; a refused attempt
 * gives its counts back, so only attempts that reached the password check make the limits tighter.
 */
export async function admitSignIn(attempt: SignInAttempt, counters: ThrottleCounters = throttleCounters()): Promise<SignInAdmission> {
  if (attempt.deviceId) {
    const deviceCounts = await addAll(counters.knownDevice, attempt.deviceId, 1);
    if (waitBeforeAttempt(deviceCounts) === 0) return { kind: 'admitted', isKnownDevice: true, holdSeconds: 0 };
    await addAll(counters.knownDevice, attempt.deviceId, -1);
  }
  const { pair, address, account } = identities(attempt);
  const [pairCounts, addressCounts, accountCount] = await Promise.all([
    addAll(counters.accountAtAddress, pair, 1),
    addAll(counters.address, address, 1),
    counters.accountHold.add(account, 1),
  ]);
  const waitMs = waitBeforeAttempt([...pairCounts, ...addressCounts]);
  if (waitMs > 0) {
    await Promise.all([addAll(counters.accountAtAddress, pair, -1), addAll(counters.address, address, -1), counters.accountHold.add(account, -1)]);
    return { kind: 'refused', waitMs };
  }
  return { kind: 'admitted', isKnownDevice: false, holdSeconds: accountHoldSeconds(accountCount.count - 1) };
}

/**
 * After the right password: the account's counters start over (a guesser's count is not the clinician's), and
 * the attempt no longer counts against its address, so a clinic's shared address is not used up by its own
 * staff signing in.
 */
export async function recordSignInSuccess(attempt: SignInAttempt, admission: SignInAdmission, counters: ThrottleCounters = throttleCounters()): Promise<void> {
  const { pair, address, account } = identities(attempt);
  const work: Promise<unknown>[] = [counters.accountHold.clear(account), ...counters.accountAtAddress.map((counter) => counter.clear(pair))];
  if (admission.kind === 'admitted' && admission.isKnownDevice && attempt.deviceId) {
    work.push(...counters.knownDevice.map((counter) => counter.clear(attempt.deviceId!)));
  } else {
    work.push(addAll(counters.address, address, -1));
  }
  await Promise.all(work);
}
