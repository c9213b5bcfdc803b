// `npm run audit:verify [-- --checkpoint <exported file>] [-- --public-key <key or file>]`: walks the audit
// trail's hash chain and checks its signed checkpoints (lib/server/audit/verify-audit-trail.ts) with the public
// half of the signing key, which it prints. An exported checkpoint, kept outside the database, also shows
// checkpoints removed from it. Exit code 0 when everything holds, 1 when not, naming the first row it can no
// longer vouch for.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { SignedCheckpoint } from '@/lib/domain/audit-checkpoint';
import { loadAuditSigningKey, publicKeyFrom, publicKeyText } from '@/lib/server/audit/audit-signing-key';
import { EXPORT_FORMAT, type ExportedCheckpoint } from '@/lib/server/audit/export-audit-checkpoint';
import { verifyAuditTrail } from '@/lib/server/audit/verify-audit-trail';
import { db } from '@/lib/server/db';

function option(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

function readExport(file: string): ExportedCheckpoint {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ExportedCheckpoint>;
  if (parsed.format !== EXPORT_FORMAT || typeof parsed.seq !== 'number' || typeof parsed.statement !== 'string' || typeof parsed.signature !== 'string' || typeof parsed.publicKey !== 'string') {
    throw new Error(`${file} is not an exported audit checkpoint (${EXPORT_FORMAT}).`);
  }
  return parsed as ExportedCheckpoint;
}

async function main(): Promise<number> {
  const exportFile = option('--checkpoint');
  const exported = exportFile ? readExport(exportFile) : null;
  const given = option('--public-key');
  let publicKey: KeyObject | null = null;
  let keySource = '';
  if (given) {
    publicKey = publicKeyFrom(given);
    keySource = '--public-key';
  } else {
    const configured = loadAuditSigningKey();
    if (configured) [publicKey, keySource] = [configured.publicKey, configured.source];
    else if (exported) [publicKey, keySource] = [publicKeyFrom(exported.publicKey), `the exported checkpoint ${exportFile}`];
  }
  if (publicKey) console.log(`Audit signing key (Ed25519, public, base64 SPKI): ${publicKeyText(publicKey)} (from ${keySource})`);
  else console.log('No audit signing key is configured and none was given (--public-key): checkpoints are not checked.');

  const checkpoint: SignedCheckpoint | null = exported ? { seq: exported.seq, statement: exported.statement, signature: exported.signature } : null;
  const verdict = await verifyAuditTrail({ publicKey, exported: checkpoint });
  console.log(verdict.chain.ok ? `Hash chain: intact, ${verdict.rowsChecked} rows.` : `Hash chain: BROKEN after ${verdict.rowsChecked} intact rows.`);
  if (verdict.checkpoints) {
    const vouched = verdict.checkpoints.vouchedBy;
    console.log(
      `Checkpoints: ${verdict.checkpoints.checked} checked${exported ? ` (one from ${exportFile})` : ''}; ` +
        (vouched ? `the newest that holds is ${vouched.seq}, up to row ${vouched.lastEventId}; ${verdict.rowsAfterCheckpoint} rows after it.` : `none holds yet; ${verdict.rowsAfterCheckpoint} rows are not covered by one.`),
    );
  }
  for (const problem of verdict.problems) console.error(`PROBLEM: ${problem}`);
  if (verdict.ok) {
    console.log('Audit trail intact.');
    return 0;
  }
  console.error(
    verdict.firstUnvouchedId
      ? `Audit trail NOT intact: the first row it can no longer vouch for is row ${verdict.firstUnvouchedId}${verdict.vouchedThroughId ? ` (rows up to ${verdict.vouchedThroughId} are as signed)` : ''}.`
      : `Audit trail NOT intact: rows after ${verdict.vouchedThroughId ?? 'the start'} are missing.`,
  );
  return 1;
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
