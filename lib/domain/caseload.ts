import { adherence, type Adherence } from './adherence';
import { daysSinceSurgery } from './calendar';
import { clearanceOf, decisionsByContentHash, signedContentHashes } from './clearance';
import { painFlag, painsOldestFirst, type PainReading } from './pain';
import { phaseGate } from './phase-gate';
import { phaseProgress } from './phases';
import type { ItemMode, SignOffStatus } from './types';
import { portalPrescriptions } from './visibility';

// What the therapist's caseload says about one patient: where they are in the protocol, how much of their
// home programme they did this week, and what needs the therapist's attention.

export type CaseloadFlag = 'DRAFT_WAITING' | 'WAITING_FOR_SURGEON' | 'DECLINED' | 'READY_TO_ADVANCE' | 'PAIN';

export type CaseloadPhase = { id: string; position: number; name: string; earliestDay: number; criteria: string[] };

export type CaseloadItem = {
  itemId: string;
  exerciseId: string;
  mode: ItemMode;
  contentHash: string;
  timesPerDay: number | null;
  daysPerWeek: number | null;
};

export type CaseloadFacts = {
  surgeryDate: Date | null;
  /** The current episode's protocol phases, in order. */
  phases: readonly CaseloadPhase[];
  /** Approved versions of the current plan, any order. */
  approved: ReadonlyArray<{ number: number; phaseId: string; items: readonly CaseloadItem[] }>;
  hasDraft: boolean;
  signOffs: ReadonlyArray<{ contentHash: string; status: SignOffStatus }>;
  /** Sessions logged in the adherence window (more do no harm: the window is applied here). */
  recentSessions: ReadonlyArray<{ exerciseId: string; performedOn: Date; completed: boolean; pain: number }>;
  painReadings: readonly PainReading[];
};

export type CaseloadAssessment = {
  phase: CaseloadPhase | null;
  daysSinceSurgery: number | null;
  adherence: Adherence;
  latestPain: number | null;
  flags: CaseloadFlag[];
};

export function assessCaseloadPatient(facts: CaseloadFacts, today: Date): CaseloadAssessment {
  const newestFirst = [...facts.approved].sort((a, b) => b.number - a.number);
  const current = newestFirst[0];
  const progress = phaseProgress(facts.phases, current?.phaseId);
  const decisions = decisionsByContentHash(facts.signOffs);
  const clearances = (current?.items ?? []).map((item) => clearanceOf(item, decisions));
  // What the patient is expected to do is what their portal shows them: the same visibility rule.
  const cleared = portalPrescriptions(newestFirst, signedContentHashes(facts.signOffs));
  const week = adherence({ sessions: facts.recentSessions, prescriptions: cleared.home, today });
  const pains = painsOldestFirst(facts.painReadings);

  const flags: CaseloadFlag[] = [];
  if (facts.hasDraft) flags.push('DRAFT_WAITING');
  if (clearances.includes('WAITING_FOR_SURGEON')) flags.push('WAITING_FOR_SURGEON');
  if (clearances.includes('DECLINED')) flags.push('DECLINED');
  if (facts.surgeryDate && progress.next && !facts.hasDraft && !phaseGate({ surgeryDate: facts.surgeryDate, today, phase: progress.next }).isEarly) {
    flags.push('READY_TO_ADVANCE');
  }
  if (painFlag(pains)) flags.push('PAIN');
  return {
    phase: progress.current,
    daysSinceSurgery: facts.surgeryDate ? daysSinceSurgery(facts.surgeryDate, today) : null,
    adherence: week,
    latestPain: pains[pains.length - 1] ?? null,
    flags,
  };
}
