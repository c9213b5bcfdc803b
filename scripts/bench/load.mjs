// Load with autocannon: a fixed number of keep-alive connections, each signed in as its own session,
// for a fixed time. Latency percentiles are computed here from every response (autocannon's own
// summary has no p95).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let autocannon;

/** Loaded on first use, so that a missing devDependency gets a clear message rather than an import error. */
export function loadAutocannon() {
  if (autocannon) return autocannon;
  try {
    autocannon = createRequire(import.meta.url)('autocannon');
    return autocannon;
  } catch {
    throw new Error('The bench needs autocannon 9.0.0 (a devDependency): run `npm install`.');
  }
}

let current = null;

/** Stops a run in progress (Ctrl-C); its promise then resolves with what was measured so far. */
export function stopLoad() {
  current?.stop();
}

function statFields(pid) {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/**
 * CPU time (user + system, ms) used so far by every process of the server's process group (the server
 * leads one: scripts/bench/processes.mjs), so that worker processes count too; from Linux's /proc, null
 * elsewhere. Unlike requests per second, CPU per request barely moves when other work shares the machine.
 */
export function cpuMsOfGroup(groupId) {
  try {
    let total = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const fields = statFields(entry);
        // pgrp is field 5 of stat; utime and stime fields 14 and 15, in clock ticks (100 a second on Linux).
        if (Number(fields[2]) === groupId) total += (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // The process ended while we looked.
      }
    }
    return total;
  } catch {
    return null;
  }
}

/** How many processes the server's group runs (1 for one app process; more with workers). */
export function processCountOfGroup(groupId) {
  try {
    return readdirSync('/proc').filter((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      try {
        return Number(statFields(entry)[2]) === groupId;
      } catch {
        return false;
      }
    }).length;
  } catch {
    return null;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * `cookies[i]` is connection i's session (they repeat when there are fewer sessions than connections);
 * `paths[i]`, when given, the page connection i asks for (each therapist opens their own patient).
 * Errors are every answer that is not 2xx (a redirect to /login is a lost session) plus socket errors
 * and timeouts.
 */
export function runLoad({ baseUrl, path, paths, cookies, connections, seconds, serverPid }) {
  const run = loadAutocannon();
  const latencies = [];
  let nextConnection = 0;
  const cpuBefore = cpuMsOfGroup(serverPid);
  return new Promise((resolve, reject) => {
    const instance = run(
      {
        url: `${baseUrl}${path}`,
        connections,
        duration: seconds,
        // A request still unanswered after 10 s counts as an error (a timeout).
        timeout: 10,
        headers: { accept: 'text/html' },
        setupClient(client) {
          const index = nextConnection++;
          const cookie = cookies[index % cookies.length];
          // setRequests, not setRequest: the latter changes only the request in flight, and every later request on
          // the connection went back to the default (the first path, no cookie: a redirect to /login).
          if (paths) client.setRequests([{ method: 'GET', path: paths[index % paths.length], headers: { accept: 'text/html', cookie } }]);
          else client.setHeaders({ accept: 'text/html', cookie });
        },
      },
      (error, result) => {
        current = null;
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const errors = result.non2xx + result.errors;
        const cpuAfter = cpuMsOfGroup(serverPid);
        const answered = result.requests.total;
        const hasCpu = cpuBefore !== null && cpuAfter !== null && answered > 0;
        resolve({
          requests: result.requests.total,
          seconds: result.duration,
          requestsPerSecond: result.requests.total / result.duration,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          errors,
          non2xx: result.non2xx,
          socketErrors: result.errors,
          timeouts: result.timeouts,
          bytesPerResponse: answered > 0 ? result.throughput.total / answered : null,
          // Includes work the server did for requests that timed out: under overload it keeps rendering them.
          serverCpuMsPerRequest: hasCpu ? (cpuAfter - cpuBefore) / answered : null,
        });
      },
    );
    current = instance;
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  });
}
