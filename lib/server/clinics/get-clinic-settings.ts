import 'server-only';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';

/** The clinic's own settings, for its admin. */
export async function getClinicSettings({ actor }: { actor: Actor }) {
  requirePermission(actor, 'clinic.settings');
  return db.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: { name: true, phone: true, emergencyNumber: true, timeZone: true, requireStaffSecondFactor: true } });
}
