import 'server-only';
import { z } from 'zod';
import { PAPER_SIZES } from '@/lib/domain/paper';
import { idSchema } from '@/lib/schemas/id';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseInput } from '../parse-input';
import { loadPortalView } from '../portal/get-portal-plan';

const programmeSchema = z.strictObject({
  /** The care team's request names the patient; a patient's own request does not. */
  patientId: z.preprocess((value) => (value === '' || value === null ? undefined : value), idSchema.optional()),
  paper: z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.enum(PAPER_SIZES).optional().default('A4')),
});

/**
 * What the printed programme holds: exactly what the patient's portal shows at this moment (loadPortalView),
 * for the patient themself, or for a clinician who may see them (their care team, the clinic admin). Anyone
 * else gets "not found". Each download is on the audit trail.
 */
export async function getProgramme({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  const { patientId: requested, paper } = parseInput(programmeSchema, input);
  let patientId: string;
  if (actor.role === 'PATIENT') {
    requirePermission(actor, 'portal.view');
    if (!actor.patientId || (requested && requested !== actor.patientId)) throw notFound('That programme');
    patientId = actor.patientId;
  } else {
    requirePermission(actor, 'patient.read');
    if (!requested) throw notFound('That programme');
    const visible = await db.patient.findFirst({ where: { AND: [{ id: requested }, patientVisibleTo(actor)] }, select: { id: true } });
    if (!visible) throw notFound('That programme');
    patientId = visible.id;
  }
  const patient = await db.patient.findUniqueOrThrow({ where: { id: patientId }, select: { firstName: true, lastName: true } });
  const view = await loadPortalView({ patientId, clinicId: actor.clinicId, timeZone: actor.timeZone, now });
  await recordAudit(db, actorDid(actor, 'programme.download', { type: 'Patient', id: patientId, patientId }, { after: { paper } }));
  return { patientName: `${patient.firstName} ${patient.lastName}`, paper, view };
}

export type Programme = Awaited<ReturnType<typeof getProgramme>>;
