// Small process helpers for the fault-injection tests: free ports, bounded waits, commands with a time
// limit, and a detached watchdog that cleans up if the test process dies without doing it itself.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

/** The kernel's ephemeral port range: where `listen(0)` and every outgoing connection take their port from. */
function ephemeralPortRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux: the IANA range
  }
  return [49_152, 65_535];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const LOWEST_PORT = 10_000;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, below the kernel's ephemeral range. A port
 * from that range (what `listen(0)` gives) is also the source port of outgoing connections, this
 * process's own database and HTTP clients included. While PostgreSQL is down between a kill and its
 * restart on the same port, the app keeps reconnecting to it: a reconnect that draws the server's own port
 * as its source port connects to itself (TCP simultaneous open) and waits for a server that is not there,
 * and one that holds the port when PostgreSQL restarts makes the restart fail to bind. The same goes for
 * the moment between this check and the server binding the port. Below the range the kernel never hands
 * a port out by itself.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralPortRange();
  const span = ephemeralLow - LOWEST_PORT;
  if (span < 1_000) throw new Error(`The ephemeral port range starts at ${ephemeralLow}: no room below it for the test servers' ports.`);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = LOWEST_PORT + Math.floor(Math.random() * span);
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port between ${LOWEST_PORT} and ${ephemeralLow} after 200 tries.`);
}

/**
 * When the process started (clock ticks since boot, /proc/<pid>/stat field 22), or null once it is gone
 * or a zombie. A pid the kernel gave to a new process after the old one died has another start time.
 */
export function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return null;
    const startTime = Number(fields[19]);
    return Number.isFinite(startTime) ? startTime : null;
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Resolves or rejects like `promise`, or rejects with a TimeoutError after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` until it returns a value other than undefined, or throws after `ms`. */
export async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined>, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${ms} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

export type CommandResult = { stdout: string; stderr: string };

/** Runs a command to completion with a time limit; rejects with its output when it fails. */
export function runCommand(command: string, args: string[], { env = process.env, timeoutMs = 120_000, cwd = repoRoot }: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${path.basename(command)} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`.trim()));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

export type WatchdogSpec = {
  processGroups?: number[];
  postgres?: { pgCtl: string; dataDir: string; asPostgres: boolean };
  removeDir?: string;
};

/**
 * Starts scripts/faults/watchdog.mjs detached: if this process dies without cleaning up, it stops the
 * given process groups and PostgreSQL and removes the folder. It exits by itself once they are gone.
 */
export function startWatchdog(spec: WatchdogSpec): void {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'faults', 'watchdog.mjs'), JSON.stringify({ parentPid: process.pid, ...spec })], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
}

const exitHooks = new Set<() => void>();
let areSignalsHooked = false;

/**
 * Registers a synchronous cleanup for Ctrl-C, SIGTERM and process exit (afterAll is the normal path).
 * Returns a function that unregisters it.
 */
export function onAbort(cleanup: () => void): () => void {
  exitHooks.add(cleanup);
  if (!areSignalsHooked) {
    areSignalsHooked = true;
    const runAll = () => {
      for (const hook of [...exitHooks]) {
        try {
          hook();
        } catch {
          // best effort
        }
      }
      exitHooks.clear();
    };
    process.once('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        runAll();
        process.exit(130);
      });
    }
  }
  return () => exitHooks.delete(cleanup);
}
