import 'server-only';
import { ZodError } from 'zod';
import '@/lib/schemas/plain-messages';
import { logger } from './logger';

export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'TOO_LARGE'
  | 'UNAVAILABLE';

export type FieldErrors = Record<string, string[]>;

/** The one error type the data layer throws on purpose. Its message is safe to show to the user. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** True when the function that refused already wrote the audit row for it. */
  isAudited = false;
  /** For RATE_LIMITED: how long until trying again may work. */
  retryAfterMs?: number;
  constructor(code: AppErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export function notFound(what = 'That record', { isAudited = false }: { isAudited?: boolean } = {}): AppError {
  const error = new AppError('NOT_FOUND', `${what} was not found.`);
  error.isAudited = isAudited;
  return error;
}

export function rateLimited(message: string, retryAfterMs: number): AppError {
  const error = new AppError('RATE_LIMITED', message);
  error.retryAfterMs = retryAfterMs;
  return error;
}

/** Refusals the audit trail must show: a record or action this user may not have. */
export function isDeniedAccess(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') && !error.isAudited;
}

export function httpStatusOf(code: AppErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'TOO_LARGE':
      return 413;
    case 'UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      throw new Error(`Unhandled error code ${String(unhandled)}`);
    }
  }
}

export function fieldErrorsOf(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_form';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/**
 * Codes that mean the database cannot do the work right now, through no fault of the request: the network
 * (ECONN*, EPIPE), PostgreSQL shutting down, crashed or starting (57P01-57P03), any connection exception
 * (SQLSTATE class 08, matched below), too many connections (53300), Prisma's "can't reach" and "closed"
 * (P1001, P1017), a connection not free in time (P2024), and a transaction that could not start or ran out of
 * time under load (P2028: Prisma rolled it back, so nothing of it was kept).
 */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', 'P1001', 'P1017', 'P2024', 'P2028']);
const isConnectionSqlState = (code: string) => /^08[0-9A-Z]{3}$/.test(code);

/** True for errors that mean "the database is not reachable right now" (or too busy to take the work). */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (typeof current !== 'object') return false;
    const record = current as { code?: unknown; cause?: unknown; message?: unknown; name?: unknown };
    if (typeof record.code === 'string' && (CONNECTION_ERROR_CODES.has(record.code) || isConnectionSqlState(record.code))) return true;
    if (typeof record.message === 'string' && /connect|Connection terminated|timeout exceeded when trying to connect|DatabaseNotReachable|reach database server/i.test(record.message)) {
      return true;
    }
    current = record.cause;
  }
  return false;
}

/** Turns any thrown value into an AppError whose message is safe to show. Logs the detail once. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError('INVALID_INPUT', 'Please check the form.', fieldErrorsOf(error));
  // A unique index refused a write that a check before it let through (two saves at the same moment).
  if (isUniqueViolation(error)) return new AppError('CONFLICT', 'That already exists. Reload the page to see the latest version; nothing was saved.');
  if (isDatabaseUnavailable(error)) {
    logger.error('database unavailable', { error: describe(error) });
    return new AppError('UNAVAILABLE', 'Regimen is temporarily unavailable. Please try again in a minute.');
  }
  logger.error('unexpected error', { error: describe(error) });
  return new AppError('UNAVAILABLE', 'Something went wrong on our side. Nothing was changed. Please try again.');
}

/**
 * For a write guarded by a check-then-insert: when two requests pass the check at once, the database's
 * unique index stops the second. Turn that into the same clear CONFLICT the check would have given.
 */
export function conflictOnUnique(message: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', message);
    throw error;
  };
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'P2002' || code === '23505';
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

