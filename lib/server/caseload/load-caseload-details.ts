import 'server-only';
import type { ItemMode, SignOffStatus } from '@/lib/domain/types';
import { db } from '../db';

export type CaseloadDetails = {
  patientId: string;
  surgeryDate: Date | null;
  hasDraft: boolean;
  /** The phases of the latest episode's protocol, in order. */
  phases: Array<{ id: string; position: number; name: string; earliestDay: number; criteria: string[] }>;
  /** Approved plan versions, newest first, with what the visibility and adherence rules read of each item. */
  approved: Array<{ number: number; phaseId: string; items: Array<{ itemId: string; exerciseId: string; mode: ItemMode; contentHash: string; timesPerDay: number | null; daysPerWeek: number | null }> }>;
  sessionsSince: Array<{ exerciseId: string; performedOn: Date; completed: boolean; pain: number }>;
  signOffs: Array<{ contentHash: string; status: SignOffStatus }>;
  firstPain: number | null;
  latestPain: number | null;
};

type Row = Omit<CaseloadDetails, 'surgeryDate' | 'sessionsSince'> & {
  surgeryDate: Date | string | null;
  sessionsSince: Array<{ exerciseId: string; performedOn: string; completed: boolean; pain: number }>;
};

/**
 * What the caseload shows of each patient on a page, in one statement. Internal: `patientIds` are a page the
 * caller has already scoped to the actor (getCaseload, with patientVisibleTo). Written in SQL because it is
 * the busiest read a therapist makes: Prisma's nested reads for the same data cost several times the CPU
 * (README, Benchmark). Each patient's latest episode only, as everywhere else.
 */
export async function loadCaseloadDetails(patientIds: string[], sessionsSince: Date): Promise<Map<string, CaseloadDetails>> {
  if (patientIds.length === 0) return new Map();
  const since = sessionsSince.toISOString().slice(0, 10);
  const rows = await db.$queryRaw<Row[]>`
    SELECT
      p."id" AS "patientId",
      e."surgeryDate",
      EXISTS (SELECT 1 FROM "PlanVersion" v WHERE v."planId" = pl."id" AND v."status" = 'DRAFT') AS "hasDraft",
      COALESCE((SELECT json_agg(json_build_object('id', ph."id", 'position', ph."position", 'name', ph."name", 'earliestDay', ph."earliestDay", 'criteria', ph."criteria") ORDER BY ph."position")
                FROM "ProtocolPhase" ph WHERE ph."protocolId" = e."protocolId"), '[]') AS "phases",
      COALESCE((SELECT json_agg(json_build_object('number', v."number", 'phaseId', v."phaseId", 'items',
                  COALESCE((SELECT json_agg(json_build_object('itemId', i."id", 'exerciseId', i."exerciseId", 'mode', i."mode", 'contentHash', i."contentHash",
                                                              'timesPerDay', i."timesPerDay", 'daysPerWeek', i."daysPerWeek") ORDER BY i."position")
                            FROM "PlanItem" i WHERE i."versionId" = v."id"), '[]')) ORDER BY v."number" DESC)
                FROM "PlanVersion" v WHERE v."planId" = pl."id" AND v."status" = 'APPROVED'), '[]') AS "approved",
      COALESCE((SELECT json_agg(json_build_object('exerciseId', s."exerciseId", 'performedOn', s."performedOn", 'completed', s."completed", 'pain', s."pain"))
                FROM "SessionLog" s WHERE s."patientId" = p."id" AND s."performedOn" >= ${since}::date), '[]') AS "sessionsSince",
      COALESCE((SELECT json_agg(json_build_object('contentHash', so."contentHash", 'status', so."status"))
                FROM "SignOff" so WHERE so."patientId" = p."id"), '[]') AS "signOffs",
      (SELECT s."pain" FROM "SessionLog" s WHERE s."patientId" = p."id" ORDER BY s."performedOn" ASC, s."createdAt" ASC LIMIT 1) AS "firstPain",
      (SELECT s."pain" FROM "SessionLog" s WHERE s."patientId" = p."id" ORDER BY s."performedOn" DESC, s."createdAt" DESC LIMIT 1) AS "latestPain"
    FROM "Patient" p
    LEFT JOIN LATERAL (SELECT * FROM "Episode" ep WHERE ep."patientId" = p."id" ORDER BY ep."surgeryDate" DESC LIMIT 1) e ON TRUE
    LEFT JOIN "Plan" pl ON pl."episodeId" = e."id"
    WHERE p."id" = ANY(${patientIds}::text[])`;
  return new Map(
    rows.map((row) => [
      row.patientId,
      {
        ...row,
        surgeryDate: row.surgeryDate === null ? null : new Date(row.surgeryDate),
        // JSON carries a date as "YYYY-MM-DD": midnight UTC, as Prisma reads a date column.
        sessionsSince: row.sessionsSince.map((session) => ({ ...session, performedOn: new Date(`${session.performedOn}T00:00:00.000Z`) })),
      },
    ]),
  );
}
