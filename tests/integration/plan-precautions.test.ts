import { beforeAll, describe, expect, it } from 'vitest';
import { hashApproval } from '@/lib/domain/content-hash';
import { db } from '@/lib/server/db';
import { getPortalPlan } from '@/lib/server/portal/get-portal-plan';
import { updateProtocolPhase } from '@/lib/server/protocols/update-protocol-phase';
import { advance, approveDraft, registerPatient, TODAY } from './support/plan-flow';
import { createClinicWorld, type ClinicWorld } from './support/world';

let clinic: ClinicWorld;

beforeAll(async () => {
  clinic = await createClinicWorld();
});

describe('precautions travel with the plan version', () => {
  it('a protocol edit after approval does not change what the patient reads, and the approval covers the precautions', async () => {
    const patient = await registerPatient(clinic, { surgeryDaysAgo: 10 });
    await approveDraft(clinic.actors.therapist, patient.patientId);
    await advance(clinic.actors.therapist, patient.patientId, { criteriaMet: [] });
    await approveDraft(clinic.actors.therapist, patient.patientId);
    const approved = await db.planVersion.findFirstOrThrow({
      where: { plan: { episode: { patientId: patient.patientId } }, number: 2 },
      select: { id: true, number: true, precautions: true, approvedHash: true, phaseId: true, items: { select: { position: true, contentHash: true } } },
    });
    const phase = await db.protocolPhase.findUniqueOrThrow({ where: { id: approved.phaseId }, select: { id: true, name: true, earliestDay: true, criteria: true, precautions: true, protocol: { select: { lockVersion: true } } } });
    expect(approved.precautions).toBe(phase.precautions);
    expect(approved.precautions.length).toBeGreaterThan(0);
    expect(approved.approvedHash).toBe(hashApproval({ versionId: approved.id, number: approved.number, items: approved.items, precautions: approved.precautions }));

    await updateProtocolPhase({
      actor: clinic.actors.therapist,
      phaseId: phase.id,
      input: { lockVersion: phase.protocol.lockVersion, name: phase.name, earliestDay: phase.earliestDay, criteria: phase.criteria, precautions: 'A different text written later.' },
    });

    const portal = await getPortalPlan({ actor: patient.actor, today: TODAY });
    expect(portal.precautions).toBe(phase.precautions);
    expect(portal.precautions).not.toContain('A different text written later.');
  });
});
