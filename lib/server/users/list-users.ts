import 'server-only';
import type { Role } from '@/lib/domain/types';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

export type ClinicUser = { id: string; name: string; email: string; role: Role; isActive: boolean; hasPassword: boolean; createdAt: Date };

/**
 * The clinic's users for the admin, with whether each has set a password: that decides whether they get a
 * new set-password link or a password reset. The hash itself is read only to answer that, never returned.
 */
export async function listUsers({ actor }: { actor: Actor }): Promise<ClinicUser[]> {
  requirePermission(actor, 'user.manage');
  const users = await db.user.findMany({
    where: { clinicId: actor.clinicId },
    select: { id: true, name: true, email: true, role: true, isActive: true, createdAt: true, passwordHash: true },
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
  });
  return users.map(({ passwordHash, ...user }) => ({ ...user, hasPassword: passwordHash !== null }));
}
