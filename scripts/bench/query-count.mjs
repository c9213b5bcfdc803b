// Queries per request, measured: the server counts every SQL statement Prisma sends
// (REGIMEN_COUNT_QUERIES=1, lib/server/bench/query-counter.ts); the bench reads the count, sends N
// requests one after another, reads it again and divides. Nothing else may be running meanwhile.

import { getPage } from './http.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function readCounter(baseUrl, statements) {
  let response = await fetch(`${baseUrl}/api/health/query-count${statements ? `?statements=${statements}` : ''}`);
  // A 503 is the app's database health check timing out on an overloaded machine: it clears within seconds.
  for (let attempt = 0; response.status === 503 && attempt < 20; attempt += 1) {
    await sleep(500);
    response = await fetch(`${baseUrl}/api/health/query-count${statements ? `?statements=${statements}` : ''}`);
  }
  if (!response.ok) throw new Error(`GET /api/health/query-count answered ${response.status}: is REGIMEN_COUNT_QUERIES=1 set?`);
  return response.json();
}

async function readCount(baseUrl) {
  return (await readCounter(baseUrl)).queries;
}

/**
 * Waits until requests still in flight after a load run (autocannon stops mid-request) have finished,
 * i.e. the count stops moving. False if it never settled (the next numbers would be polluted).
 */
export async function waitForQuiet(baseUrl, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let previous = await readCount(baseUrl);
  while (Date.now() < deadline) {
    await sleep(500);
    const count = await readCount(baseUrl);
    if (count === previous) return true;
    previous = count;
  }
  return false;
}

/**
 * SQL statements per request, and the median time of those requests: a single user's latency with no
 * other load from the bench, which tells a slow page from a busy machine. With `capture`, also every
 * statement those requests sent (text, parameters, time), for the plan of the slowest.
 */
export async function queriesPerRequest(baseUrl, path, cookie, requests = 10, { capture = false } = {}) {
  // The first request also pays for anything done once (a session's once-a-minute lastSeenAt touch).
  await getPage(baseUrl, path, cookie);
  if (!(await waitForQuiet(baseUrl))) throw new Error('The server kept sending queries with no request in flight; cannot count.');
  const before = (await readCounter(baseUrl, capture ? 'start' : undefined)).queries;
  const times = [];
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    await getPage(baseUrl, path, cookie);
    times.push(performance.now() - started);
  }
  const { queries: after, statements = [] } = await readCounter(baseUrl, capture ? 'take' : undefined);
  times.sort((a, b) => a - b);
  return { queries: (after - before) / requests, medianMs: times[Math.floor(times.length / 2)], statements };
}
