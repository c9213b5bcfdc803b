import 'server-only';
import type { Tx } from '../db';
import type { MailKind } from '../generated/prisma/client';
import { logger } from '../logger';
import { mailSettings } from './mail-settings';
import { MAIL_QUEUE, runningMailQueue, type MailJob } from './queue-handle';
import { sealLink } from './seal-link';

export type MailRequest = {
  clinicId: string;
  userId: string;
  patientId: string | null;
  kind: MailKind;
  /** For reminders and new-exercise notes: the clinic day, at most one of each a patient a day. */
  day?: Date | null;
  /** For an invitation: the path of its one-time link. */
  linkPath?: string;
};

/**
 * Records an email and puts it on the queue, inside the caller's transaction: it is sent only if the write
 * that asked for it commits, and sent once. Returns the message id, or null when nothing is to be sent (mail
 * is not set up, or that patient already has this day's reminder or note).
 *
 * A mail problem never undoes the caller's write: the queue insert runs under a savepoint, and a message
 * that could not be queued now (the queue is not running) is queued when the queue next starts or sweeps.
 */
export async function enqueueMail(tx: Tx, request: MailRequest): Promise<string | null> {
  const settings = mailSettings();
  if (!settings.isConfigured) return null;
  const day = request.day ?? null;
  if (day && request.patientId) {
    // The unique index says the same; asking first keeps the transaction free of a failed insert.
    const already = await tx.mailMessage.findFirst({ where: { patientId: request.patientId, kind: request.kind, day }, select: { id: true } });
    if (already) return null;
  }
  const message = await tx.mailMessage.create({
    data: {
      clinicId: request.clinicId,
      userId: request.userId,
      patientId: request.patientId,
      kind: request.kind,
      day,
      sealedLink: request.linkPath ? sealLink(request.linkPath, settings.secret) : null,
    },
    select: { id: true },
  });
  const boss = runningMailQueue();
  if (!boss) return message.id;
  await tx.$executeRawUnsafe('SAVEPOINT regimen_mail');
  try {
    const job: MailJob = { messageId: message.id };
    const jobId = await boss.send(MAIL_QUEUE, job, { db: transactionDb(tx) });
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT regimen_mail');
    if (jobId) await tx.mailMessage.update({ where: { id: message.id }, data: { jobId } });
  } catch (error) {
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT regimen_mail');
    logger.warn('mail not queued yet', { messageId: message.id, error: error instanceof Error ? error.message : String(error) });
  }
  return message.id;
}

/** pg-boss's own SQL, run on the caller's transaction (pg-boss passes objects for its jsonb parameters). */
export function transactionDb(tx: Pick<Tx, '$queryRawUnsafe'>) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parameters = values.map((value) => (value === undefined ? null : value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value));
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...parameters) };
    },
  };
}
