import 'server-only';
import type { CaseloadFacts } from '@/lib/domain/caseload';
import type { PainReading } from '@/lib/domain/pain';
import type { SignOffStatus } from '@/lib/domain/types';
import { db } from '../db';

export type CaseloadEpisodeFacts = Omit<CaseloadFacts, 'signOffs' | 'recentSessions' | 'painReadings'> & { id: string; surgeryDate: Date; createdAt: Date };

export type CaseloadDetails = {
  patientId: string;
  /** Every episode of the patient, each with its protocol's phases and its plan's approved versions. */
  episodes: CaseloadEpisodeFacts[];
  signOffs: Array<{ contentHash: string; status: SignOffStatus }>;
  recentSessions: CaseloadFacts['recentSessions'];
  painReadings: PainReading[];
};

type JsonDate = string;
type Row = {
  patientId: string;
  episodes: Array<Omit<CaseloadEpisodeFacts, 'surgeryDate' | 'createdAt'> & { surgeryDate: JsonDate; createdAt: JsonDate }>;
  signOffs: CaseloadDetails['signOffs'];
  recentSessions: Array<{ exerciseId: string; performedOn: JsonDate; completed: boolean; pain: number }>;
  painReadings: Array<{ performedOn: JsonDate; loggedAt: JsonDate; pain: number }>;
};

// JSON carries a date column as "YYYY-MM-DD" (midnight UTC, as Prisma reads a date column) and a timestamp
// without zone as "YYYY-MM-DDTHH:MM:SS.sss" in UTC, as Prisma writes it.
const fromJsonDate = (value: JsonDate) => new Date(value.length === 10 ? `${value}T00:00:00.000Z` : `${value}Z`);

/**
 * The rows the caseload shows of each patient on a page, in one statement; which episode is current and
 * what the rows mean are decided in lib/domain (currentEpisode, assessCaseloadPatient). Internal:
 * `patientIds` are a page the caller has already scoped to the actor (getCaseload, with patientVisibleTo).
 * Written in SQL because it is the busiest read a therapist makes: Prisma's nested reads for the same data
 * cost several times the CPU (docs/benchmark.md).
 */
export async function loadCaseloadDetails(patientIds: string[], sessionsFrom: Date): Promise<Map<string, CaseloadDetails>> {
  if (patientIds.length === 0) return new Map();
  const since = sessionsFrom.toISOString().slice(0, 10);
  const rows = await db.$queryRaw<Row[]>`
    SELECT
      p."id" AS "patientId",
      COALESCE((SELECT json_agg(json_build_object(
          'id', e."id", 'surgeryDate', e."surgeryDate", 'createdAt', e."createdAt",
          'hasDraft', EXISTS (SELECT 1 FROM "PlanVersion" v WHERE v."planId" = pl."id" AND v."status" = 'DRAFT'),
          'phases', COALESCE((SELECT json_agg(json_build_object('id', ph."id", 'position', ph."position", 'name', ph."name", 'earliestDay', ph."earliestDay", 'criteria', ph."criteria") ORDER BY ph."position")
                              FROM "ProtocolPhase" ph WHERE ph."protocolId" = e."protocolId"), '[]'),
          'approved', COALESCE((SELECT json_agg(json_build_object('number', v."number", 'phaseId', v."phaseId", 'items',
                                  COALESCE((SELECT json_agg(json_build_object('itemId', i."id", 'exerciseId', i."exerciseId", 'mode', i."mode", 'contentHash', i."contentHash",
                                                                              'timesPerDay', i."timesPerDay", 'daysPerWeek', i."daysPerWeek") ORDER BY i."position")
                                            FROM "PlanItem" i WHERE i."versionId" = v."id"), '[]')))
                                FROM "PlanVersion" v WHERE v."planId" = pl."id" AND v."status" = 'APPROVED'), '[]')))
                FROM "Episode" e LEFT JOIN "Plan" pl ON pl."episodeId" = e."id" WHERE e."patientId" = p."id"), '[]') AS "episodes",
      COALESCE((SELECT json_agg(json_build_object('contentHash', so."contentHash", 'status', so."status"))
                FROM "SignOff" so WHERE so."patientId" = p."id"), '[]') AS "signOffs",
      COALESCE((SELECT json_agg(json_build_object('exerciseId', s."exerciseId", 'performedOn', s."performedOn", 'completed', s."completed", 'pain', s."pain"))
                FROM "SessionLog" s WHERE s."patientId" = p."id" AND s."performedOn" >= ${since}::date), '[]') AS "recentSessions",
      COALESCE((SELECT json_agg(json_build_object('performedOn', s."performedOn", 'loggedAt', s."createdAt", 'pain', s."pain"))
                FROM "SessionLog" s WHERE s."patientId" = p."id"), '[]') AS "painReadings"
    FROM "Patient" p
    WHERE p."id" = ANY(${patientIds}::text[])`;
  return new Map(
    rows.map((row) => [
      row.patientId,
      {
        patientId: row.patientId,
        episodes: row.episodes.map((episode) => ({ ...episode, surgeryDate: fromJsonDate(episode.surgeryDate), createdAt: fromJsonDate(episode.createdAt) })),
        signOffs: row.signOffs,
        recentSessions: row.recentSessions.map((session) => ({ ...session, performedOn: fromJsonDate(session.performedOn) })),
        painReadings: row.painReadings.map((reading) => ({ pain: reading.pain, performedOn: fromJsonDate(reading.performedOn), loggedAt: fromJsonDate(reading.loggedAt) })),
      },
    ]),
  );
}
