import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { secondStepSchema, signInSchema } from '@/lib/schemas/auth';
import { AppError } from '../errors';
import { logger } from '../logger';
import { authenticate } from './authenticate';
import { clientIpFrom } from './client-ip';
import { completeSecondStep } from './complete-second-step';
import { deviceTokensFrom, offerDeviceToken } from './known-device-cookie';
import { loadLiveSession } from './load-live-session';
import { recordSignOut } from './record-sign-out';
import { clearSecondStepToken, offerSecondStepToken, secondStepTokenFrom } from './second-step-cookie';

import { SESSION_ABSOLUTE_HOURS } from '@/lib/domain/session-policy';

// The cookie outlives nothing: the session row decides (idle and absolute limits, sign-out).
export const SESSION_MAX_AGE_SECONDS = SESSION_ABSOLUTE_HOURS * 60 * 60;

/** The error code the sign-in form gets for a refused attempt: `RATE_LIMITED:<milliseconds to wait>`. */
export const SIGN_IN_RATE_LIMITED = 'RATE_LIMITED';

/** The error code the sign-in form gets when the password was right and the second factor is asked for. */
export const SIGN_IN_SECOND_STEP = 'SECOND_STEP';
/** The error code for a second step whose token is unknown, used or expired: start again with the password. */
export const SIGN_IN_SECOND_STEP_EXPIRED = 'SECOND_STEP_EXPIRED';

const SESSION_ENDED = 'session ended';

type RegimenToken = { uid?: string; sv?: number; sid?: string };

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const ip = clientIpFrom(req.headers?.['x-forwarded-for'] as string | string[] | undefined);
        const user = await authenticate({ ...parsed.data, ip, deviceTokens: deviceTokensFrom(req.headers?.cookie) }).catch((error: unknown) => {
          // next-auth hands an error's message to the sign-in form as its error code.
          if (error instanceof AppError && error.code === 'RATE_LIMITED') throw new Error(`${SIGN_IN_RATE_LIMITED}:${Math.ceil(error.retryAfterMs ?? 60_000)}`);
          throw error;
        });
        if (!user) return null;
        if (user.kind === 'second_step') {
          // No session yet: the browser gets the second step's token, and the form asks for the second factor.
          offerSecondStepToken(user.token);
          throw new Error(SIGN_IN_SECOND_STEP);
        }
        offerDeviceToken(user.id, user.deviceToken);
        return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion, sid: user.sessionId } as never;
      },
    }),
    CredentialsProvider({
      // The second step of signing in (a user with a second factor): the token the right password gave this
      // browser, and a passkey answer, an authenticator code or a recovery code.
      id: 'second-factor',
      name: 'Second factor',
      credentials: { method: { label: 'Method', type: 'text' }, answer: { label: 'Answer', type: 'text' } },
      async authorize(credentials, req) {
        const parsed = secondStepSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const ip = clientIpFrom(req.headers?.['x-forwarded-for'] as string | string[] | undefined);
        const user = await completeSecondStep({ ...parsed.data, token: secondStepTokenFrom(req.headers?.cookie), ip }).catch((error: unknown) => {
          if (error instanceof AppError) {
            if (error.code === 'RATE_LIMITED') {
              clearSecondStepToken();
              throw new Error(`${SIGN_IN_RATE_LIMITED}:${Math.ceil(error.retryAfterMs ?? 60_000)}`);
            }
            if (error.code === 'UNAUTHENTICATED') {
              clearSecondStepToken();
              throw new Error(SIGN_IN_SECOND_STEP_EXPIRED);
            }
            if (error.code === 'INVALID_INPUT') return null;
          }
          throw error;
        });
        if (!user) return null;
        clearSecondStepToken();
        offerDeviceToken(user.id, user.deviceToken);
        return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion, sid: user.sessionId } as never;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      const claims = token as typeof token & RegimenToken;
      if (user) {
        claims.uid = user.id;
        const signedIn = user as unknown as { sv: number; sid: string };
        claims.sv = signedIn.sv;
        claims.sid = signedIn.sid;
        return claims;
      }
      // next-auth's own session endpoint (/api/auth/session) decodes the cookie and answers what it says. A
      // session the app has ended (signed out, idle, too old, the user deactivated or signed out everywhere)
      // must answer nothing there too: throwing makes next-auth answer {} and clear the cookie.
      if (!(await loadLiveSession(claims, new Date()))) throw new Error(SESSION_ENDED);
      return claims;
    },
    async session({ session, token }) {
      const claims = token as typeof token & RegimenToken;
      // Only the ids go to the browser; role and clinic are read from the database on every request.
      return { expires: session.expires, user: { name: session.user?.name, email: session.user?.email }, uid: claims.uid, sv: claims.sv, sid: claims.sid } as never;
    },
  },
  events: {
    async signOut({ token }) {
      const claims = token as RegimenToken | null;
      if (claims?.uid) await recordSignOut(claims.uid, claims.sid ?? null);
    },
  },
  logger: {
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : metadata?.error;
      // An ended session read at /api/auth/session is an answer, not an error.
      if (code === 'JWT_SESSION_ERROR' && error?.message === SESSION_ENDED) return;
      logger.error('next-auth', { code, error: error?.message });
    },
    warn(code) {
      logger.warn('next-auth', { code });
    },
    debug() {},
  },
};
