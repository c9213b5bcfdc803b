import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { mustEnrolSecondFactor, SECOND_FACTOR_DUE, SECOND_FACTOR_PATH } from '@/lib/domain/second-factor';
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
  const secondFactorDue = mustEnrolSecondFactor({
    role: user.role,
    clinicRequiresForStaff: user.clinic.requireStaffSecondFactor,
    passkeys: user._count.passkeys,
    hasAuthenticatorApp: Boolean(user.totpFactor?.confirmedAt),
  });
  return { userId: user.id, clinicId: user.clinicId, role: user.role, name: user.name, patientId: user.patient?.id ?? null, timeZone: user.clinic.timeZone, ip, secondFactorDue };
});

type Options = {
  /** Only for adding a second factor (and the account page that offers it): a user who must add one may. */
  allowSecondFactorDue?: boolean;
};

/**
 * For server actions and route handlers: no session is an error the caller maps to 401. Staff who must add a
 * second factor and have none are refused everything but adding one (their clinic's requirement).
 */
export async function requireActor({ allowSecondFactorDue = false }: Options = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
  if (actor.secondFactorDue && !allowSecondFactorDue) throw new AppError('FORBIDDEN', SECOND_FACTOR_DUE);
  return actor;
}

/** For pages: no session sends the visitor to the sign-in form, and one who must add a second factor to the page for it. */
export async function requirePageActor({ allowSecondFactorDue = false }: Options = {}): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  if (actor.secondFactorDue && !allowSecondFactorDue) redirect(SECOND_FACTOR_PATH);
  return actor;
}
