import 'server-only';
import { clinicSettingsSchema } from '@/lib/schemas/clinic';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { parseInput } from '../parse-input';

/**
 * The clinic admin sets what patients are told to call (the clinic's phone, the emergency number) and the
 * clinic's time zone. Audited with before and after.
 */
export async function updateClinicSettings({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'clinic.settings', 'FORBIDDEN');
  const settings = parseInput(clinicSettingsSchema, input);
  return db.$transaction(async (tx) => {
    const before = await tx.clinic.findUniqueOrThrow({ where: { id: actor.clinicId }, select: { phone: true, emergencyNumber: true, timeZone: true } });
    const after = await tx.clinic.update({ where: { id: actor.clinicId }, data: settings, select: { phone: true, emergencyNumber: true, timeZone: true } });
    await recordAudit(tx, actorDid(actor, 'clinic.update_settings', { type: 'Clinic', id: actor.clinicId }, { before, after }));
    return after;
  });
}
