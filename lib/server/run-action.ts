import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { recordDeniedAccess } from './auth/record-denied-access';
import { AppError, isDeniedAccess, toAppError, type AppErrorCode, type FieldErrors } from './errors';

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: FieldErrors };

export const NOT_A_FORM = 'This request did not come from one of our forms, so nothing was done. Reload the page and try again.';

/**
 * Runs a server action body and maps every failure to a result the form can show. `form` is the argument
 * the action was posted with: a server action is a public POST endpoint, and anyone can post it any
 * arguments (a JSON object, a string, nothing), not only the FormData its form sends. Anything else is
 * refused here, before the session or the body is looked at, so no action reaches `form.get` on it.
 */
export async function runAction<T>(form: unknown, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    if (!(form instanceof FormData)) throw new AppError('INVALID_INPUT', NOT_A_FORM);
    return { ok: true, data: await body() };
  } catch (error) {
    // redirect() and notFound() work by throwing; let Next.js handle them.
    unstable_rethrow(error);
    if (isDeniedAccess(error)) await recordDeniedAccess(error, 'action');
    const appError = toAppError(error);
    return { ok: false, code: appError.code, message: appError.message, fieldErrors: appError.fieldErrors };
  }
}
