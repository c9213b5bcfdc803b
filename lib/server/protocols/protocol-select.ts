import 'server-only';
import type { Tx } from '../db';
import { dosageSelect } from '../dosage-select';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';

// Plans created from a protocol copy the phase, criteria and dosages they need into their own rows, so
// nothing here ever changes a plan that already exists: a protocol is a template for new plans only.

/** One exercise a phase adds, with the catalog facts a clinician needs beside it. */
export const phaseExerciseSelect = {
  id: true,
  exerciseId: true,
  position: true,
  mode: true,
  ...dosageSelect,
  exercise: { select: { name: true, isSafeUnsupervised: true, retiredAt: true } },
} satisfies Prisma.ProtocolPhaseExerciseSelect;

/** A phase's own fields, without its exercises. */
export const phaseFieldsSelect = {
  id: true,
  position: true,
  name: true,
  earliestDay: true,
  criteria: true,
  precautions: true,
} satisfies Prisma.ProtocolPhaseSelect;

export const phaseSelect = {
  ...phaseFieldsSelect,
  exercises: { select: phaseExerciseSelect, orderBy: { position: 'asc' } },
} satisfies Prisma.ProtocolPhaseSelect;

export const protocolSelect = {
  id: true,
  name: true,
  description: true,
  lockVersion: true,
  updatedAt: true,
  phases: { select: phaseSelect, orderBy: { position: 'asc' } },
} satisfies Prisma.ProtocolSelect;

export const protocolSummarySelect = {
  id: true,
  name: true,
  description: true,
  updatedAt: true,
  _count: { select: { phases: true } },
} satisfies Prisma.ProtocolSelect;

export type PhaseExerciseDto = Prisma.ProtocolPhaseExerciseGetPayload<{ select: typeof phaseExerciseSelect }>;
export type PhaseDto = Prisma.ProtocolPhaseGetPayload<{ select: typeof phaseSelect }>;
export type ProtocolDto = Prisma.ProtocolGetPayload<{ select: typeof protocolSelect }>;
export type ProtocolSummaryDto = Prisma.ProtocolGetPayload<{ select: typeof protocolSummarySelect }>;

export const PROTOCOL_CONFLICT_MESSAGE =
  'Someone else changed this protocol while you were editing. Reload to see their changes; nothing was saved.';

/**
 * Every change to a protocol, its phases or their exercises goes through here first. The conditional update
 * bumps lockVersion only if it is still the version the editor saw, and holds the protocol's row lock until
 * the transaction ends, so two edits of one protocol never interleave. Returns the new lockVersion.
 */
export async function claimProtocolEdit(tx: Tx, protocolId: string, lockVersion: number): Promise<number> {
  const { count } = await tx.protocol.updateMany({ where: { id: protocolId, lockVersion }, data: { lockVersion: { increment: 1 } } });
  if (count !== 1) throw new AppError('CONFLICT', PROTOCOL_CONFLICT_MESSAGE);
  return lockVersion + 1;
}

