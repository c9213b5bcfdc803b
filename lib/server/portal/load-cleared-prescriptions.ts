import 'server-only';
import { portalPrescriptions } from '@/lib/domain/visibility';
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { planItemSelect } from '../plans/plan-item-select';

type PrescriptionRow = Prisma.PlanItemGetPayload<{ select: typeof planItemSelect }>;

type Row = {
  surgeryDate: Date | string;
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
 * One statement (the patient's latest episode, its approved versions with their items, and the signed
 * content hashes): the portal is the page patients open most, and Prisma's nested read of the same data
 * costs several times the CPU (README, Benchmark).
 */
export async function loadClearedPrescriptions(patientId: string) {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT
      e."surgeryDate",
      COALESCE((SELECT json_agg(json_build_object('number', v."number", 'precautions', v."precautions", 'items',
                  COALESCE((SELECT json_agg(json_build_object(${itemJson}) ORDER BY i."position") FROM "PlanItem" i WHERE i."versionId" = v."id"), '[]'))
                ORDER BY v."number" DESC)
                FROM "PlanVersion" v JOIN "Plan" pl ON pl."id" = v."planId"
                WHERE pl."episodeId" = e."id" AND v."status" = 'APPROVED'), '[]') AS "approved",
      ARRAY(SELECT so."contentHash" FROM "SignOff" so WHERE so."patientId" = e."patientId" AND so."status" = 'SIGNED') AS "signedHashes"
    FROM (SELECT * FROM "Episode" WHERE "patientId" = ${patientId} ORDER BY "surgeryDate" DESC LIMIT 1) e`;
  const versions = row?.approved ?? [];
  const plan = portalPrescriptions(
    versions.map((version) => ({ number: version.number, items: version.items.map((item) => ({ ...item, itemId: item.id })) })),
    new Set(row?.signedHashes ?? []),
  );
  return { plan, precautions: versions[0]?.precautions ?? '', surgeryDate: row ? new Date(row.surgeryDate) : null };
}
