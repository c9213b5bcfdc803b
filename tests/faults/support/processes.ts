// Small process helpers for the fault-injection tests: free ports, bounded waits, commands with a time
// limit, and a detached watchdog that cleans up if the test process dies without doing it itself.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
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
