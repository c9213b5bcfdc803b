// `npm run audit:verify`: walks the whole audit chain in id order and reports the first broken link.
// Exit code 0 when the chain is intact, 1 when it is not.
import { AUDIT_GENESIS_HASH, verifyAuditChain, type StoredAuditEvent } from '@/lib/domain/audit-chain';
import { db } from '@/lib/server/db';

const BATCH = 5_000;

async function main(): Promise<number> {
  let lastId: bigint | null = null;
  let previousHash = AUDIT_GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows: StoredAuditEvent[] = await db.auditEvent.findMany({
      where: lastId === null ? {} : { id: { gt: lastId } },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    if (rows.length === 0) break;
    const verdict = verifyAuditChain(rows, previousHash);
    if (!verdict.ok) {
      console.error(`Audit chain BROKEN at row ${verdict.brokenAtId}: ${verdict.reason} (${checked + verdict.checked} rows before it are intact).`);
      return 1;
    }
    checked += verdict.checked;
    const last = rows[rows.length - 1]!;
    lastId = BigInt(last.id);
    previousHash = last.hash;
  }
  console.log(`Audit chain intact: ${checked} rows checked.`);
  return 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
