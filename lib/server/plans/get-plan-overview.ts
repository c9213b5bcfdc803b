import 'server-only';
import { describeDosage } from '@/lib/domain/dosage';
import { daysSinceSurgery } from '@/lib/domain/calendar';
import { clearanceOf, decisionsByContentHash } from '@/lib/domain/clearance';
import { currentEpisode } from '@/lib/domain/episodes';
import { phaseGate } from '@/lib/domain/phase-gate';
import { phaseProgress } from '@/lib/domain/phases';
import { dosageOf } from '@/lib/domain/prescription';
import { conflictWarning, phaseRestrictionsOf, restrictionsInForce } from '@/lib/domain/restrictions';
import { localDay } from '@/lib/domain/clinic-time';
import type { Actor } from '../authz/actor';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { notFound } from '../errors';
import { parseId } from '../parse-input';
import { getPatient } from '../patients/get-patient';
import { orderSelect, restrictionsOfOrder } from '../orders/order-select';
import { planItemSelect as itemSelect } from './plan-item-select';

/**
 * Everything a clinician sees of one patient's regimen: the surgery, the protocol's phases and the next
 * gate, every plan version with who approved it and where each item stands with the surgeon.
 */
export async function getPlanOverview({ actor, patientId: rawPatientId, today: now = new Date() }: { actor: Actor; patientId: unknown; today?: Date }) {
  requirePermission(actor, 'patient.read');
  const patientId = parseId(rawPatientId, 'That patient');
  const today = localDay(now, actor.timeZone);
  // The one scoping and audit point for a patient's record: not visible means not found, and recorded.
  const patient = await getPatient({ actor, patientId });
  const episodes = await db.episode.findMany({
    where: { patientId },
    select: {
      id: true,
      procedure: true,
      surgeryDate: true,
      createdAt: true,
      surgeon: { select: { id: true, name: true } },
      protocol: {
        select: {
          id: true,
          name: true,
          phases: { orderBy: { position: 'asc' }, select: { id: true, position: true, name: true, earliestDay: true, criteria: true, precautions: true } },
        },
      },
      plan: {
        select: {
          id: true,
          versions: {
            orderBy: { number: 'desc' },
            select: {
              id: true,
              number: true,
              status: true,
              lockVersion: true,
              phaseId: true,
              criteriaMet: true,
              advanceReason: true,
              precautions: true,
              restrictions: true,
              createdById: true,
              createdAt: true,
              approvedById: true,
              approvedAt: true,
              approvedHash: true,
              items: { select: { ...itemSelect, exercise: { select: { loads: true, illustration: true } } }, orderBy: { position: 'asc' } },
            },
          },
        },
      },
    },
  });
  const episode = currentEpisode(episodes);
  if (!episode) throw notFound('That patient');

  const versions = episode.plan?.versions ?? [];
  const [signOffs, people, orders] = await Promise.all([
    db.signOff.findMany({
      where: { patientId },
      select: { id: true, itemId: true, contentHash: true, status: true, reason: true, decidedAt: true, requestedAt: true },
      orderBy: { requestedAt: 'asc' },
    }),
    db.user.findMany({
      where: { clinicId: actor.clinicId, id: { in: [...new Set(versions.flatMap((version) => [version.createdById, version.approvedById ?? '']))] } },
      select: { id: true, name: true },
    }),
    db.surgeonOrder.findMany({ where: { episodeId: episode.id }, orderBy: { version: 'desc' }, select: orderSelect }),
  ]);
  const nameOf = new Map(people.map((person) => [person.id, person.name]));
  const decisions = decisionsByContentHash(signOffs);
  const signOffByItem = new Map(signOffs.map((signOff) => [signOff.itemId, signOff]));
  const phases = episode.protocol.phases;
  // The restrictions the patient lives by (the surgeon's newest order, else the phase's defaults), for the
  // current plan and for the draft, whose phase may be the next one.
  const latestOrder = orders[0] ? restrictionsOfOrder(orders[0], phases) : null;
  const inForceFor = (version: (typeof versions)[number] | undefined) =>
    restrictionsInForce({
      order: latestOrder,
      phaseDefaults: version ? phaseRestrictionsOf(version.restrictions) : null,
      today,
      currentPhasePosition: phases.find((phase) => phase.id === version?.phaseId)?.position ?? null,
    });

  const shapedVersions = versions.map((version) => {
    const phase = phases.find((candidate) => candidate.id === version.phaseId);
    const inForce = inForceFor(version);
    return {
      id: version.id,
      number: version.number,
      status: version.status,
      lockVersion: version.lockVersion,
      phase: phase ? { position: phase.position, name: phase.name } : null,
      criteriaMet: version.criteriaMet,
      advanceReason: version.advanceReason,
      precautions: version.precautions,
      createdBy: nameOf.get(version.createdById) ?? 'Unknown',
      createdAt: version.createdAt,
      approvedBy: version.approvedById ? (nameOf.get(version.approvedById) ?? 'Unknown') : null,
      approvedAt: version.approvedAt,
      approvedHash: version.approvedHash,
      items: version.items.map((item) => {
        const signOff = signOffByItem.get(item.id);
        return {
          ...item,
          dosage: dosageOf(item),
          dosageText: describeDosage(dosageOf(item)),
          clearance: version.status === 'APPROVED' ? clearanceOf(item, decisions) : null,
          conflict: conflictWarning({ name: item.exerciseName, loads: item.exercise.loads }, inForce),
          signOff: signOff ? { status: signOff.status, reason: signOff.reason, decidedAt: signOff.decidedAt } : null,
        };
      }),
    };
  });

  const current = shapedVersions.find((version) => version.status === 'APPROVED') ?? null;
  const draft = shapedVersions.find((version) => version.status === 'DRAFT') ?? null;
  const { current: currentPhase, next: nextPhase } = phaseProgress(phases, versions.find((version) => version.id === current?.id)?.phaseId);
  const declined = shapedVersions.flatMap((version) =>
    version.items.filter((item) => item.signOff?.status === 'DECLINED').map((item) => ({ versionNumber: version.number, exerciseName: item.exerciseName, reason: item.signOff?.reason ?? '', decidedAt: item.signOff?.decidedAt ?? null })),
  );

  return {
    patient,
    portalAccount: patient.portalAccount,
    episode: { id: episode.id, procedure: episode.procedure, surgeryDate: episode.surgeryDate, surgeon: episode.surgeon, protocolName: episode.protocol.name },
    daysSinceSurgery: daysSinceSurgery(episode.surgeryDate, today),
    phases,
    currentPhase,
    nextPhase: nextPhase ? { ...nextPhase, gate: phaseGate({ surgeryDate: episode.surgeryDate, today, phase: nextPhase }) } : null,
    current,
    draft,
    versions: shapedVersions,
    declined,
    restrictions: {
      current: inForceFor(versions.find((version) => version.status === 'APPROVED')),
      draft: inForceFor(versions.find((version) => version.status === 'DRAFT')),
    },
    orders: orders.map((order) => ({
      id: order.id,
      version: order.version,
      surgeonId: order.surgeonId,
      signedAt: order.signedAt,
      note: order.note,
      signatureHash: order.signatureHash,
      restrictions: restrictionsOfOrder(order, phases),
    })),
  };
}

export type PlanOverview = Awaited<ReturnType<typeof getPlanOverview>>;
export type PlanVersionView = PlanOverview['versions'][number];
