// `npm run audit:checkpoint [-- --export <file>]`: signs a checkpoint of every audit chain whose head moved since
// its newest one, and with --export writes the newest checkpoint of every chain to a file outside the database,
// for `npm run audit:verify -- --checkpoint <file>`. The app also does so every REGIMEN_AUDIT_CHECKPOINT_SECONDS.
import { auditChainLabel } from '@/lib/domain/audit-chain';
import { loadAuditSigningKey, publicKeyText } from '@/lib/server/audit/audit-signing-key';
import { exportAuditCheckpoints } from '@/lib/server/audit/export-audit-checkpoints';
import { listNewestAuditCheckpoints } from '@/lib/server/audit/list-newest-audit-checkpoints';
import { writeAuditCheckpoints } from '@/lib/server/audit/write-audit-checkpoints';
import { db } from '@/lib/server/db';

function option(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<number> {
  const key = loadAuditSigningKey({ create: true });
  if (!key) throw new Error('No audit signing key.');
  const publicKey = publicKeyText(key.publicKey);
  console.log(`Audit signing key (Ed25519, public, base64 SPKI): ${publicKey} (from ${key.source})`);
  const { written } = await writeAuditCheckpoints({ key });
  if (written.length === 0) console.log('No chain has rows since its newest checkpoint: nothing to sign.');
  const clinics = await db.clinic.findMany({ where: { id: { in: written.flatMap((checkpoint) => (checkpoint.chain ? [checkpoint.chain] : [])) } }, select: { id: true, name: true } });
  const clinicName = new Map(clinics.map((clinic) => [clinic.id, clinic.name]));
  for (const checkpoint of written) {
    console.log(`Signed checkpoint ${checkpoint.seq} of ${auditChainLabel(checkpoint.chain, checkpoint.chain ? (clinicName.get(checkpoint.chain) ?? null) : null)}: up to row ${checkpoint.lastEventId}.`);
  }
  const file = option('--export');
  if (file) {
    const newest = await listNewestAuditCheckpoints();
    exportAuditCheckpoints(file, { publicKey, checkpoints: newest });
    console.log(`Exported the newest checkpoint of ${newest.length} chain${newest.length === 1 ? '' : 's'} to ${file}.`);
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
