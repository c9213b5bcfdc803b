import 'server-only';
import { currentEpisode } from '@/lib/domain/episodes';
import { phaseRestrictionsOf } from '@/lib/domain/restrictions';
import { signedAtByContentHash, signedContentHashes } from '@/lib/domain/clearance';
import { clearedOn, portalPrescriptions } from '@/lib/domain/visibility';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { planItemSelect } from '../plans/plan-item-select';

type PrescriptionRow = Prisma.PlanItemGetPayload<{ select: typeof planItemSelect }> & {
  illustration: unknown;
  featuredMedia: { id: string; kind: 'IMAGE' | 'VIDEO'; description: string } | null;
};

type Row = {
  id: string;
  surgeryDate: string;
  createdAt: string;
  approved: Array<{ number: number; precautions: string; restrictions: unknown; phaseId: string; approvedAt: string; items: PrescriptionRow[] }>;
  phases: Array<{ id: string; position: number; name: string }>;
  signed: Array<{ contentHash: string; decidedAt: string }>;
};

// The same columns the clinicians' overview reads (planItemSelect), as JSON keys. The names are our own
// constants, checked here so that nothing but a plain column name can ever reach the SQL.
const itemJson = Prisma.join([
  ...Object.keys(planItemSelect).map((column) => {
    if (!/^[A-Za-z]+$/.test(column)) throw new Error(`Not a column name: ${column}`);
    return Prisma.raw(`'${column}', i."${column}"`);
  }),
  // The exercise's drawing: not part of what was signed, so it is the catalog's current one.
  Prisma.raw(`'illustration', (SELECT x."illustration" FROM "Exercise" x WHERE x."id" = i."exerciseId")`),
  // The clinic's own photo or video the patient sees first, if it chose one.
  Prisma.raw(
    `'featuredMedia', (SELECT json_build_object('id', m."id", 'kind', m."kind", 'description', m."description") FROM "Exercise" x JOIN "ExerciseMedia" m ON m."id" = x."featuredMediaId" AND m."removedAt" IS NULL WHERE x."id" = i."exerciseId")`,
  ),
]);

/**
 * What the patient may be shown, decided by the one visibility rule in lib/domain/visibility.ts. Only
 * approved versions and signed sign-offs are read, so drafts and uncleared items never leave the
 * database for the portal. Internal: callers have already checked the actor is this patient.
 *
 * One statement (each of the patient's episodes with its approved versions and their items, and the signed
 * content hashes); which episode is current is lib/domain/episodes.ts. The portal is the page patients open
 * most, and Prisma's nested read of the same data costs several times the CPU (docs/benchmark.md).
 */
export async function loadClearedPrescriptions(patientId: string) {
  const rows = await db.$queryRaw<Row[]>`
    SELECT
      e."id", e."surgeryDate"::text AS "surgeryDate", to_json(e."createdAt")#>>'{}' AS "createdAt",
      COALESCE((SELECT json_agg(json_build_object('id', ph."id", 'position', ph."position", 'name', ph."name")) FROM "ProtocolPhase" ph WHERE ph."protocolId" = e."protocolId"), '[]') AS "phases",
      COALESCE((SELECT json_agg(json_build_object('number', v."number", 'precautions', v."precautions", 'restrictions', v."restrictions", 'phaseId', v."phaseId", 'approvedAt', v."approvedAt", 'items',
                  COALESCE((SELECT json_agg(json_build_object(${itemJson}) ORDER BY i."position") FROM "PlanItem" i WHERE i."versionId" = v."id"), '[]'))
                ORDER BY v."number" DESC)
                FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId"
                WHERE pl."episodeId" = e."id" AND v."status" = 'APPROVED'), '[]') AS "approved",
      COALESCE((SELECT json_agg(json_build_object('contentHash', so."contentHash", 'decidedAt', so."decidedAt"))
                FROM "SignOff" so WHERE so."patientId" = e."patientId" AND so."status" = 'SIGNED'), '[]') AS "signed"
    FROM "Episode" e WHERE e."patientId" = ${patientId}`;
  const row = currentEpisode(rows.map((episode) => ({ ...episode, surgeryDate: new Date(`${episode.surgeryDate}T00:00:00.000Z`), createdAt: new Date(`${episode.createdAt}Z`) })));
  const versions = (row?.approved ?? []).map((version) => ({
    number: version.number,
    precautions: version.precautions,
    restrictions: version.restrictions,
    phaseId: version.phaseId,
    approvedAt: new Date(`${version.approvedAt}Z`),
    items: version.items.map((item) => ({ ...item, itemId: item.id })),
  }));
  const signed = (row?.signed ?? []).map((signOff) => ({ contentHash: signOff.contentHash, status: 'SIGNED' as const, decidedAt: new Date(`${signOff.decidedAt}Z`) }));
  const plan = portalPrescriptions(versions, signedContentHashes(signed));
  const signedAt = signedAtByContentHash(signed);
  return {
    plan,
    /** The day each home exercise was cleared for the patient: adherence expects nothing before it. */
    clearedOn: new Map(plan.home.map((item) => [item.exerciseId, clearedOn(item.exerciseId, versions, signedAt)])),
    precautions: versions[0]?.precautions ?? '',
    /** The current version's default restrictions and phase, for the restrictions in force. */
    phaseDefaults: versions[0] ? phaseRestrictionsOf(versions[0].restrictions) : null,
    currentPhase: row?.phases.find((phase) => phase.id === versions[0]?.phaseId) ?? null,
    phases: row?.phases ?? [],
    episodeId: row?.id ?? null,
    surgeryDate: row ? row.surgeryDate : null,
  };
}
