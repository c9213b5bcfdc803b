// Load with autocannon: a fixed number of keep-alive connections, each signed in as its own session,
// for a fixed time. Latency percentiles are computed here from every response (autocannon's own
// summary has no p95).
import { readFileSync } from 'node:fs';
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

/**
 * CPU time (user + system, ms) a process has used so far, from Linux's /proc; null elsewhere. Unlike
 * requests per second, CPU per request barely moves when other work shares the machine.
 */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * `cookies[i]` is connection i's session (they repeat when there are fewer sessions than connections).
 * Errors are every answer that is not 2xx (a redirect to /login is a lost session) plus socket errors
 * and timeouts.
 */
export function runLoad({ baseUrl, path, cookies, connections, seconds, serverPid }) {
  const run = loadAutocannon();
  const latencies = [];
  let nextConnection = 0;
  const cpuBefore = cpuMsOf(serverPid);
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
          const cookie = cookies[nextConnection++ % cookies.length];
          client.setHeaders({ accept: 'text/html', cookie });
        },
      },
      (error, result) => {
        current = null;
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const errors = result.non2xx + result.errors;
        const cpuAfter = cpuMsOf(serverPid);
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
