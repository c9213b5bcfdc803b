// Building and serving the app for the bench: a production build in its own folder, served by
// `next start` on a free loopback port.
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bin, root } from '../lib/database.mjs';
import { runQuietly, startInBackground } from './processes.mjs';

export const BENCH_DIST_DIR = '.next-bench';

// `next build` rewrites these for its build folder: it adds `.next-bench/types/**` to tsconfig.json's
// "include" and points next-env.d.ts at `.next-bench/types`. Both are shared with everyone working in
// this tree, so the bench puts them back exactly as they were (see restoreBuildSideEffects).
const FILES_NEXT_REWRITES = ['tsconfig.json', 'next-env.d.ts'];

export function snapshotBuildSideEffects() {
  return FILES_NEXT_REWRITES.map((file) => {
    const fullPath = path.join(root, file);
    try {
      return { file, fullPath, before: readFileSync(fullPath, 'utf8') };
    } catch {
      return { file, fullPath, before: null };
    }
  });
}

/** Only the lines Next adds are undone: if anything else changed meanwhile, the file is left alone. */
function isOnlyNextsIncludes(before, after) {
  try {
    const original = JSON.parse(before);
    const rewritten = JSON.parse(after);
    const added = (rewritten.include ?? []).filter((entry) => !(original.include ?? []).includes(entry));
    const withoutAdded = { ...rewritten, include: (rewritten.include ?? []).filter((entry) => !added.includes(entry)) };
    return added.every((entry) => entry.startsWith(`${BENCH_DIST_DIR}/`)) && JSON.stringify(withoutAdded) === JSON.stringify(original);
  } catch {
    return false;
  }
}

export function restoreBuildSideEffects(snapshots) {
  for (const { file, fullPath, before } of snapshots) {
    if (before === null) continue;
    let after;
    try {
      after = readFileSync(fullPath, 'utf8');
    } catch {
      after = null;
    }
    if (after === before) continue;
    if (file === 'tsconfig.json' && (after === null || !isOnlyNextsIncludes(before, after))) {
      console.warn(`Note: ${file} changed during the build in a way the bench did not expect; left as it is.`);
      continue;
    }
    writeFileSync(fullPath, before);
  }
}

export async function buildForProduction(env) {
  const snapshots = snapshotBuildSideEffects();
  try {
    await runQuietly(bin('next'), ['build'], { env: { ...env, REGIMEN_DIST_DIR: BENCH_DIST_DIR } });
  } finally {
    restoreBuildSideEffects(snapshots);
  }
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
    if (server.child.exitCode !== null) throw new Error(`next start exited (${server.child.exitCode}):\n${server.outputTail()}`);
    try {
      const response = await fetch(`${baseUrl}/login`, { redirect: 'manual' });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer within ${timeoutMs / 1000} s:\n${server.outputTail()}`);
}

/** Serves the bench build on 127.0.0.1 only; resolves once /login answers. */
export async function startServer({ env, port }) {
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startInBackground(bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...env, REGIMEN_DIST_DIR: BENCH_DIST_DIR, NEXTAUTH_URL: baseUrl },
  });
  await waitUntilServing(baseUrl, server, 60_000);
  return { baseUrl, server };
}
