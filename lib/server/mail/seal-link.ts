import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// A one-time link (an invitation) waits in the mail queue until it is sent. Links are stored only as hashes
// everywhere else, so the queue holds it sealed (AES-256-GCM, key derived from NEXTAUTH_SECRET): a copy of
// the database does not hand out working links. The row drops it once the email is sent or has failed.

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'regimen-mail', 'sealed links', 32));
}

export function sealLink(path: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const sealed = Buffer.concat([cipher.update(path, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The link, or null when it was sealed with another secret or changed. */
export function openSealedLink(sealed: string, secret: string): string | null {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
