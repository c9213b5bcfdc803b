import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { db } from '../db';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { authOptions } from './auth-options';

type SessionClaims = { uid?: string; sv?: number };

/**
 * The signed-in user for this request, or null. Reads the user from the database on every request, so
 * deactivation, "sign out everywhere" and a password change (which bump sessionVersion) end a session
 * on the very next request, whatever the JWT cookie still says.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as SessionClaims | null;
  if (!session?.uid || typeof session.sv !== 'number') return null;
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: { id: true, clinicId: true, role: true, name: true, isActive: true, sessionVersion: true, patient: { select: { id: true } } },
  });
  if (!user || !user.isActive || user.sessionVersion !== session.sv) return null;
  const requestHeaders = await headers();
  const ip = requestHeaders.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
  return { userId: user.id, clinicId: user.clinicId, role: user.role, name: user.name, patientId: user.patient?.id ?? null, ip };
});

/** For server actions and route handlers: no session is an error the caller maps to 401. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Please sign in again.');
  return actor;
}

/** For pages: no session sends the visitor to the sign-in form. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  return actor;
}
