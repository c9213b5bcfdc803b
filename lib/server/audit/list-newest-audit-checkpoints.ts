import 'server-only';
import { db } from '../db';
import type { StoredCheckpoint } from './write-audit-checkpoints';

/**
 * The newest checkpoint of every chain (and the single chain's last one, from before the cut-over): what is
 * exported outside the database, so that removing a chain's newest checkpoints, or a whole chain, shows.
 */
export async function listNewestAuditCheckpoints(): Promise<StoredCheckpoint[]> {
  const [single, chains] = await Promise.all([
    db.auditCheckpoint.findFirst({ orderBy: { seq: 'desc' } }),
    db.$queryRaw<Array<Omit<StoredCheckpoint, 'chain'> & { chain: string }>>`
      WITH RECURSIVE "chains"("chain") AS (
        (SELECT "chain" FROM "AuditChainCheckpoint" ORDER BY "chain" LIMIT 1)
        UNION ALL
        SELECT (SELECT k."chain" FROM "AuditChainCheckpoint" k WHERE k."chain" > c."chain" ORDER BY k."chain" LIMIT 1) FROM "chains" c WHERE c."chain" IS NOT NULL
      )
      SELECT newest.* FROM "chains" c
      CROSS JOIN LATERAL (SELECT * FROM "AuditChainCheckpoint" WHERE "chain" = c."chain" ORDER BY "seq" DESC LIMIT 1) newest
      WHERE c."chain" IS NOT NULL`,
  ]);
  return [...(single ? [{ ...single, chain: null }] : []), ...chains];
}
