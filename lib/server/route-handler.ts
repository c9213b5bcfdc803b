import 'server-only';
import { NextResponse } from 'next/server';
import { recordDeniedAccess } from './auth/record-denied-access';
import { httpStatusOf, isDeniedAccess, toAppError } from './errors';

/** Runs a route handler body; any failure becomes a JSON answer with the right status and a safe message. */
export async function handleRoute(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    if (isDeniedAccess(error)) await recordDeniedAccess(error, 'route');
    const appError = toAppError(error);
    return NextResponse.json({ error: appError.message, code: appError.code }, { status: httpStatusOf(appError.code) });
  }
}
