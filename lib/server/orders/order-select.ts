import 'server-only';
import type { Restriction, RestrictionKind } from '@/lib/domain/restrictions';
import type { Prisma } from '../generated/prisma/client';

/** An order as every page reads it: its restrictions, and each restriction's until-phase by position. */
export const orderSelect = {
  id: true,
  version: true,
  surgeonId: true,
  note: true,
  contentHash: true,
  signatureHash: true,
  signedAt: true,
  restrictions: { select: { kind: true, isAllowed: true, limit: true, unit: true, untilDate: true, untilPhaseId: true } },
} as const satisfies Prisma.SurgeonOrderSelect;

export type OrderRow = Prisma.SurgeonOrderGetPayload<{ select: typeof orderSelect }>;

const KIND_ORDER: Record<RestrictionKind, number> = { LIFTING: 0, BENDING: 1, TWISTING: 2, SITTING: 3, DRIVING: 4 };

/** An order's rows as the domain's restrictions, with each until-phase named from the protocol's phases. */
export function restrictionsOfOrder(order: OrderRow, phases: ReadonlyArray<{ id: string; position: number; name: string }>): Restriction[] {
  const phaseById = new Map(phases.map((phase) => [phase.id, phase]));
  return [...order.restrictions]
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
    .map((row) => ({
      kind: row.kind,
      isAllowed: row.isAllowed,
      limit: row.limit,
      unit: row.unit === 'KG' || row.unit === 'LB' || row.unit === 'MINUTES' ? row.unit : null,
      untilDate: row.untilDate,
      untilPhase: row.untilPhaseId ? (phaseById.get(row.untilPhaseId) ?? null) : null,
    }));
}
