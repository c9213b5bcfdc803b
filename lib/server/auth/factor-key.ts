import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Authenticator-app secrets are sealed at rest (AES-256-GCM), so a copy of the database cannot make codes. The
// key is never in the database:
//   REGIMEN_FACTOR_KEY   32 random bytes in hex or base64, e.g. from a secret store (set it when NEXTAUTH_SECRET
//                        may be rotated: the sealed secrets must outlive it);
//   otherwise derived from NEXTAUTH_SECRET (HKDF-SHA256, its own label), as the known-device cookie's key and the
//   mail queue's sealing key are: the demo and the tests get one that way with nothing to configure.

const VERSION = 'v1';

function factorKey(): Buffer {
  const configured = process.env.REGIMEN_FACTOR_KEY?.trim();
  if (configured) {
    const key = /^[0-9a-f]{64}$/i.test(configured) ? Buffer.from(configured, 'hex') : Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new Error('REGIMEN_FACTOR_KEY must be 32 bytes, in hex (64 characters) or base64.');
    return key;
  }
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error('No key for second-factor secrets: set REGIMEN_FACTOR_KEY or NEXTAUTH_SECRET.');
  return Buffer.from(hkdfSync('sha256', secret, 'regimen', 'second-factor secrets', 32));
}

/** Seals a secret for `userId`; the user id is bound in, so a sealed secret moved to another row does not open. */
export function sealFactorSecret(secret: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', factorKey(), iv);
  cipher.setAAD(Buffer.from(`${VERSION}:${userId}`));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [VERSION, ...[iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url'))].join('.');
}

/** The secret, or null when it was sealed under another key, for another user, or changed. */
export function openFactorSecret(sealed: string, userId: string): string | null {
  const [version, ...parts] = sealed.split('.');
  const [iv, tag, body] = parts.map((part) => Buffer.from(part, 'base64url'));
  if (version !== VERSION || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', factorKey(), iv);
    decipher.setAAD(Buffer.from(`${VERSION}:${userId}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
