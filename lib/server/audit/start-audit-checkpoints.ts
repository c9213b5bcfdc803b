import 'server-only';
import { logger } from '../logger';
import { loadAuditSigningKey, publicKeyText, type AuditSigningKey } from './audit-signing-key';
import { exportAuditCheckpoints } from './export-audit-checkpoints';
import { listNewestAuditCheckpoints } from './list-newest-audit-checkpoints';
import { writeAuditCheckpoints } from './write-audit-checkpoints';

const DEFAULT_SECONDS = 600;

/**
 * Every app process signs a checkpoint of each audit chain every REGIMEN_AUDIT_CHECKPOINT_SECONDS (10 minutes by
 * default; 0 turns it off) when rows were appended to it since its newest one, and, with
 * REGIMEN_AUDIT_CHECKPOINT_EXPORT set, writes the newest of every chain to that file outside the database. Rows
 * appended since a chain's last checkpoint are vouched for by the hash chain alone, so this interval is how much
 * of a chain's tail a database administrator could cut off unseen. Started once per process (instrumentation.ts).
 */
export function startAuditCheckpoints(): void {
  const seconds = Number(process.env.REGIMEN_AUDIT_CHECKPOINT_SECONDS ?? DEFAULT_SECONDS);
  if (!Number.isFinite(seconds) || seconds <= 0) return;
  let key: AuditSigningKey | null;
  try {
    key = loadAuditSigningKey({ create: true });
  } catch (error) {
    // A key that cannot be read or made must not keep the app from serving: say so loudly instead.
    logger.error('audit checkpoints are off: no signing key', { error: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!key) return;
  logger.info('audit checkpoints', { every: seconds, publicKey: publicKeyText(key.publicKey), key: key.source });
  const signingKey = key;
  const exportFile = process.env.REGIMEN_AUDIT_CHECKPOINT_EXPORT;
  let isRunning = false;
  const tick = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      const { written } = await writeAuditCheckpoints({ key: signingKey });
      if (exportFile && written.length > 0) exportAuditCheckpoints(exportFile, { publicKey: publicKeyText(signingKey.publicKey), checkpoints: await listNewestAuditCheckpoints() });
    } catch (error) {
      // The database may be down (the app answers 503 meanwhile); the next tick tries again.
      logger.warn('audit checkpoint not written', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      isRunning = false;
    }
  };
  setInterval(() => void tick(), seconds * 1_000).unref();
}
