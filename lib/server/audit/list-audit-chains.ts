import 'server-only';
import { db } from '../db';

/**
 * The name of every per-clinic chain (clinic ids, and "no-clinic"): those with rows, and those with checkpoints
 * (whose rows may have been removed). Read by skipping along the indexes on ("chain", "id") and ("chain", "seq"),
 * one probe per chain, so the cost grows with the number of clinics, not of rows.
 */
export async function listAuditChains(): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ chain: string }>>`
    WITH RECURSIVE
      "withRows"("chain") AS (
        (SELECT "chain" FROM "AuditEvent" WHERE "chain" IS NOT NULL ORDER BY "chain" LIMIT 1)
        UNION ALL
        SELECT (SELECT e."chain" FROM "AuditEvent" e WHERE e."chain" > w."chain" ORDER BY e."chain" LIMIT 1) FROM "withRows" w WHERE w."chain" IS NOT NULL
      ),
      "withCheckpoints"("chain") AS (
        (SELECT "chain" FROM "AuditChainCheckpoint" ORDER BY "chain" LIMIT 1)
        UNION ALL
        SELECT (SELECT c."chain" FROM "AuditChainCheckpoint" c WHERE c."chain" > w."chain" ORDER BY c."chain" LIMIT 1) FROM "withCheckpoints" w WHERE w."chain" IS NOT NULL
      )
    SELECT "chain" FROM "withRows" WHERE "chain" IS NOT NULL
    UNION
    SELECT "chain" FROM "withCheckpoints" WHERE "chain" IS NOT NULL
    ORDER BY "chain"`;
  return rows.map((row) => row.chain);
}
