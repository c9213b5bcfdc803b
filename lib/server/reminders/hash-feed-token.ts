import 'server-only';
import { createHash } from 'node:crypto';

/** Only this digest of a calendar link's token is stored, so a copy of the database opens no calendar. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
