// Sign-in (app/api/auth/[...nextauth]/route.ts): next-auth hands the posted body, urlencoded or JSON, to
// the credentials provider's authorize(), which parses it with signInSchema and calls authenticate() with
// the address in x-forwarded-for (scripts/serve.mjs puts exactly one there; anything else counts as no
// address). Most inputs get a new IPv6 address (the throttle counts per address).
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authOptions, SIGN_IN_RATE_LIMITED } from '@/lib/server/auth/auth-options';
import { db } from '@/lib/server/db';
import { createUser } from '@/prisma/factories';
import { uniqueIp } from '../support/world';
import { hostileInput, huge, named } from './support/arbitraries';
import { deferred, fuzz, materialize, probe } from './support/harness';
import type { FuzzWorld } from './support/fuzz-world';

type Authorize = (credentials: unknown, request: { headers: Record<string, unknown>; body: unknown; query: unknown; method: string }) => Promise<{ id: string } | null>;

function credentialsAuthorize(): Authorize {
  const provider = authOptions.providers[0] as unknown as { options?: { authorize?: Authorize } };
  const authorize = provider.options?.authorize;
  if (!authorize) throw new Error('the credentials provider has no authorize()');
  return authorize;
}

const PASSWORD = 'fuzz sign-in password';

const headerCharacter = fc.integer({ min: 0x20, max: 0xff }).filter((code) => code !== 0x7f && (code < 0x80 || code >= 0xa0)).map((code) => String.fromCharCode(code));

export function describeAuthFuzz(getWorld: () => FuzzWorld) {
  describe('sign-in', () => {
    // Every well-formed input runs Argon2 (a check, or the same work for an unknown email): few runs.
    it('authenticate (through authorize): answers a user or null, never an error, and a refusal opens no session', async () => {
      const { a, b, scope } = getWorld();
      const authorize = credentialsAuthorize();
      const [first, second, inactive, other] = await Promise.all([
        createUser({ clinicId: a.world.clinic.id, role: 'THERAPIST', password: PASSWORD }),
        createUser({ clinicId: a.world.clinic.id, role: 'PATIENT', password: PASSWORD }),
        createUser({ clinicId: a.world.clinic.id, role: 'SURGEON', password: PASSWORD, isActive: false }),
        createUser({ clinicId: b.world.clinic.id, role: 'ADMIN', password: PASSWORD }),
      ]);
      const userByEmail = new Map([first, second, inactive, other].map((user) => [user.email, user]));
      const valid = fc.record({
        email: fc.oneof(
          { weight: 4, arbitrary: named({ 'a.therapist account': first.email, 'a.patient account': second.email, 'b.admin account': other.email }) },
          { weight: 1, arbitrary: named({ 'a deactivated account': inactive.email, 'an unknown email': 'nobody@example.test', 'a.therapist account, shouted with spaces': ` ${first.email.toUpperCase()} ` }) },
        ),
        password: fc.oneof({ weight: 2, arbitrary: fc.constant(PASSWORD) }, { weight: 1, arbitrary: fc.constantFrom(PASSWORD.toUpperCase(), `${PASSWORD} `, 'wrong') }),
        csrfToken: fc.constant('0123456789abcdef'),
        callbackUrl: fc.constant('/caseload'),
      });
      // x-forwarded-for: a new address (maybe behind a proxy list), or garbage, or missing.
      const forwardedFor = fc.oneof(
        { weight: 6, arbitrary: fc.constant(deferred('a new IPv6 address', () => uniqueIp())) },
        { weight: 1, arbitrary: fc.constant(deferred('a new address, then a proxy', () => `${uniqueIp()}, 10.0.0.1`)) },
        // What Node lets through in a header: printable Latin-1, or nothing.
        { weight: 1, arbitrary: fc.oneof(fc.string({ unit: headerCharacter, maxLength: 60 }), fc.constantFrom('', ' ', 'unknown', ',', '::1, ::2', huge('9', 8_000)), fc.constant(undefined)) },
      );
      const arbitrary = fc.record({ credentials: hostileInput(valid, ['email', 'password']), forwardedFor });
      await fuzz('authenticate (via authorize)', scope, 50, arbitrary, async (generated) => {
        const { credentials, forwardedFor: forwarded } = (await materialize(generated, scope)) as { credentials: Record<string, unknown>; forwardedFor: unknown };
        const request = { headers: { 'x-forwarded-for': forwarded }, body: credentials, query: {}, method: 'POST' };
        const call = () =>
          authorize(credentials, request).catch((error: unknown) => {
            // The one error it throws on purpose: next-auth shows the sign-in form's "too many attempts" message.
            if (error instanceof Error && error.message === SIGN_IN_RATE_LIMITED) return 'RATE_LIMITED' as const;
            throw error;
          });
        const outcome = await probe('authenticate (via authorize)', scope, call, { isRefusal: (user) => user === null || user === 'RATE_LIMITED' });
        if (!outcome.ok) throw outcome.error;
        const user = outcome.value;
        if (user === null || user === 'RATE_LIMITED') return;
        const account = userByEmail.get(String(credentials.email).trim().toLowerCase());
        expect(account?.id).toBe(user.id);
        expect(credentials.password).toBe(PASSWORD);
        expect(account?.id).not.toBe(inactive.id);
        // Only a single well-formed address is believed; a list, garbage or nothing records no address.
        const ip = typeof forwarded === 'string' && isIP(forwarded.trim()) !== 0 ? forwarded.trim() : null;
        expect(await db.userSession.count({ where: { userId: user.id, ip, endedAt: null } })).toBeGreaterThanOrEqual(1);
      });
    });
  });
}
