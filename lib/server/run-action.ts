import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { recordDeniedAccess } from './audit/record-denied-access';
import { isDeniedAccess, toAppError, type AppErrorCode, type FieldErrors } from './errors';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: FieldErrors };

/** Runs a server action body and maps every failure to a result the form can show. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    // redirect() and notFound() work by throwing; let Next.js handle them.
    unstable_rethrow(error);
    if (isDeniedAccess(error)) await recordDeniedAccess(error, 'action');
    const appError = toAppError(error);
    return { ok: false, code: appError.code, message: appError.message, fieldErrors: appError.fieldErrors };
  }
}
