// Runs once when a server process starts (Next.js instrumentation): the audit trail's periodic signed
// checkpoints (lib/server/audit/start-audit-checkpoints.ts). Node.js only; nothing runs at build time.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startAuditCheckpoints } = await import('./lib/server/audit/start-audit-checkpoints');
  startAuditCheckpoints();
}
