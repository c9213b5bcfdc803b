import 'server-only';
import { toDateOnly } from '@/lib/domain/calendar';
import { localDay } from '@/lib/domain/clinic-time';
import { hashSignature, hashSurgeonOrder } from '@/lib/domain/content-hash';
import { currentEpisode } from '@/lib/domain/episodes';
import type { RestrictionKind } from '@/lib/domain/restrictions';
import { surgeonOrderSchema, type SurgeonOrderInput } from '@/lib/schemas/surgeon-order';
import { confirmPassword } from '../auth/confirm-password';
import { actorDid, recordAudit } from '../audit/record-audit';
import type { Actor } from '../authz/actor';
import { patientVisibleTo } from '../authz/patient-visible-to';
import { requirePermission } from '../authz/require-permission';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { parseInput } from '../parse-input';

type NewRestriction = { kind: RestrictionKind; isAllowed: boolean; limit: number | null; unit: string | null; untilDate: Date | null; untilPhaseId: string | null };

function restrictionsOf(input: SurgeonOrderInput): NewRestriction[] {
  const end = (prefix: 'lifting' | 'bending' | 'twisting' | 'sitting' | 'driving', isRestricted: boolean) =>
    isRestricted ? { untilDate: input[`${prefix}UntilDate`] ?? null, untilPhaseId: input[`${prefix}UntilPhaseId`] ?? null } : { untilDate: null, untilPhaseId: null };
  const isLifting = input.liftingRule === 'LIMIT';
  const isSitting = input.sittingRule === 'LIMIT';
  return [
    { kind: 'LIFTING', isAllowed: !isLifting, limit: isLifting ? (input.liftingLimit ?? null) : null, unit: isLifting ? input.liftingUnit : null, ...end('lifting', isLifting) },
    { kind: 'BENDING', isAllowed: input.bendingRule === 'ALLOWED', limit: null, unit: null, ...end('bending', input.bendingRule === 'AVOID') },
    { kind: 'TWISTING', isAllowed: input.twistingRule === 'ALLOWED', limit: null, unit: null, ...end('twisting', input.twistingRule === 'AVOID') },
    { kind: 'SITTING', isAllowed: !isSitting, limit: isSitting ? (input.sittingMinutes ?? null) : null, unit: isSitting ? 'MINUTES' : null, ...end('sitting', isSitting) },
    { kind: 'DRIVING', isAllowed: input.drivingRule === 'ALLOWED', limit: null, unit: null, ...end('driving', input.drivingRule === 'AVOID') },
  ];
}

export const STALE_ORDER_MESSAGE = 'These orders changed after you opened the page. Reload to see the newest ones; nothing was signed.';

/**
 * The surgeon records the restrictions for their own patient's current episode, as a new signed version:
 * the password again, a hash of exactly what was ordered and a signature record over it. Never an edit: the
 * newest version is in force. Only the episode's own surgeon; anyone else gets "not found".
 */
export async function recordSurgeonOrder({ actor, input, now = new Date() }: { actor: Actor; input: unknown; now?: Date }) {
  requirePermission(actor, 'order.sign');
  const data = parseInput(surgeonOrderSchema, input);
  const episodes = await db.episode.findMany({
    where: { patientId: data.patientId, patient: patientVisibleTo(actor) },
    select: { id: true, surgeryDate: true, createdAt: true, surgeonId: true, patientId: true, protocol: { select: { phases: { select: { id: true } } } } },
  });
  const episode = currentEpisode(episodes);
  // A patient the surgeon does not operate on is not theirs to order for, whatever care team they share.
  if (!episode || episode.surgeonId !== actor.userId) throw notFound('That patient');
  const restrictions = restrictionsOf(data);
  const today = localDay(now, actor.timeZone);
  const phaseIds = new Set(episode.protocol.phases.map((phase) => phase.id));
  for (const restriction of restrictions) {
    if (restriction.untilDate && toDateOnly(restriction.untilDate) < toDateOnly(episode.surgeryDate)) {
      throw new AppError('INVALID_INPUT', 'An until date cannot be before the surgery. Nothing was signed.', { [`${restriction.kind.toLowerCase()}UntilDate`]: ['Before the surgery.'] });
    }
    if (restriction.untilDate && toDateOnly(restriction.untilDate) <= today) {
      throw new AppError('INVALID_INPUT', 'An until date must be after today. Nothing was signed.', { [`${restriction.kind.toLowerCase()}UntilDate`]: ['Not after today.'] });
    }
    if (restriction.untilPhaseId && !phaseIds.has(restriction.untilPhaseId)) {
      throw new AppError('INVALID_INPUT', "Choose an until phase from this patient's protocol. Nothing was signed.");
    }
  }
  await confirmPassword(actor, { password: data.password, passkeyAnswer: data.passkeyAnswer }, 'order.sign', { type: 'Episode', id: episode.id, patientId: episode.patientId });

  return db.$transaction(async (tx) => {
    // Serialises orders for one episode: a second surgeon's page, saved at the same moment, sees this one.
    await tx.$queryRaw`SELECT "id" FROM "Episode" WHERE "id" = ${episode.id} FOR UPDATE`;
    const latest = await tx.surgeonOrder.findFirst({ where: { episodeId: episode.id }, orderBy: { version: 'desc' }, select: { version: true } });
    if ((latest?.version ?? 0) !== data.basedOnVersion) throw new AppError('CONFLICT', STALE_ORDER_MESSAGE);
    const version = data.basedOnVersion + 1;
    const contentHash = hashSurgeonOrder({ episodeId: episode.id, version, note: data.note, restrictions });
    const signatureHash = hashSignature({ contentHash, signerId: actor.userId, decision: 'ORDER', at: now });
    const order = await tx.surgeonOrder.create({
      data: { episodeId: episode.id, version, surgeonId: actor.userId, note: data.note, contentHash, signatureHash, signedAt: now, restrictions: { create: restrictions } },
      select: { id: true, version: true },
    });
    await recordAudit(
      tx,
      actorDid(actor, 'order.sign', { type: 'SurgeonOrder', id: order.id, patientId: episode.patientId }, { before: { version: latest?.version ?? null }, after: { version, contentHash, signatureHash, restrictions, note: data.note } }),
    );
    return { orderId: order.id, version: order.version, patientId: episode.patientId };
  });
}
