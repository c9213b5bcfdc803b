import 'server-only';
import { logger } from '../logger';
import { startMailQueue } from './mail-queue';

const RETRY_MS = 60_000;

/**
 * Starts the mail queue without holding up the server: if the database cannot be reached yet, it tries
 * again every minute (emails recorded meanwhile are queued once it starts).
 */
export function startMailQueueWhenReachable(): void {
  startMailQueue().catch((error: unknown) => {
    logger.warn('mail queue did not start; trying again in a minute', { error: error instanceof Error ? error.message : String(error) });
    setTimeout(startMailQueueWhenReachable, RETRY_MS).unref();
  });
}
