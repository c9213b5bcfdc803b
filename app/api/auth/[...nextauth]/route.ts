import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth/auth-options';
import { withKnownDeviceCookie } from '@/lib/server/auth/known-device-cookie';
import { withSecondStepCookie } from '@/lib/server/auth/second-step-cookie';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// A successful sign-in also gives the browser its known-device cookie (lib/server/auth/known-device-cookie.ts); a
// right password of a user with a second factor gives it the second step's cookie instead (second-step-cookie.ts).
export function POST(request: Request, context: Context): Promise<Response> {
  return withSecondStepCookie(() => withKnownDeviceCookie(() => handler(request, context)));
}

export { handler as GET };
