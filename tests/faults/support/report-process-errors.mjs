// Loaded into the production server by the fault tests (`node --import`, tests/faults/support/next-server.ts).
// Next.js keeps the server running after an uncaught exception and prints only the error itself, which the
// tests could not tell apart from an error the app logs on purpose: this prints a line they can look for.
// `uncaughtExceptionMonitor` only watches: the process handles the error exactly as it would without it.
process.on('uncaughtExceptionMonitor', (error, origin) => {
  process.stderr.write(`[faults] ${origin}: ${error instanceof Error ? error.stack : String(error)}\n`);
});
