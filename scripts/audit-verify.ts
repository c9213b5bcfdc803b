// `npm run audit:verify [-- --checkpoint <exported file>] [-- --public-key <key or file>] [-- --clinic <id>]`:
// walks every chain of the audit trail (each clinic's, the no-clinic chain, and the single chain from before the
// cut-over) and checks each chain's signed checkpoints (lib/server/audit/verify-audit-trail.ts) with the public
// half of the signing key, which it prints. An exported file, kept outside the database, also shows checkpoints
// removed from it. `--clinic` (repeatable; "no-clinic" for rows with no clinic) checks only those chains. Exit
// code 0 when everything holds, 1 when not, naming for each chain the clinic and the first row it can no longer
// vouch for.
import type { KeyObject } from 'node:crypto';
import { auditChainLabel, NO_CLINIC_CHAIN } from '@/lib/domain/audit-chain';
import { loadAuditSigningKey, publicKeyFrom, publicKeyText } from '@/lib/server/audit/audit-signing-key';
import { readAuditCheckpointExport } from '@/lib/server/audit/read-audit-checkpoint-export';
import { verifyAuditTrail, type ChainReport } from '@/lib/server/audit/verify-audit-trail';
import { db } from '@/lib/server/db';

function option(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

function options(flag: string): string[] {
  return process.argv.flatMap((value, index) => (value === flag && process.argv[index + 1] !== undefined ? [process.argv[index + 1]!] : []));
}

const chainLabel = (verdict: Pick<ChainReport, 'chain' | 'clinicName'>) => auditChainLabel(verdict.chain, verdict.clinicName);

function checkpointSummary(verdict: ChainReport, exportFile: string | undefined, exportedChains: ReadonlySet<string | null>): string {
  if (!verdict.checkpoints) return '';
  const vouched = verdict.checkpoints.vouchedBy;
  const fromExport = exportFile && exportedChains.has(verdict.chain) ? ` (one from ${exportFile})` : '';
  return (
    `; checkpoints: ${verdict.checkpoints.checked} checked${fromExport}, ` +
    (vouched ? `the newest that holds is ${vouched.seq}, up to row ${vouched.lastEventId}; ${verdict.rowsAfterCheckpoint} rows after it` : `none holds yet; ${verdict.rowsAfterCheckpoint} rows are not covered by one`)
  );
}

async function main(): Promise<number> {
  const exportFile = option('--checkpoint');
  const exported = exportFile ? readAuditCheckpointExport(exportFile) : null;
  const given = option('--public-key');
  let publicKey: KeyObject | null = null;
  let keySource = '';
  if (given) {
    publicKey = publicKeyFrom(given);
    keySource = '--public-key';
  } else {
    const configured = loadAuditSigningKey();
    if (configured) [publicKey, keySource] = [configured.publicKey, configured.source];
    else if (exported) [publicKey, keySource] = [publicKeyFrom(exported.publicKey), `the exported checkpoints ${exportFile}`];
  }
  if (publicKey) console.log(`Audit signing key (Ed25519, public, base64 SPKI): ${publicKeyText(publicKey)} (from ${keySource})`);
  else console.log('No audit signing key is configured and none was given (--public-key): checkpoints are not checked.');

  const clinics = options('--clinic');
  const verdict = await verifyAuditTrail({ publicKey, exported: exported?.checkpoints ?? [], ...(clinics.length > 0 ? { chains: clinics } : {}) });
  const exportedChains = new Set(exported?.checkpoints.map((checkpoint) => checkpoint.chain));
  const clinicCount = verdict.chains.filter((chain) => chain.chain !== null && chain.chain !== NO_CLINIC_CHAIN).length;
  const hasNoClinic = verdict.chains.some((chain) => chain.chain === NO_CLINIC_CHAIN);
  const hasSingle = verdict.chains.some((chain) => chain.chain === null);
  console.log(
    `Chains: ${clinicCount} clinic${clinicCount === 1 ? '' : 's'}${hasNoClinic ? ' and rows with no clinic' : ''}${hasSingle ? ', and the single chain from before the cut-over' : ''}` +
      (verdict.cutover ? `; per-clinic chains since ${verdict.cutover.at.toISOString()}, the single chain ending ${verdict.cutover.lastLegacyEventId === null ? 'empty' : `at row ${verdict.cutover.lastLegacyEventId}`}.` : '.'),
  );
  for (const chain of verdict.chains) {
    const links = chain.links.ok ? `hash chain intact, ${chain.rowsChecked} rows` : `hash chain BROKEN after ${chain.rowsChecked} intact rows`;
    console.log(`${chainLabel(chain)}: ${links}${checkpointSummary(chain, exportFile, exportedChains)}.`);
  }
  for (const problem of verdict.problems) console.error(`PROBLEM: ${problem}`);
  for (const chain of verdict.chains) for (const problem of chain.problems) console.error(`PROBLEM: ${chainLabel(chain)}: ${problem}`);
  if (verdict.ok) {
    console.log('Audit trail intact.');
    return 0;
  }
  const broken = verdict.chains.filter((chain) => !chain.ok);
  console.error(`Audit trail NOT intact: ${broken.length} of ${verdict.chains.length} chains.`);
  for (const chain of broken) {
    console.error(
      chain.firstUnvouchedId
        ? `${chainLabel(chain)}: the first row it can no longer vouch for is row ${chain.firstUnvouchedId}${chain.vouchedThroughId && BigInt(chain.vouchedThroughId) < BigInt(chain.firstUnvouchedId) ? ` (rows up to ${chain.vouchedThroughId} are as signed)` : ''}.`
        : `${chainLabel(chain)}: rows after ${chain.vouchedThroughId ?? 'the start'} are missing.`,
    );
  }
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
