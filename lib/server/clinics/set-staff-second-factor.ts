import 'server-only';
import { staffSecondFactorSchema } from '@/lib/schemas/second-factor';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { parseInput } from '../parse-input';

/**
 * The clinic admin requires (or stops requiring) a second factor of the clinic's staff. Staff without one can
 * then only add one after signing in (get-actor.ts); patients are never asked.
 */
export async function setStaffSecondFactor({ actor, input }: { actor: Actor; input: unknown }): Promise<void> {
  // Forbidden, not "not found", as for the clinic's other settings (update-clinic-settings.ts): every user knows their clinic exists.
  requirePermission(actor, 'clinic.second_factor', 'FORBIDDEN');
  const { required } = parseInput(staffSecondFactorSchema, input);
  const isRequired = required === 'yes';
  await db.$transaction(async (tx) => {
    const before = await tx.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: { requireStaffSecondFactor: true } });
    if (before.requireStaffSecondFactor === isRequired) return;
    await tx.clinic.update({ where: { id: actor.clinicId }, data: { requireStaffSecondFactor: isRequired } });
    await recordAudit(tx, actorDid(actor, 'clinic.second_factor', { type: 'Clinic', id: actor.clinicId }, { before: { required: before.requireStaffSecondFactor }, after: { required: isRequired } }));
  });
}
