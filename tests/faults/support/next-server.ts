// The production server (`npm start`, scripts/serve.mjs) on an existing build (REGIMEN_DIST_DIR, default .next) on a free loopback port,
// plus a tiny cookie-keeping HTTP client that signs in through next-auth's credentials endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, onAbort, processStartTime, repoRoot, sleep, startWatchdog, waitFor, withTimeout } from './processes';

export type NextServer = {
  baseUrl: string;
  /** The process started here: the server itself, or with `workers` > 1 the cluster's primary. */
  pid: number;
  /** The processes that answer requests: the workers the primary had forked once it was ready, or the one server. */
  workerPids: number[];
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /**
   * True while the process started here is still running under its pid (it has not exited, crashed or been
   * replaced) and, in a cluster, so is every worker it had when it was ready, with no other worker started since
   * (a worker that died and was restarted counts as a crash).
   */
  isSameProcess(): boolean;
  /** How the process ended, for failure messages: null while it runs. */
  exitStatus(): string | null;
  /** Lines of the output reporting an uncaught exception or an unhandled rejection in the server. */
  processErrors(): string[];
  stop(): Promise<void>;
};

/**
 * What a process error looks like in the server's output: the line report-process-errors.mjs prints for
 * every uncaught exception (and an unhandled rejection Node raises as one), Next.js's own log line for an
 * unhandled rejection ("⨯ unhandledRejection: ..."; it keeps the process alive), and what Node prints when
 * one kills the process.
 */
const PROCESS_ERROR = /uncaughtException|unhandledRejection|Unhandled 'error' event|^Node\.js v\d/;

const reportProcessErrors = pathToFileURL(path.join(__dirname, 'report-process-errors.mjs')).href;

/** The children of a process right now (Linux: /proc/<pid>/task/<pid>/children). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number).sort((a, b) => a - b);
  } catch {
    return [];
  }
}

/**
 * `npm start` on a build. With `workers` > 1 it runs as a cluster (WEB_CONCURRENCY) and every answer carries the
 * pid of the worker that wrote it (REGIMEN_TEST_WORKER_HEADER, read into `Answer.worker`).
 */
