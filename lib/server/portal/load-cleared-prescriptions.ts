import 'server-only';
import { currentEpisode } from '@/lib/domain/episodes';
import { portalPrescriptions } from '@/lib/domain/visibility';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { planItemSelect } from '../plans/plan-item-select';

type PrescriptionRow = Prisma.PlanItemGetPayload<{ select: typeof planItemSelect }>;

type Row = {
  id: string;
  surgeryDate: string;
  createdAt: string;
  approved: Array<{ number: number; precautions: string; items: PrescriptionRow[] }>;
  signedHashes: string[];
};

// The same columns the clinicians' overview reads (planItemSelect), as JSON keys. The names are our own
// constants, checked here so that nothing but a plain column name can ever reach the SQL.
const itemJson = Prisma.join(
  Object.keys(planItemSelect).map((column) => {
    if (!/^[A-Za-z]+$/.test(column)) throw new Error(`Not a column name: ${column}`);
    return Prisma.raw(`'${column}', i."${column}"`);
  }),
);

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
      COALESCE((SELECT json_agg(json_build_object('number', v."number", 'precautions', v."precautions", 'items',
                  COALESCE((SELECT json_agg(json_build_object(${itemJson}) ORDER BY i."position") FROM "PlanItem" i WHERE i."versionId" = v."id"), '[]'))
                ORDER BY v."number" DESC)
                FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId"
                WHERE pl."episodeId" = e."id" AND v."status" = 'APPROVED'), '[]') AS "approved",
      ARRAY(SELECT so."contentHash" FROM "SignOff" so WHERE so."patientId" = e."patientId" AND so."status" = 'SIGNED') AS "signedHashes"
    FROM "Episode" e WHERE e."patientId" = ${patientId}`;
  const row = currentEpisode(rows.map((episode) => ({ ...episode, surgeryDate: new Date(`${episode.surgeryDate}T00:00:00.000Z`), createdAt: new Date(`${episode.createdAt}Z`) })));
  const versions = row?.approved ?? [];
  const plan = portalPrescriptions(
    versions.map((version) => ({ number: version.number, items: version.items.map((item) => ({ ...item, itemId: item.id })) })),
    new Set(row?.signedHashes ?? []),
  );
  return { plan, precautions: versions[0]?.precautions ?? '', surgeryDate: row ? row.surgeryDate : null };
}
