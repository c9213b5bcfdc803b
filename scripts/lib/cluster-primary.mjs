// `npm start` with WEB_CONCURRENCY=N (N > 1): the primary process of Node's `cluster` (scripts/serve.mjs). It
// serves nothing itself and never loads Next.js: it forks N workers (each runs scripts/serve.mjs as a whole
// server and listens on the same port, which `cluster` shares), starts a worker again when one dies, and
// stops them all on SIGTERM or SIGINT.
import cluster from 'node:cluster';

const MAX_WORKERS = 64;
/** A worker that served this long before it died was healthy: its next restart starts the back-off afresh. */
export const HEALTHY_AFTER_MS = 60_000;
/** How long the workers get to finish their requests after SIGTERM/SIGINT before they are killed. */
const STOP_GRACE_MS = 10_000;

/** WEB_CONCURRENCY as a number of processes: unset or empty is 1 (one process, no primary). */
export function workerCount(raw) {
  if (raw === undefined || raw.trim() === '') return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS}, not "${raw}".`);
  }
  return count;
}

/**
 * How long to wait before starting a worker again after `failures` deaths in a row (1, 2, ...): 1 s, 2 s, 4 s,
 * ... up to 30 s, so a worker that dies at once (the database refusing every connection at start, a bad
 * deploy) does not spin the CPU, and one that died after a long healthy run comes back after a second.
 */
export function restartDelayMs(failures) {
  return Math.min(1_000 * 2 ** Math.max(0, failures - 1), 30_000);
}

function describeExit(code, signal) {
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}

/** Runs the primary: `workers` processes, kept at that number until a signal stops them. */
export function runPrimary({ workers, onReady }) {
  let isStopping = false;
  let hasBeenReady = false;
  /** Per slot (0..workers-1): deaths in a row, when its current worker started, a pending restart. */
  const slots = Array.from({ length: workers }, () => ({ failures: 0, startedAt: 0, restartTimer: undefined }));
  const slotOf = new Map();
  const listening = new Set();

  const fork = (slot) => {
    slots[slot].restartTimer = undefined;
    if (isStopping) return;
    slots[slot].startedAt = Date.now();
    const worker = cluster.fork();
    slotOf.set(worker.id, slot);
  };

  cluster.on('listening', (worker) => {
    listening.add(worker.id);
    if (!hasBeenReady && listening.size === workers) {
      hasBeenReady = true;
      onReady();
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const slot = slotOf.get(worker.id);
    slotOf.delete(worker.id);
    const hadListened = listening.delete(worker.id);
    if (isStopping || slot === undefined) return;
    // Before any worker ever served, a worker that cannot start is a setup problem (no build, the port taken,
    // a bad setting): trying again would only repeat the same error.
    if (!hasBeenReady && !hadListened) {
      console.error(`A worker process (pid ${worker.process.pid}) ${describeExit(code, signal)} before it could serve: stopping.`);
      stopAll('SIGTERM', 1);
      return;
    }
    const state = slots[slot];
    state.failures = Date.now() - state.startedAt >= HEALTHY_AFTER_MS ? 1 : state.failures + 1;
    const delay = restartDelayMs(state.failures);
    console.error(`Worker process ${worker.process.pid} ${describeExit(code, signal)}; starting another in ${Math.round(delay / 1_000)} s.`);
    state.restartTimer = setTimeout(() => fork(slot), delay);
  });

  function stopAll(signal, exitCode) {
    if (isStopping) return;
    isStopping = true;
    for (const state of slots) clearTimeout(state.restartTimer);
    const running = Object.values(cluster.workers ?? {}).filter(Boolean);
    // A worker may already have the signal (Ctrl-C reaches the whole process group); a second one is harmless.
    for (const worker of running) if (!worker.isDead()) worker.process.kill(signal);
    const deadline = Date.now() + STOP_GRACE_MS;
    const waitForWorkers = setInterval(() => {
      const alive = running.filter((worker) => !worker.isDead());
      if (alive.length > 0 && Date.now() < deadline) return;
      for (const worker of alive) worker.process.kill('SIGKILL');
      clearInterval(waitForWorkers);
      process.exit(exitCode);
    }, 100);
  }

  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal, 0));
  for (let slot = 0; slot < workers; slot += 1) fork(slot);
}
