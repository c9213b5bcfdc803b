import 'server-only';
import { dosageSelect } from '../dosage-select';
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
