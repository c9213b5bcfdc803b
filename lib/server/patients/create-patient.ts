import 'server-only';
import { createPatientSchema } from '@/lib/schemas/patient';
import type { Actor } from '../authz/actor';
import { actorDid, recordAudit } from '../audit/record-audit';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, conflictOnUnique } from '../errors';
import { parseInput } from '../parse-input';
import { openDraft } from '../plans/start-draft';
import { assertEmailFree, EMAIL_UNAVAILABLE } from '../users/assert-email-free';

/**
 * A therapist registers a patient: the patient, a portal account (no password until the patient uses
 * their invitation), the surgery, the care team (this therapist and the surgeon), and a first draft plan
 * from the protocol's first phase.
 */
export async function createPatient({ actor, input }: { actor: Actor; input: unknown }) {
  requirePermission(actor, 'patient.create', 'FORBIDDEN');
  const data = parseInput(createPatientSchema, input);
  return db.$transaction(async (tx) => {
    const surgeon = await tx.user.findFirst({ where: { id: data.surgeonId, clinicId: actor.clinicId, role: 'SURGEON', isActive: true }, select: { id: true } });
    if (!surgeon) throw new AppError('INVALID_INPUT', 'Choose a surgeon of this clinic.', { surgeonId: ['Choose a surgeon of this clinic.'] });
    const protocol = await tx.protocol.findFirst({ where: { id: data.protocolId, clinicId: actor.clinicId }, select: { id: true, phases: { select: { id: true }, take: 1 } } });
    if (!protocol || protocol.phases.length === 0) throw new AppError('INVALID_INPUT', 'Choose a protocol with at least one phase.', { protocolId: ['Choose a protocol.'] });
    await assertEmailFree(tx, actor, data.email);

    const user = await tx.user.create({
      data: { clinicId: actor.clinicId, email: data.email, name: `${data.firstName} ${data.lastName}`, role: 'PATIENT' },
      select: { id: true },
    });
    const patient = await tx.patient.create({
      data: {
        clinicId: actor.clinicId,
        userId: user.id,
        firstName: data.firstName,
        lastName: data.lastName,
        dateOfBirth: data.dateOfBirth,
        phone: data.phone,
        email: data.email,
        careTeam: { create: [{ userId: actor.userId }, ...(surgeon.id === actor.userId ? [] : [{ userId: surgeon.id }])] },
        episodes: {
          create: { procedure: data.procedure, surgeryDate: data.surgeryDate, surgeonId: surgeon.id, protocolId: protocol.id, plan: { create: {} } },
        },
      },
      select: { id: true },
    });
    // Identifiers only: the record itself is in the patient tables.
    await recordAudit(
      tx,
      actorDid(actor, 'patient.create', { type: 'Patient', id: patient.id, patientId: patient.id }, { after: { patientId: patient.id, userId: user.id, surgeonId: surgeon.id, protocolId: protocol.id } }),
    );
    const draft = await openDraft(tx, actor, patient.id);
    return { patientId: patient.id, draftVersionId: draft.versionId };
  }).catch(conflictOnUnique(EMAIL_UNAVAILABLE));
}
