import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth/auth-options';
import { withKnownDeviceCookie } from '@/lib/server/auth/known-device-cookie';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// A successful sign-in also gives the browser its known-device cookie (lib/server/auth/known-device-cookie.ts).
export function POST(request: Request, context: Context): Promise<Response> {
  return withKnownDeviceCookie(() => handler(request, context));
}

export { handler as GET };
