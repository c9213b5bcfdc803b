import 'server-only';
import { db } from '../db';
import { logger } from '../logger';
import { MAIL_QUEUE, runningMailQueue, type MailJob } from './queue-handle';

/**
 * Puts on the queue every email that was recorded while the queue was not running (it failed to start,
 * or was stopped), so a message waits at most until the queue's next start or sweep.
 */
export async function requeueUnsentMail({ olderThan = new Date(Date.now() - 60_000) }: { olderThan?: Date } = {}): Promise<number> {
  const boss = runningMailQueue();
  if (!boss) return 0;
  const unsent = await db.mailMessage.findMany({ where: { status: 'QUEUED', jobId: null, createdAt: { lt: olderThan } }, select: { id: true }, take: 500 });
  for (const message of unsent) {
    const job: MailJob = { messageId: message.id };
    const jobId = await boss.send(MAIL_QUEUE, job);
    if (jobId) await db.mailMessage.updateMany({ where: { id: message.id, jobId: null }, data: { jobId } });
  }
  if (unsent.length > 0) logger.info('queued mail recorded while the queue was down', { count: unsent.length });
  return unsent.length;
}
