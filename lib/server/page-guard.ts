import 'server-only';
import { notFound } from 'next/navigation';
import { recordDeniedAccess } from './auth/record-denied-access';
import { AppError, isDeniedAccess } from './errors';

/**
 * For pages: a record the viewer may not see, or a part of the product their role does not use, renders
 * the plain 404 page (and is recorded). Other errors go on to the error page.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isDeniedAccess(error)) await recordDeniedAccess(error, 'page');
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN' || error.code === 'INVALID_INPUT')) notFound();
    throw error;
  }
}
