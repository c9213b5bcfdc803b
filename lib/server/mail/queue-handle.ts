import 'server-only';
import type PgBoss from 'pg-boss';

// The running mail queue of this process, if any. Kept on globalThis: Next.js bundles the instrumentation
// hook that starts it apart from the routes and actions that enqueue, so a module variable would not be
// shared between them.
const globalForQueue = globalThis as unknown as { regimenMailQueue?: PgBoss | null };

export function runningMailQueue(): PgBoss | null {
  return globalForQueue.regimenMailQueue ?? null;
}

export function setRunningMailQueue(boss: PgBoss | null): void {
  globalForQueue.regimenMailQueue = boss;
}

export const MAIL_QUEUE = 'regimen-mail';
export const REMINDER_QUEUE = 'regimen-reminders';

/** What a mail job carries: only the id of our own record of the email. */
export type MailJob = { messageId: string };
