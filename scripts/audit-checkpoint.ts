// `npm run audit:checkpoint [-- --export <file>]`: signs a checkpoint of the audit trail now (when rows were
// appended since the newest one), and with --export writes the newest checkpoint to a file outside the database,
// for `npm run audit:verify -- --checkpoint <file>`. The app also writes one every REGIMEN_AUDIT_CHECKPOINT_SECONDS.
import { loadAuditSigningKey, publicKeyText } from '@/lib/server/audit/audit-signing-key';
import { exportAuditCheckpoint } from '@/lib/server/audit/export-audit-checkpoint';
import { writeAuditCheckpoint } from '@/lib/server/audit/write-audit-checkpoint';
import { db } from '@/lib/server/db';

function option(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<number> {
  const key = loadAuditSigningKey({ create: true });
  if (!key) throw new Error('No audit signing key.');
  console.log(`Audit signing key (Ed25519, public, base64 SPKI): ${publicKeyText(key.publicKey)} (from ${key.source})`);
  const { isNew, checkpoint } = await writeAuditCheckpoint({ key });
  if (!checkpoint) {
    console.log('The audit trail is empty: nothing to sign.');
    return 0;
  }
  console.log(`${isNew ? 'Signed' : 'No rows since'} checkpoint ${checkpoint.seq}: the trail up to row ${checkpoint.lastEventId}.`);
  const file = option('--export');
  if (file) {
    exportAuditCheckpoint(file, checkpoint);
    console.log(`Exported checkpoint ${checkpoint.seq} to ${file}.`);
  }
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
