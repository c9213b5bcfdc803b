import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '@/lib/domain/throttle';
import { authenticate } from '@/lib/server/auth/authenticate';
import { throttleCounters } from '@/lib/server/auth/throttle-counters';
import { db } from '@/lib/server/db';
import { createClinic, createUser, unique } from '@/prisma/factories';
import { uniqueIp } from './support/world';

const PASSWORD = 'test-password';

/** Holds are recorded, not waited out: what matters here is who is held, for how long, and who gets in. */
function recorder() {
  const holds: number[] = [];
  return { holds, pause: async (ms: number) => void holds.push(ms) };
}

async function newUser(role: 'ADMIN' | 'THERAPIST' | 'SURGEON' = 'SURGEON') {
  const clinic = await createClinic();
  return createUser({ clinicId: clinic.id, role, password: PASSWORD });
}

async function auditOf(userId: string) {
  return db.auditEvent.findMany({ where: { actorId: userId, action: 'auth.sign_in' }, select: { outcome: true }, orderBy: { id: 'asc' } });
}

describe('sign-in throttling: one browser it does not know, one address', () => {
  it('refuses the account at that address after 5 attempts in a minute, even with the right password, says how long, and audits it', async () => {
    const user = await newUser('THERAPIST');
    const ip = uniqueIp();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await authenticate({ email: user.email, password: 'wrong-password', ip })).toBeNull();
    }
    await expect(authenticate({ email: user.email, password: PASSWORD, ip })).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('wait 1 minute'), retryAfterMs: expect.any(Number) });
    expect((await auditOf(user.id)).map((row) => row.outcome)).toEqual([...Array(5).fill('FAILURE'), 'DENIED']);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('a refused attempt does not count: hammering while told to wait does not make the wait longer', async () => {
    const user = await newUser('THERAPIST');
    const ip = uniqueIp();
    for (let attempt = 0; attempt < 5; attempt += 1) await authenticate({ email: user.email, password: 'guess', ip });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await expect(authenticate({ email: user.email, password: 'guess', ip })).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('wait 1 minute') });
    }
    const [pair] = throttleCounters().accountAtAddress;
    // Five attempts reached the password check; twenty were turned away and gave their count back.
    expect((await pair!.add(`${user.email}|${ip}`, 0)).count).toBe(5);
  });

  it('does not lock the clinician out from another address', async () => {
    const user = await newUser();
    const attacker = uniqueIp();
    for (let attempt = 0; attempt < 8; attempt += 1) await authenticate({ email: user.email, password: 'guess', ip: attacker }).catch(() => null);
    const signedIn = await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() });
    expect(signedIn?.id).toBe(user.id);
  });

  it('a success clears the account counter at that address', async () => {
    const user = await newUser('ADMIN');
    const ip = uniqueIp();
    for (let round = 0; round < 3; round += 1) {
      for (let attempt = 0; attempt < 4; attempt += 1) await authenticate({ email: user.email, password: 'typo', ip });
      expect((await authenticate({ email: user.email, password: PASSWORD, ip }))?.id).toBe(user.id);
    }
  });

  it('slows down one address trying many made-up emails, and lifts for a browser known to its account', async () => {
    const user = await newUser('ADMIN');
    const shared = uniqueIp();
    const known = await authenticate({ email: user.email, password: PASSWORD, ip: shared });
    const perMinute = SIGN_IN_LIMITS.address[0]!.attempts;
    for (let attempt = 0; attempt < perMinute; attempt += 1) {
      expect(await authenticate({ email: `nobody-${attempt}-${unique()}@example.test`, password: 'guess', ip: shared })).toBeNull();
    }
    await expect(authenticate({ email: `someone-else-${unique()}@example.test`, password: 'guess', ip: shared })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // A colleague at the clinic's shared address who has not signed in on this browser before is turned away...
    await expect(authenticate({ email: user.email, password: PASSWORD, ip: shared })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // ...but the admin on the browser they signed in from before is not.
    const again = await authenticate({ email: user.email, password: PASSWORD, ip: shared, deviceTokens: [known!.deviceToken!] });
    expect(again?.id).toBe(user.id);
  });

  it('a burst of parallel guesses gets no more tries than the limit', async () => {
    const user = await newUser();
    const ip = uniqueIp();
    const answers = await Promise.allSettled(Array.from({ length: 30 }, () => authenticate({ email: user.email, password: 'guess', ip }, { pause: async () => {} })));
    const refused = answers.filter((answer) => answer.status === 'rejected');
    expect(refused).toHaveLength(30 - SIGN_IN_LIMITS.accountAtAddress[0]!.attempts);
    expect((await auditOf(user.id)).filter((row) => row.outcome === 'FAILURE')).toHaveLength(SIGN_IN_LIMITS.accountAtAddress[0]!.attempts);
  });
});

