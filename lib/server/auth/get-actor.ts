import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { shouldTouchSession } from '@/lib/domain/session-policy';
import { db } from '../db';
import { AppError } from '../errors';
import type { Actor } from '../authz/actor';
import { clientIpFrom } from './client-ip';
import { loadLiveSession } from './load-live-session';
import { readSessionClaims } from './read-session-claims';

/**
 * The signed-in user for this request, or null. The JWT cookie only names a session; the session row and
 * the user are read from the database on every request (one query), so signing out, idling too long,
 * deactivation, "sign out everywhere" and a password change end a session on the very next request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const claims = await readSessionClaims();
  const now = new Date();
  const session = await loadLiveSession(claims, now);
  if (!session || !claims?.sid) return null;
  const { user } = session;
  if (shouldTouchSession(session.lastSeenAt, now)) {
    await db.userSession.updateMany({ where: { id: claims.sid, endedAt: null }, data: { lastSeenAt: now } });
  }
  const ip = clientIpFrom((await headers()).get('x-forwarded-for'));
  return { userId: user.id, clinicId: user.clinicId, role: user.role, name: user.name, patientId: user.patient?.id ?? null, timeZone: user.clinic.timeZone, ip };
});

/** For server actions and route handlers: no session is an error the caller maps to 401. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
  return actor;
}

/** For pages: no session sends the visitor to the sign-in form. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  return actor;
}
