// Load with autocannon: a fixed number of keep-alive connections, each signed in as its own session,
// for a fixed time. Latency percentiles are computed here from every response (autocannon's own
// summary has no p95).
import { createRequire } from 'node:module';

let autocannon;

/** autocannon is a devDependency; required (not imported) so NODE_PATH can point at another copy. */
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

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * `cookies[i]` is connection i's session (they repeat when there are fewer sessions than connections).
 * Errors are every answer that is not 2xx (a redirect to /login is a lost session) plus socket errors
 * and timeouts.
 */
export function runLoad({ baseUrl, path, cookies, connections, seconds }) {
  const run = loadAutocannon();
  const latencies = [];
  let nextConnection = 0;
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
        });
      },
    );
    current = instance;
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  });
}
