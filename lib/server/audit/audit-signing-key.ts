import 'server-only';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The Ed25519 key that signs audit checkpoints. It must not live in the database the checkpoints vouch for:
//   REGIMEN_AUDIT_SIGNING_KEY   the private key itself (PKCS#8 PEM, or its DER in base64), e.g. from a secret store;
//   REGIMEN_AUDIT_KEY_FILE      a file holding it (PKCS#8 PEM);
//   otherwise .data/audit-signing-key.pem (git-ignored), made on first use for the demo.
// Only the public half is needed to check checkpoints (npm run audit:verify prints it; give it to an auditor).

export type AuditSigningKey = { privateKey: KeyObject; publicKey: KeyObject; source: string };

export const DEFAULT_KEY_FILE = path.join('.data', 'audit-signing-key.pem');

function privateKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN') ? createPrivateKey(trimmed) : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The audit signing key must be an Ed25519 private key.');
  return key;
}

function readKeyFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function createKeyFile(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  // Written whole under a name of this process's own, then linked into place: link() fails when the file exists, so
  // two processes starting at once (WEB_CONCURRENCY workers) make one key between them, and neither can read
  // the other's file half written.
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, pem, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8');
}

/**
 * The configured signing key, or null when none is configured. With `create`, the demo's key file
 * (.data/audit-signing-key.pem) is made when no key is configured and it does not exist yet; a file named in
 * REGIMEN_AUDIT_KEY_FILE is never made up.
 */
export function loadAuditSigningKey({ create = false }: { create?: boolean } = {}): AuditSigningKey | null {
  const inline = process.env.REGIMEN_AUDIT_SIGNING_KEY;
  if (inline) return keyPair(inline, 'REGIMEN_AUDIT_SIGNING_KEY');
  const named = process.env.REGIMEN_AUDIT_KEY_FILE;
  const file = path.resolve(named || DEFAULT_KEY_FILE);
  const text = readKeyFile(file);
  if (text !== null) return keyPair(text, file);
  if (named) throw new Error(`REGIMEN_AUDIT_KEY_FILE names ${file}, which does not exist.`);
  return create ? keyPair(createKeyFile(file), file) : null;
}

function keyPair(text: string, source: string): AuditSigningKey {
  const privateKey = privateKeyFrom(text);
  return { privateKey, publicKey: createPublicKey(privateKey), source };
}

/** A public key as printed and exported: the DER of its SubjectPublicKeyInfo, in base64. */
export function publicKeyText(publicKey: KeyObject): string {
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** A public key given as that base64 text, as PEM, or as a file holding either. */
export function publicKeyFrom(given: string): KeyObject {
  let text = given.trim();
  if (!text.startsWith('-----BEGIN') && !/^[A-Za-z0-9+/=]{40,}$/.test(text)) text = readFileSync(text, 'utf8').trim();
  const key = text.startsWith('-----BEGIN') ? createPublicKey(text) : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The audit public key must be an Ed25519 key.');
  return key;
}