export async function startNextServer(env: Record<string, string>, { workers = 1 }: { workers?: number } = {}): Promise<NextServer> {
  const distDir = process.env.REGIMEN_DIST_DIR ?? '.next';
  if (!existsSync(path.join(repoRoot, distDir, 'BUILD_ID'))) {
    throw new Error(`No production build in ${distDir}/ (run \`next build\` first, with REGIMEN_DIST_DIR=${distDir} if it is not .next).`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', reportProcessErrors, 'scripts/serve.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_URL: baseUrl,
      REGIMEN_DIST_DIR: distDir,
      // Every answer names the process that wrote it, one worker or several (tests only).
      WEB_CONCURRENCY: String(workers),
      REGIMEN_TEST_WORKER_HEADER: '1',
      ...env,
    },
    // Its own process group, so stopping it stops whatever it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (!pid) throw new Error('the production server did not start');
  const startTime = processStartTime(pid);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let hasExited = false;
  let exitStatus: string | null = null;
  child.on('exit', (code, signal) => {
    hasExited = true;
    exitStatus = signal ? `killed by ${signal}` : `exited with code ${code}`;
  });

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const unhook = onAbort(() => killGroup('SIGKILL'));
  startWatchdog({ processGroups: [pid] });

  /** Each worker and its start time, once the cluster is ready. */
  let workerStarts: Array<[number, number | null]> = [];
  const isSameWorkers = () => {
    if (workers === 1) return true;
    const now = childrenOf(pid);
    return now.length === workerStarts.length && workerStarts.every(([worker, started], index) => now[index] === worker && started !== null && processStartTime(worker) === started);
  };
  const server: NextServer = {
    baseUrl,
    pid,
    get workerPids() {
      return workers === 1 ? [pid] : workerStarts.map(([worker]) => worker);
    },
    output: () => output,
    isSameProcess: () => !hasExited && startTime !== null && processStartTime(pid) === startTime && isSameWorkers(),
    exitStatus: () => exitStatus,
    processErrors: () => output.split('\n').filter((line) => PROCESS_ERROR.test(line)),
    async stop() {
      unhook();
      if (hasExited) return;
      killGroup('SIGTERM');
      const deadline = Date.now() + 10_000;
      while (!hasExited && Date.now() < deadline) await sleep(100);
      if (!hasExited) killGroup('SIGKILL');
    },
  };
  try {
    await waitFor('the production server to answer', 90_000, async () => {
      if (hasExited) throw new Error(`the production server exited:\n${output}`);
      const response = await withTimeout(fetch(`${baseUrl}/login`, { redirect: 'manual' }), 10_000, 'GET /login');
      await response.arrayBuffer();
      // A cluster's primary says "Ready" once every worker listens; the first may answer before the others can.
      return response.status === 200 && output.includes('Ready on') ? true : undefined;
    }, 500);
    if (workers > 1) {
      const forked = childrenOf(pid);
      if (forked.length !== workers) throw new Error(`expected ${workers} worker processes, found ${forked.join(', ') || 'none'}:\n${output}`);
      workerStarts = forked.map((worker) => [worker, processStartTime(worker)]);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

export type Answer = {
  status: number;
  contentType: string;
  headers: Headers;
  body: string;
  location: string | null;
  /** The worker that answered, when the server names it (a cluster started by startNextServer). */
  worker: number | null;
};

/**
 * One browser-like visitor: keeps next-auth's cookies between requests. Loopback only. Every request goes on a
 * connection of its own (`Connection: close`): a cluster's primary hands out connections, not requests, to its
 * workers in turn, so consecutive requests reach different workers instead of the one a kept-alive connection
 * sticks to.
 */
export class Visitor {
  private readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly label: string,
  ) {}

  /** The worker that took the last sign-in form post, when the server names it. */
  lastSignInWorker: number | null = null;

  get isSignedIn(): boolean {
    return this.cookies.has('next-auth.session-token');
  }

  async request(pathname: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | FormData } = {}, timeoutMs = 15_000): Promise<Answer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await withTimeout(
      fetch(`${this.baseUrl}${pathname}`, { method, body, redirect: 'manual', headers: { connection: 'close', ...(cookie ? { cookie } : {}), ...headers } }),
      timeoutMs,
      `${method} ${pathname}`,
    );
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index < 0) continue;
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await withTimeout(response.text(), timeoutMs, `body of ${method} ${pathname}`);
    const worker = Number(response.headers.get('x-regimen-worker') ?? NaN);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', headers: response.headers, body: text, location: response.headers.get('location'), worker: Number.isInteger(worker) ? worker : null };
  }

  /** next-auth credentials sign-in: the CSRF token (and its cookie), then the form post. */
  async signIn(email: string, password: string): Promise<void> {
    const csrf = await this.request('/api/auth/csrf');
    if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${this.baseUrl}/`, json: 'true' });
    const answer = await this.request('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    this.lastSignInWorker = answer.worker;
    if (!this.isSignedIn) throw new Error(`Sign-in as ${email} failed: ${answer.status} ${answer.body.slice(0, 200)}`);
  }
}

/**
 * Sends the same request until every worker of `server` has answered it (a single server: once), and returns each
 * worker's answer. The primary hands new connections to the workers in turn, but only to a worker that has taken
 * the last one it was given: a worker busy for a moment (a render, a reconnect) is skipped, so on a busy machine
 * one worker can take many requests in a row. Hence a bound in time, not in tries: it gives up, saying which
 * workers never answered, after a minute of asking.
 */
export async function askEveryWorker(server: NextServer, send: () => Promise<Answer>, what: string): Promise<Map<number, Answer>> {
  const answers = new Map<number, Answer>();
  if (server.workerPids.length === 1) {
    answers.set(server.workerPids[0]!, await send());
    return answers;
  }
  const deadline = Date.now() + 60_000;
  let tries = 0;
  while (answers.size < server.workerPids.length && Date.now() < deadline) {
    tries += 1;
    const answer = await send();
    if (answer.worker === null) throw new Error(`${what}: the answer names no worker (status ${answer.status})`);
    if (!server.workerPids.includes(answer.worker)) throw new Error(`${what}: answered by ${answer.worker}, not one of the workers ${server.workerPids.join(', ')}`);
    if (answers.has(answer.worker)) {
      // A `send` of two requests (a redirect followed) on two workers would reach the same worker every time: one
      // request more in between moves the turn on, and a short pause lets a busy worker take its next connection.
      await (await fetch(`${server.baseUrl}/login`, { headers: { connection: 'close' }, redirect: 'manual' })).arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 100)));
    }
    answers.set(answer.worker, answer);
  }
  const silent = server.workerPids.filter((worker) => !answers.has(worker));
  if (silent.length > 0) throw new Error(`${what}: workers ${silent.join(', ')} never answered in ${tries} requests over a minute`);
  return answers;
}
