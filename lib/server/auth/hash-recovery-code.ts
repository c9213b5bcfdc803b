import 'server-only';
import { createHash } from 'node:crypto';

/** How a recovery code is stored: a SHA-256 of the user and the normalised code (the code has about 59 random bits). */
export function hashRecoveryCode(userId: string, normalisedCode: string): string {
  return createHash('sha256').update(`recovery:${userId}:${normalisedCode}`).digest('hex');
}
