// Queries per request, measured: the server counts every SQL statement Prisma sends
// (REGIMEN_COUNT_QUERIES=1, lib/server/bench/query-counter.ts); the bench reads the count, sends N
// requests one after another, reads it again and divides. Nothing else may be running meanwhile.

import { getPage } from './http.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function readCount(baseUrl) {
  const response = await fetch(`${baseUrl}/api/health/query-count`);
  if (!response.ok) throw new Error(`GET /api/health/query-count answered ${response.status}: is REGIMEN_COUNT_QUERIES=1 set?`);
  const { queries } = await response.json();
  return queries;
}

/** Waits until requests still in flight after a load run (autocannon stops mid-request) have finished. */
export async function waitForQuiet(baseUrl, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let previous = await readCount(baseUrl);
  while (Date.now() < deadline) {
    await sleep(500);
    const count = await readCount(baseUrl);
    if (count === previous) return;
    previous = count;
  }
  throw new Error('The server kept sending queries with no request in flight.');
}

export async function queriesPerRequest(baseUrl, path, cookie, requests = 10) {
  // The first request also pays for anything done once (a session's once-a-minute lastSeenAt touch).
  await getPage(baseUrl, path, cookie);
  await waitForQuiet(baseUrl);
  const before = await readCount(baseUrl);
  for (let i = 0; i < requests; i += 1) await getPage(baseUrl, path, cookie);
  const after = await readCount(baseUrl);
  return (after - before) / requests;
}
