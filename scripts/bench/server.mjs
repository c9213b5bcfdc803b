// Building and serving the app for the bench: a production build in its own folder, served by
// `npm start`'s server (scripts/serve.mjs) on a free loopback port.
import net from 'node:net';
import { bin } from '../lib/database.mjs';
import { runQuietly, startInBackground } from './processes.mjs';

// BENCH_DIST_DIR lets two bench runs in one tree keep separate builds.
export const BENCH_DIST_DIR = process.env.BENCH_DIST_DIR || '.next-bench';

/**
 * `next build` in two steps, compile then generate, which is the whole of a production build less its
 * type check. The check is `npm test`'s job; skipping it here means the build never rewrites the
 * tsconfig.json and next-env.d.ts everyone in this tree shares (a full build adds its build folder to
 * both), and never fails on someone else's unfinished test file.
 */
export async function buildForProduction(env) {
  const buildEnv = { ...env, REGIMEN_DIST_DIR: BENCH_DIST_DIR };
  await runQuietly(bin('next'), ['build', '--experimental-build-mode=compile'], { env: buildEnv });
  await runQuietly(bin('next'), ['build', '--experimental-build-mode=generate'], { env: buildEnv });
}

/** A port nothing listens on right now, on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(baseUrl, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`The server exited (${server.child.exitCode}):\n${server.outputTail()}`);
    try {
      const response = await fetch(`${baseUrl}/login`, { redirect: 'manual' });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer within ${timeoutMs / 1000} s:\n${server.outputTail()}`);
}

/**
 * Serves the bench build on 127.0.0.1 only; resolves once /login answers. `processes` is passed to
 * `npm start` as WEB_CONCURRENCY; `nodeArgs` go before the script (a CPU profile: --cpu-prof).
 */
export async function startServer({ env, port, processes = 1, nodeArgs = [] }) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startInBackground(process.execPath, [...nodeArgs, 'scripts/serve.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...env, REGIMEN_DIST_DIR: BENCH_DIST_DIR, NEXTAUTH_URL: baseUrl, WEB_CONCURRENCY: String(processes) },
  });
  await waitUntilServing(baseUrl, server, 60_000);
  return { baseUrl, server };
}
