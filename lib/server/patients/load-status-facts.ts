import 'server-only';
import type { AlertKind } from '@/lib/domain/alerts';
import { addDays } from '@/lib/domain/calendar';
import { MONITORING_PERIOD_DAYS } from '@/lib/domain/monitoring';
import { PAIN_BASELINE_DAYS, type PainReading } from '@/lib/domain/pain';
import type { LoggedSession, StatusFacts, StatusVersion } from '@/lib/domain/patient-status';
import type { SignOffStatus } from '@/lib/domain/types';
import { db } from '../db';

export type StatusEpisode = Omit<StatusFacts, 'signOffs' | 'recentSessions' | 'latestReading' | 'loggedDays' | 'openAlertKinds'> & {
  id: string;
  surgeryDate: Date;
  createdAt: Date;
  /** Each approved version with who approved it and the reason when the patient was advanced early. */
  approved: Array<StatusVersion & { approvedById: string | null; advanceReason: string | null }>;
};

export type PatientStatusRows = {
  patientId: string;
  episodes: StatusEpisode[];
  signOffs: StatusFacts['signOffs'] extends ReadonlyArray<infer S> ? S[] : never;
  recentSessions: LoggedSession[];
  latestReading: PainReading | null;
  loggedDays: Date[];
  openAlertKinds: AlertKind[];
};

type JsonDate = string;
type Row = {
  patientId: string;
  episodes: Array<
    Omit<StatusEpisode, 'surgeryDate' | 'createdAt' | 'approved'> & {
      surgeryDate: JsonDate;
      createdAt: JsonDate;
      approved: Array<Omit<StatusEpisode['approved'][number], 'approvedAt'> & { approvedAt: JsonDate }>;
    }
  >;
  signOffs: Array<{ contentHash: string; status: SignOffStatus; decidedAt: JsonDate | null }>;
  recentSessions: Array<Omit<LoggedSession, 'performedOn' | 'loggedAt'> & { performedOn: JsonDate; loggedAt: JsonDate }>;
  latestReading: { performedOn: JsonDate; loggedAt: JsonDate; back: number; leg: number | null } | null;
  loggedDays: JsonDate[] | null;
  openAlertKinds: AlertKind[] | null;
};

// JSON carries a date column as "YYYY-MM-DD" (midnight UTC, as Prisma reads a date column) and a timestamp
// without zone as "YYYY-MM-DDTHH:MM:SS.sss" in UTC, as Prisma writes it.
export function fromJsonDate(value: JsonDate): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : `${value}Z`);
}

/** The days of history the status rules read: 14 days of pain (the baseline and trend), 30 of logged days. */
const SESSION_DAYS = PAIN_BASELINE_DAYS;

/**
 * The rows every "patient at a glance" view needs (caseload rows, the context of sign-off requests), for a
 * page of patients, in one statement. Only fetches: which episode is current and what the rows mean are
 * decided in lib/domain (currentEpisode, assessPatientStatus). Internal: `patientIds` are a page the caller
 * has already scoped to the actor with patientVisibleTo; `alertKinds` are the kinds the actor sees.
 * Written in SQL because these are the busiest reads clinicians make: Prisma's nested reads for the same
 * data cost several times the CPU (docs/benchmark.md).
 */
