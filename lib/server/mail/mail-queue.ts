import 'server-only';
import PgBoss from 'pg-boss';
import { logger } from '../logger';
import { deliverMail } from './deliver-mail';
import { mailSettings } from './mail-settings';
import { queueDueReminders } from './queue-due-reminders';
import { MAIL_QUEUE, REMINDER_QUEUE, runningMailQueue, setRunningMailQueue, type MailJob } from './queue-handle';
import { requeueUnsentMail } from './requeue-unsent-mail';

export type MailQueueOptions = {
  /** Tries after the first one, with the delay doubling each time (6 x from 30 s: about half an hour). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  pollingIntervalSeconds?: number;
  /** When the reminder round runs (cron, UTC; each patient's own time is checked in the round). */
  reminderCron?: string;
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the mail queue in this server process, when mail is set up (SMTP_URL): pg-boss on the same
 * PostgreSQL (its own schema, `pgboss`), a worker that sends queued emails and retries failures, and the
 * reminder round every 15 minutes. Without SMTP_URL nothing starts and nothing is sent. Returns the queue,
 * or null when mail is off.
 */
export async function startMailQueue({ retryLimit = 6, retryDelaySeconds = 30, retryBackoff = true, pollingIntervalSeconds = 2, reminderCron = '*/15 * * * *' }: MailQueueOptions = {}): Promise<PgBoss | null> {
  const running = runningMailQueue();
  if (running) return running;
  const settings = mailSettings();
  if (!settings.isConfigured) {
    logger.info('mail is off: nothing will be emailed', { reason: settings.reason });
    return null;
  }
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  // The embedded database (PGlite) is one backend: one connection, like the app's own pool.
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10) <= 1 ? 1 : 2;
  const boss = new PgBoss({ connectionString, max, application_name: 'regimen-mail' });
  // A database outage is reported here again and again until it ends; the queue carries on by itself.
  boss.on('error', (error) => logger.warn('mail queue', { error: message(error) }));
  await boss.start();
  const mailQueue = { name: MAIL_QUEUE, retryLimit, retryDelay: retryDelaySeconds, retryBackoff };
  if (await boss.getQueue(MAIL_QUEUE)) await boss.updateQueue(MAIL_QUEUE, mailQueue);
  else await boss.createQueue(MAIL_QUEUE, mailQueue);
  if (!(await boss.getQueue(REMINDER_QUEUE))) await boss.createQueue(REMINDER_QUEUE, { name: REMINDER_QUEUE, retryLimit: 0 });
  await boss.work<MailJob>(MAIL_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
    if (job) await deliverMail(job);
  });
  await boss.work(REMINDER_QUEUE, { pollingIntervalSeconds }, async () => {
    await requeueUnsentMail();
    const queued = await queueDueReminders({ now: new Date() });
    if (queued > 0) logger.info('reminders queued', { count: queued });
  });
  await boss.schedule(REMINDER_QUEUE, reminderCron);
  setRunningMailQueue(boss);
  await requeueUnsentMail({ olderThan: new Date() });
  logger.info('mail is on: the queue is running');
  return boss;
}

/** Stops this process's queue (tests, shutdown); jobs in flight are retried by the next worker. */
export async function stopMailQueue(): Promise<void> {
  const boss = runningMailQueue();
  if (!boss) return;
  setRunningMailQueue(null);
  await boss.stop({ graceful: false, wait: true, close: true });
}
