import 'server-only';
import type { Actor } from '../auth/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

export async function listUsers({ actor }: { actor: Actor }) {
  requirePermission(actor, 'user.manage');
  return db.user.findMany({
    where: { clinicId: actor.clinicId },
    select: { id: true, name: true, email: true, role: true, isActive: true, createdAt: true },
    orderBy: [{ role: 'asc' }, { name: 'asc' }],
  });
}
