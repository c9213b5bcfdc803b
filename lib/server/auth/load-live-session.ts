import 'server-only';
import { sessionVerdict } from '@/lib/domain/session-policy';
import { db } from '../db';
import type { SessionClaims } from './read-session-claims';

/**
 * The session row the cookie's claims name, with its user, when the session is still alive: not signed out,
 * not idle or too old (lib/domain/session-policy.ts), and its user active with the same session version (a
 * password change, "sign out everywhere" or too many wrong passwords bump it). Null otherwise. One query.
 */
export async function loadLiveSession(claims: SessionClaims | null, now: Date) {
  if (!claims?.uid || !claims.sid || typeof claims.sv !== 'number') return null;
  const session = await db.userSession.findUnique({
    where: { id: claims.sid },
    select: {
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      user: {
        select: {
          id: true,
          clinicId: true,
          role: true,
          name: true,
          isActive: true,
          sessionVersion: true,
          patient: { select: { id: true } },
          clinic: { select: { timeZone: true, requireStaffSecondFactor: true } },
          _count: { select: { passkeys: true } },
          totpFactor: { select: { confirmedAt: true } },
        },
      },
    },
  });
  if (!session || session.user.id !== claims.uid) return null;
  if (sessionVerdict(session, now) !== 'ALIVE') return null;
  if (!session.user.isActive || session.user.sessionVersion !== claims.sv) return null;
  return session;
}
