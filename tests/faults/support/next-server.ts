// The production server (`npm start`, scripts/serve.mjs) on an existing build (REGIMEN_DIST_DIR, default .next) on a free loopback port,
// plus a tiny cookie-keeping HTTP client that signs in through next-auth's credentials endpoint.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, onAbort, processStartTime, repoRoot, sleep, startWatchdog, waitFor, withTimeout } from './processes';

export type NextServer = {
  baseUrl: string;
  pid: number;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** True while the process started here is still running under its pid: it has not exited, crashed or been replaced. */
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

export async function startNextServer(env: Record<string, string>): Promise<NextServer> {
  const distDir = process.env.REGIMEN_DIST_DIR ?? '.next';
  if (!existsSync(path.join(repoRoot, distDir, 'BUILD_ID'))) {
    throw new Error(`No production build in ${distDir}/ (run \`next build\` first, with REGIMEN_DIST_DIR=${distDir} if it is not .next).`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', reportProcessErrors, 'scripts/serve.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXTAUTH_URL: baseUrl, REGIMEN_DIST_DIR: distDir, ...env },
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

  const server: NextServer = {
    baseUrl,
    pid,
    output: () => output,
    isSameProcess: () => !hasExited && startTime !== null && processStartTime(pid) === startTime,
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
      return response.status === 200 ? true : undefined;
    }, 500);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

export type Answer = { status: number; contentType: string; headers: Headers; body: string; location: string | null };

/** One browser-like visitor: keeps next-auth's cookies between requests. Loopback only. */
export class Visitor {
  private readonly cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly label: string,
  ) {}

  get isSignedIn(): boolean {
    return this.cookies.has('next-auth.session-token');
  }

  async request(pathname: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}, timeoutMs = 15_000): Promise<Answer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await withTimeout(
      fetch(`${this.baseUrl}${pathname}`, { method, body, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } }),
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
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', headers: response.headers, body: text, location: response.headers.get('location') };
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
    if (!this.isSignedIn) throw new Error(`Sign-in as ${email} failed: ${answer.status} ${answer.body.slice(0, 200)}`);
  }
}
