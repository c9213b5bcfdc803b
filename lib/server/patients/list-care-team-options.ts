import 'server-only';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

/** The surgeons and protocols a therapist can choose from when registering a patient. */
export async function listCareTeamOptions({ actor }: { actor: Actor }) {
  requirePermission(actor, 'patient.create');
  const [surgeons, protocols] = await Promise.all([
    db.user.findMany({ where: { clinicId: actor.clinicId, role: 'SURGEON', isActive: true }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.protocol.findMany({ where: { clinicId: actor.clinicId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return { surgeons, protocols };
}