describe('sign-in throttling: a guesser spread over many addresses (the probe: 20 wrong passwords from 20 addresses)', () => {
  it('the right password from a new address afterwards gets in, held a few seconds at most', async () => {
    const user = await newUser();
    const guesser = recorder();
    for (let attempt = 0; attempt < 30; attempt += 1) {
      expect(await authenticate({ email: user.email, password: `guess ${attempt}`, ip: uniqueIp() }, { pause: guesser.pause })).toBeNull();
    }
    // The guesser was slowed: past the free attempts every try was held, never more than the cap.
    expect(guesser.holds.length).toBe(30 - SIGN_IN_LIMITS.accountHold.freeAttempts);
    expect(Math.max(...guesser.holds)).toBe(SIGN_IN_LIMITS.accountHold.maxHoldSeconds * 1_000);

    const clinician = recorder();
    const signedIn = await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() }, { pause: clinician.pause });
    expect(signedIn?.id).toBe(user.id);
    expect(clinician.holds.every((ms) => ms <= SIGN_IN_LIMITS.accountHold.maxHoldSeconds * 1_000)).toBe(true);
    // Signing in starts the account over: the next sign-in is not held at all.
    const next = recorder();
    expect((await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() }, { pause: next.pause }))?.id).toBe(user.id);
    expect(next.holds).toEqual([]);
  });

  it('the browser the clinician signed in from before is neither refused nor held, wherever the guesses came from', async () => {
    const user = await newUser();
    const desk = uniqueIp();
    const first = await authenticate({ email: user.email, password: PASSWORD, ip: desk });
    const deviceTokens = [first!.deviceToken!];
    // Guesses from everywhere, and enough from the desk's own address to close it to browsers it does not know.
    for (let attempt = 0; attempt < 25; attempt += 1) await authenticate({ email: user.email, password: 'guess', ip: uniqueIp() }, { pause: async () => {} });
    for (let attempt = 0; attempt < 5; attempt += 1) await authenticate({ email: user.email, password: 'guess', ip: desk }, { pause: async () => {} });
    for (let attempt = 0; attempt < 60; attempt += 1) await authenticate({ email: `made-up-${attempt}-${unique()}@example.test`, password: 'guess', ip: desk }).catch(() => null);
    await expect(authenticate({ email: user.email, password: PASSWORD, ip: desk })).rejects.toMatchObject({ code: 'RATE_LIMITED' });

    const known = recorder();
    const signedIn = await authenticate({ email: user.email, password: PASSWORD, ip: desk, deviceTokens }, { pause: known.pause });
    expect(signedIn?.id).toBe(user.id);
    expect(known.holds).toEqual([]);
    expect(await db.auditEvent.findFirst({ where: { actorId: user.id, action: 'auth.sign_in', outcome: 'SUCCESS' }, orderBy: { id: 'desc' }, select: { after: true } })).toEqual({ after: { knownDevice: true } });
  });

  it("a device token is the account's own: another account's, an altered one or a made-up one counts as an unknown browser", async () => {
    const user = await newUser();
    const other = await newUser();
    const ip = uniqueIp();
    const othersToken = (await authenticate({ email: other.email, password: PASSWORD, ip: uniqueIp() }))!.deviceToken!;
    const ownToken = (await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() }))!.deviceToken!;
    const altered = `${ownToken.slice(0, -2)}${ownToken.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = ownToken.replace(user.id, other.id);
    for (let attempt = 0; attempt < 5; attempt += 1) await authenticate({ email: user.email, password: 'guess', ip });
    for (const deviceTokens of [[othersToken], [altered], [forged], ['v1.x.1.y.z'], ['']]) {
      await expect(authenticate({ email: user.email, password: PASSWORD, ip, deviceTokens })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    }
    expect((await authenticate({ email: user.email, password: PASSWORD, ip, deviceTokens: [othersToken, ownToken] }))?.id).toBe(user.id);
  });

  it("a known browser's own failures count against it: past its limit it is treated like any other browser", async () => {
    const user = await newUser();
    const ip = uniqueIp();
    const deviceTokens = [(await authenticate({ email: user.email, password: PASSWORD, ip: uniqueIp() }))!.deviceToken!];
    const perDevice = SIGN_IN_LIMITS.knownDevice[0]!.attempts;
    const perPair = SIGN_IN_LIMITS.accountAtAddress[0]!.attempts;
    for (let attempt = 0; attempt < perDevice + perPair; attempt += 1) {
      expect(await authenticate({ email: user.email, password: 'guess', ip, deviceTokens })).toBeNull();
    }
    await expect(authenticate({ email: user.email, password: PASSWORD, ip, deviceTokens })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('sign-in throttling: the counters live in PostgreSQL', () => {
  const pools: pg.Pool[] = [];
  afterAll(async () => Promise.all(pools.map((pool) => pool.end())));

  function anotherProcess() {
    // Counters over a pool of their own: what a second app process, or this one after a restart, would have.
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    pools.push(pool);
    return throttleCounters(pool);
  }

  it('failures spread over two independent sets of counters block as they would on one', async () => {
    const user = await newUser();
    const ip = uniqueIp();
    const [first, second] = [anotherProcess(), anotherProcess()];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await authenticate({ email: user.email, password: 'guess', ip }, { counters: attempt % 2 === 0 ? first : second })).toBeNull();
    }
    await expect(authenticate({ email: user.email, password: PASSWORD, ip }, { counters: first })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(authenticate({ email: user.email, password: PASSWORD, ip }, { counters: second })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // A process started afterwards (a restart) sees the same counts.
    await expect(authenticate({ email: user.email, password: PASSWORD, ip }, { counters: anotherProcess() })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(authenticate({ email: user.email, password: PASSWORD, ip })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('keeps neither emails nor addresses in clear', async () => {
    const user = await newUser();
    const ip = uniqueIp();
    await authenticate({ email: user.email, password: 'guess', ip });
    const rows = await db.$queryRawUnsafe<{ key: string }[]>(`SELECT "key" FROM "RateLimit" WHERE "key" LIKE '%' || $1 || '%' OR "key" LIKE '%' || $2 || '%'`, user.email, ip);
    expect(rows).toEqual([]);
  });
});
