import { adherence, type Adherence } from './adherence';
import type { AlertKind } from './alerts';
import { daysSinceSurgery } from './calendar';
import { clearanceOf, decisionsByContentHash, signedAtByContentHash, signedContentHashes } from './clearance';
import { daysWithData, monitoringPeriod, type MonitoringPeriod } from './monitoring';
import { latestReading, painTrend, type PainReading, type PainTrend } from './pain';
import { phaseGate } from './phase-gate';
import { phaseProgress } from './phases';
import { standingLogs } from './session-logs';
import type { ItemMode, SignOffStatus } from './types';
import { clearedOn, portalPrescriptions } from './visibility';

// What the care team sees of a patient at a glance (the caseload row, the context beside a sign-off
// request): where they are in the protocol, how much of their home programme they did this week, their pain
// and which way it goes, how many days of this monitoring period they logged, and what needs attention.

export type StatusFlag = 'DRAFT_WAITING' | 'WAITING_FOR_SURGEON' | 'DECLINED' | 'READY_TO_ADVANCE' | 'PAIN' | 'WARNING_SIGN';

export type StatusPhase = { id: string; position: number; name: string; earliestDay: number; criteria: string[] };

export type StatusItem = {
  itemId: string;
  exerciseId: string;
  exerciseName: string;
  mode: ItemMode;
  contentHash: string;
  timesPerDay: number | null;
  daysPerWeek: number | null;
};

export type StatusVersion = { number: number; phaseId: string; approvedAt: Date; items: readonly StatusItem[] };

export type LoggedSession = {
  id: string;
  correctsId: string | null;
  exerciseId: string;
  performedOn: Date;
  loggedAt: Date;
  completed: boolean;
  back: number;
  leg: number | null;
};

export type StatusFacts = {
  surgeryDate: Date | null;
  /** The current episode's protocol phases, in order. */
  phases: readonly StatusPhase[];
  /** Approved versions of the current plan, any order. */
  approved: readonly StatusVersion[];
  hasDraft: boolean;
  signOffs: ReadonlyArray<{ contentHash: string; status: SignOffStatus; decidedAt: Date | null }>;
  /** Sessions logged in the last 14 days at least (more do no harm: each rule applies its own window). */
  recentSessions: readonly LoggedSession[];
  /** The latest standing pain reading, however old, when the recent sessions may not hold it. */
  latestReading: PainReading | null;
  /** The days with at least one log, over the last 30 days at least. */
  loggedDays: readonly Date[];
  openAlertKinds: readonly AlertKind[];
};

export type PatientStatus = {
  phase: StatusPhase | null;
  daysSinceSurgery: number | null;
  week: Adherence;
  /** The home exercises the patient is expected to do now (what their portal shows), by name. */
  homeExercises: string[];
  latest: PainReading | null;
  trend: { back: PainTrend | null; leg: PainTrend | null };
  monitoring: (MonitoringPeriod & { daysWithData: number }) | null;
  flags: StatusFlag[];
};

export function assessPatientStatus(facts: StatusFacts, today: Date): PatientStatus {
  const newestFirst = [...facts.approved].sort((a, b) => b.number - a.number);
  const current = newestFirst[0];
  const progress = phaseProgress(facts.phases, current?.phaseId);
  const decisions = decisionsByContentHash(facts.signOffs);
  const clearances = (current?.items ?? []).map((item) => clearanceOf(item, decisions));
  // What the patient is expected to do is what their portal shows them: the same visibility rule, and
  // nothing expected of an exercise before the day it was cleared.
  const cleared = portalPrescriptions(newestFirst, signedContentHashes(facts.signOffs));
  const signedAt = signedAtByContentHash(facts.signOffs);
  const sessions = standingLogs(facts.recentSessions);
  const week = adherence({
    sessions,
    prescriptions: cleared.home.map((item) => ({ ...item, expectedFrom: clearedOn(item.exerciseId, newestFirst, signedAt) })),
    today,
  });
  const readings: PainReading[] = sessions.map((session) => ({ performedOn: session.performedOn, loggedAt: session.loggedAt, back: session.back, leg: session.leg }));
  const latest = latestReading(facts.latestReading ? [...readings, facts.latestReading] : readings);
  const period = facts.surgeryDate ? monitoringPeriod(facts.surgeryDate, today) : null;

  const flags: StatusFlag[] = [];
  if (facts.openAlertKinds.includes('WARNING_SIGN')) flags.push('WARNING_SIGN');
  if (facts.openAlertKinds.includes('PAIN')) flags.push('PAIN');
  if (facts.hasDraft) flags.push('DRAFT_WAITING');
  if (clearances.includes('WAITING_FOR_SURGEON')) flags.push('WAITING_FOR_SURGEON');
  if (clearances.includes('DECLINED')) flags.push('DECLINED');
  if (facts.surgeryDate && progress.next && !facts.hasDraft && !phaseGate({ surgeryDate: facts.surgeryDate, today, phase: progress.next }).isEarly) {
    flags.push('READY_TO_ADVANCE');
  }
  return {
    phase: progress.current,
    daysSinceSurgery: facts.surgeryDate ? daysSinceSurgery(facts.surgeryDate, today) : null,
    week,
    homeExercises: cleared.home.map((item) => item.exerciseName),
    latest,
    trend: { back: painTrend(readings, 'BACK', today), leg: painTrend(readings, 'LEG', today) },
    monitoring: period ? { ...period, daysWithData: daysWithData(facts.loggedDays, period) } : null,
    flags,
  };
}
