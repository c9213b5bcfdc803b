// Next.js calls register() once when a server process starts. Regimen starts its mail queue here (emails
// and the reminder round, lib/server/mail/mail-queue.ts) when SMTP_URL is set; without it nothing starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startMailQueueWhenReachable } = await import('./lib/server/mail/start-when-reachable');
  startMailQueueWhenReachable();
}
