// Next.js calls register() once when a server process starts (Node.js only; nothing runs at build time):
// - the mail queue (emails and the reminder round, lib/server/mail/mail-queue.ts) when SMTP_URL is set;
// - the audit trail's periodic signed checkpoints (lib/server/audit/start-audit-checkpoints.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startMailQueueWhenReachable } = await import('./lib/server/mail/start-when-reachable');
  startMailQueueWhenReachable();
  const { startAuditCheckpoints } = await import('./lib/server/audit/start-audit-checkpoints');
  startAuditCheckpoints();
}
