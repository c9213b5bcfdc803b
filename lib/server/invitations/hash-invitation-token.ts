import 'server-only';
import { createHash } from 'node:crypto';

/** Only this digest is stored, so a copy of the database does not hand out working links. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
