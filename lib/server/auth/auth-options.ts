import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { signInSchema } from '@/lib/schemas/auth';
import { AppError } from '../errors';
import { authenticate } from './authenticate';
import { clientIpFrom } from './client-ip';
import { recordSignOut } from './record-sign-out';

import { SESSION_ABSOLUTE_HOURS } from '@/lib/domain/session-policy';

// The cookie outlives nothing: the session row decides (idle and absolute limits, sign-out).
export const SESSION_MAX_AGE_SECONDS = SESSION_ABSOLUTE_HOURS * 60 * 60;

export const SIGN_IN_RATE_LIMITED = 'RATE_LIMITED';

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
        const user = await authenticate({ ...parsed.data, ip: clientIpFrom(req.headers?.['x-forwarded-for'] as string | string[] | undefined) }).catch((error: unknown) => {
          // next-auth hands an error's message to the sign-in form as its error code.
          if (error instanceof AppError && error.code === 'RATE_LIMITED') throw new Error(SIGN_IN_RATE_LIMITED);
          throw error;
        });
        if (!user) return null;
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
      }
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
};