export async function loadStatusFacts(patientIds: string[], today: Date, alertKinds: readonly AlertKind[]): Promise<Map<string, PatientStatusRows>> {
  if (patientIds.length === 0) return new Map();
  const sessionsFrom = addDays(today, -SESSION_DAYS).toISOString().slice(0, 10);
  const daysFrom = addDays(today, -(MONITORING_PERIOD_DAYS - 1)).toISOString().slice(0, 10);
  const kinds = [...alertKinds];
  const rows = await db.$queryRaw<Row[]>`
    SELECT
      p."id" AS "patientId",
      COALESCE((SELECT json_agg(json_build_object(
          'id', e."id", 'surgeryDate', e."surgeryDate", 'createdAt', e."createdAt",
          'hasDraft', EXISTS (SELECT 1 FROM "PlanVersion" v WHERE v."planId" = pl."id" AND v."status" = 'DRAFT'),
          'phases', COALESCE((SELECT json_agg(json_build_object('id', ph."id", 'position', ph."position", 'name', ph."name", 'earliestDay', ph."earliestDay", 'criteria', ph."criteria") ORDER BY ph."position")
                              FROM "ProtocolPhase" ph WHERE ph."protocolId" = e."protocolId"), '[]'),
          'approved', COALESCE((SELECT json_agg(json_build_object('number', v."number", 'phaseId', v."phaseId", 'approvedAt', v."approvedAt",
                                  'approvedById', v."approvedById", 'advanceReason', v."advanceReason", 'items',
                                  COALESCE((SELECT json_agg(json_build_object('itemId', i."id", 'exerciseId', i."exerciseId", 'exerciseName', i."exerciseName", 'mode', i."mode",
                                                                              'contentHash', i."contentHash", 'timesPerDay', i."timesPerDay", 'daysPerWeek', i."daysPerWeek") ORDER BY i."position")
                                            FROM "PlanItem" i WHERE i."versionId" = v."id"), '[]')))
                                FROM "PlanVersion" v WHERE v."planId" = pl."id" AND v."status" = 'APPROVED'), '[]')))
                FROM "Episode" e LEFT JOIN "Plan" pl ON pl."episodeId" = e."id" WHERE e."patientId" = p."id"), '[]') AS "episodes",
      COALESCE((SELECT json_agg(json_build_object('contentHash', so."contentHash", 'status', so."status", 'decidedAt', so."decidedAt"))
                FROM "SignOff" so WHERE so."patientId" = p."id"), '[]') AS "signOffs",
      COALESCE((SELECT json_agg(json_build_object('id', s."id", 'correctsId', s."correctsId", 'exerciseId', s."exerciseId", 'performedOn', s."performedOn",
                                                  'loggedAt', s."createdAt", 'completed', s."completed", 'back', s."backPain", 'leg', s."legPain"))
                FROM "SessionLog" s WHERE s."patientId" = p."id" AND s."performedOn" >= ${sessionsFrom}::date), '[]') AS "recentSessions",
      (SELECT json_build_object('performedOn', s."performedOn", 'loggedAt', s."createdAt", 'back', s."backPain", 'leg', s."legPain")
         FROM "SessionLog" s WHERE s."patientId" = p."id" AND NOT EXISTS (SELECT 1 FROM "SessionLog" c WHERE c."correctsId" = s."id")
         ORDER BY s."performedOn" DESC, s."createdAt" DESC LIMIT 1) AS "latestReading",
      ARRAY(SELECT DISTINCT s."performedOn"::text FROM "SessionLog" s WHERE s."patientId" = p."id" AND s."performedOn" >= ${daysFrom}::date) AS "loggedDays",
      ARRAY(SELECT DISTINCT a."kind"::text FROM "Alert" a WHERE a."patientId" = p."id" AND a."acknowledgedAt" IS NULL AND a."kind"::text = ANY(${kinds}::text[])) AS "openAlertKinds"
    FROM "Patient" p
    WHERE p."id" = ANY(${patientIds}::text[])`;
  return new Map(
    rows.map((row) => [
      row.patientId,
      {
        patientId: row.patientId,
        episodes: row.episodes.map((episode) => ({
          ...episode,
          surgeryDate: fromJsonDate(episode.surgeryDate),
          createdAt: fromJsonDate(episode.createdAt),
          approved: episode.approved.map((version) => ({ ...version, approvedAt: fromJsonDate(version.approvedAt) })),
        })),
        signOffs: row.signOffs.map((signOff) => ({ ...signOff, decidedAt: signOff.decidedAt === null ? null : fromJsonDate(signOff.decidedAt) })),
        recentSessions: row.recentSessions.map((session) => ({ ...session, performedOn: fromJsonDate(session.performedOn), loggedAt: fromJsonDate(session.loggedAt) })),
        latestReading: row.latestReading
          ? { ...row.latestReading, performedOn: fromJsonDate(row.latestReading.performedOn), loggedAt: fromJsonDate(row.latestReading.loggedAt) }
          : null,
        loggedDays: (row.loggedDays ?? []).map(fromJsonDate),
        openAlertKinds: row.openAlertKinds ?? [],
      },
    ]),
  );
}
