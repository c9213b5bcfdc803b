import 'server-only';
import { publicUrl } from '../public-url';

export type MailSettings =
  | { isConfigured: true; smtpUrl: string; from: string; secret: string }
  | { isConfigured: false; reason: string };

/**
 * Whether Regimen sends email, read from the environment. SMTP_URL names the mail server
 * (smtp://user:password@host:587, or smtps:// for TLS from the start); without it nothing is sent and the
 * screens say so. SMTP_FROM is the sender (default: no-reply at the public address's host). A link in an
 * email waits in the queue sealed with a key from NEXTAUTH_SECRET, so mail needs that secret too.
 */
export function mailSettings(): MailSettings {
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (!smtpUrl) return { isConfigured: false, reason: 'SMTP_URL is not set' };
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return { isConfigured: false, reason: 'SMTP_URL is set but NEXTAUTH_SECRET is not' };
  const from = process.env.SMTP_FROM?.trim() || `Regimen <no-reply@${new URL(publicUrl()).hostname}>`;
  return { isConfigured: true, smtpUrl, from, secret };
}
