import 'server-only';
import type PgBoss from 'pg-boss';
import { mailText } from '@/lib/content/reminders';
import { db } from '../db';
import { logger } from '../logger';
import { publicUrl } from '../public-url';
import { mailSettings } from './mail-settings';
import { mailTransport } from './mail-transport';
import type { MailJob } from './queue-handle';
import { openSealedLink } from './seal-link';

/**
 * What the admin may read of a failure: the mail server's words, without any address in them, short.
 * Nothing about the patient's health ever reaches a message, so nothing of it can be in the error either.
 */
export function describeMailError(error: unknown): string {
  const raw = error instanceof Error ? `${(error as { code?: unknown }).code ? `${String((error as { code?: unknown }).code)}: ` : ''}${error.message}` : String(error);
  return raw
    .replace(/[^\s<>"'@]+@[^\s<>"']+/g, '(address)')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/**
 * Sends one queued email (the mail queue's worker). A failure is recorded on the message and thrown, so
 * pg-boss retries it later; after the last try the message is FAILED and the clinic admin sees it.
 */
export async function deliverMail(job: Pick<PgBoss.JobWithMetadata<MailJob>, 'data' | 'retryCount' | 'retryLimit'>): Promise<void> {
  const messageId = job.data?.messageId;
  if (typeof messageId !== 'string') return;
  const message = await db.mailMessage.findUnique({
    where: { id: messageId },
    select: { id: true, kind: true, status: true, sealedLink: true, patientId: true, clinicId: true, userId: true },
  });
  if (!message || message.status !== 'QUEUED') return;
  const [user, clinic, preference] = await Promise.all([
    db.user.findUnique({ where: { id: message.userId }, select: { email: true, isActive: true } }),
    db.clinic.findUniqueOrThrow({ where: { id: message.clinicId }, select: { name: true } }),
    message.patientId ? db.reminderPreference.findUnique({ where: { patientId: message.patientId }, select: { emailReminders: true } }) : null,
  ]);
  // Turned off since it was queued, or nobody to send to: it is not sent.
  if (!user?.isActive || (message.kind === 'REMINDER' && preference?.emailReminders === false)) {
    await db.mailMessage.update({ where: { id: message.id }, data: { status: 'CANCELLED', sealedLink: null } });
    return;
  }
  const settings = mailSettings();
  const isLastTry = job.retryCount >= job.retryLimit;
  try {
    if (!settings.isConfigured) throw new Error(`mail is not set up (${settings.reason})`);
    const path = message.kind === 'INVITATION' ? (message.sealedLink ? openSealedLink(message.sealedLink, settings.secret) : null) : '/portal';
    if (!path) throw new Error('the link in this email could not be opened (was NEXTAUTH_SECRET changed?)');
    const { subject, text } = mailText(message.kind, { clinicName: clinic.name, url: publicUrl(path) });
    await mailTransport(settings.smtpUrl).sendMail({ from: settings.from, to: user.email, subject, text });
  } catch (error) {
    const lastError = describeMailError(error);
    await db.mailMessage.update({
      where: { id: message.id },
      data: { attempts: { increment: 1 }, lastError, ...(isLastTry ? { status: 'FAILED', sealedLink: null } : {}) },
    });
    logger.warn('mail not sent', { messageId: message.id, kind: message.kind, isLastTry, error: lastError });
    throw error;
  }
  await db.mailMessage.update({ where: { id: message.id }, data: { status: 'SENT', sentAt: new Date(), attempts: { increment: 1 }, sealedLink: null } });
}
