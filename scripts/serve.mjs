// `npm start`: serves the production build (`next build`) like `next start`, with one difference: the
// X-Forwarded-For header the app reads is replaced by the address this server worked out itself
// (scripts/lib/client-address.mjs), so a client cannot choose the address that goes into the audit trail
// or the sign-in throttle. Behind a reverse proxy, set REGIMEN_TRUSTED_PROXY_HOPS to the number of proxies.
//
//   node scripts/serve.mjs [-p PORT] [-H HOST]     (defaults: PORT or 3000, all interfaces)
//
// More than one process: WEB_CONCURRENCY=N (N > 1) starts a primary that forks N workers with Node's `cluster`;
// they share the one listening port (the primary accepts connections and hands them to the workers in turn),
// each worker is a whole server (Next.js, the request checks below, its own database pool). We chose `cluster`
// over one process per port behind a proxy because it needs nothing in front (`npm start` stays one command on
// one port, and a deployment's own load balancer or reverse proxy still sees one upstream), and the primary
// restarts a worker that dies. Nothing the app must share lives in a worker's memory (README, "Running more
// than one process"), so any worker can answer any request. Unset or 1: one process, no primary, as before.
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { clientAddress, trustedProxyHops } from './lib/client-address.mjs';
import { runPrimary, workerCount } from './lib/cluster-primary.mjs';
import { root } from './lib/database.mjs';
import { BODY_LIMIT_BYTES, bodyProblem, mustReadBody, targetProblem } from './lib/request-checks.mjs';
import { contentSecurityPolicy, plainErrorPage, securityHeaders } from './lib/security-headers.mjs';

process.env.NODE_ENV = 'production';

function option(flag, fallback) {
  const index = process.argv.indexOf(flag);
  return index === -1 ? fallback : process.argv[index + 1];
}

const port = Number(option('-p', process.env.PORT ?? '3000'));
const hostname = option('-H', undefined);
const trustedHops = trustedProxyHops(process.env.REGIMEN_TRUSTED_PROXY_HOPS);

const workers = workerCount(process.env.WEB_CONCURRENCY);
// Tests only (tests/faults): every answer names the process that wrote it, so a test can show that each worker
// answered. Off unless set: a deployment has no use for its process ids in every answer.
const namesWorker = process.env.REGIMEN_TEST_WORKER_HEADER === '1';
/** Set once Next.js is ready (startServer). */
let handle;

/** A 400, 403 or 413 with the plain page and every security header proxy.ts gives Next.js's answers. */
function answerPlainly(response, status) {
  const csp = contentSecurityPolicy(Buffer.from(randomUUID()).toString('base64'), { isProduction: true });
  for (const [name, value] of securityHeaders({ csp, isProduction: true })) response.setHeader(name, value);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.writeHead(status);
  response.end(plainErrorPage(status));
}

/**
 * Reads a body of at most BODY_LIMIT_BYTES. Past the limit it keeps reading and throws the rest away (so the client
 * hears the 413 instead of a reset connection), up to a point where it simply hangs up.
 */
function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
      else if (size > 16 * BODY_LIMIT_BYTES) request.destroy();
    });
    request.on('end', () => resolve(size > BODY_LIMIT_BYTES ? null : Buffer.concat(chunks)));
    request.on('error', reject);
    request.on('close', () => reject(new Error('request closed')));
  });
}

/** The request as Next.js expects it, with the body already read pushed back in. */
function withBody(request, body) {
  const copy = new http.IncomingMessage(request.socket);
  copy.method = request.method;
  copy.url = request.url;
  copy.httpVersion = request.httpVersion;
  copy.httpVersionMajor = request.httpVersionMajor;
  copy.httpVersionMinor = request.httpVersionMinor;
  copy.headers = request.headers;
  copy.rawHeaders = request.rawHeaders;
  // Read to the end already: without this, Node takes the end of the copy for an aborted request and closes the socket.
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

async function serve(request, response) {
  if (namesWorker) response.setHeader('X-Regimen-Worker', String(process.pid));
  const address = clientAddress({ forwardedFor: request.headers['x-forwarded-for'], peerAddress: request.socket.remoteAddress, trustedHops });
  // Next.js fills X-Forwarded-For from the socket only when it is absent, so it is always set here: to the
  // address, or empty when there is none to believe (the app then records no address).
  request.headers['x-forwarded-for'] = address ?? '';
  // Requests Next.js cannot read (it would answer a bare 500, without the security headers for a bad path):
  // refused here with the status they deserve (scripts/lib/request-checks.mjs).
  const badTarget = targetProblem(request.url);
  if (badTarget) return answerPlainly(response, badTarget);
  if (!mustReadBody(request)) return handle(request, response);
  const body = await readBody(request);
  if (body === null) {
    response.setHeader('Connection', 'close');
    return answerPlainly(response, 413);
  }
  const badBody = await bodyProblem(request, body);
  if (badBody) return answerPlainly(response, badBody);
  return handle(withBody(request, body), response);
}

async function startServer() {
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname: hostname ?? 'localhost', port });
  await app.prepare();
  handle = app.getRequestHandler();

  const server = http.createServer((request, response) => {
    serve(request, response).catch(() => {
      // The client went away mid-body, or the answer could not be written: nothing left to answer.
      if (!response.headersSent) answerPlainly(response, 400);
      else response.destroy();
    });
  });

  // A request Node itself cannot parse (headers over its limit, a broken request line) never reaches the handler
  // above; Node would answer with a bare status. Same headers and plain page as every other refusal.
  server.on('clientError', (error, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    const csp = contentSecurityPolicy(Buffer.from(randomUUID()).toString('base64'), { isProduction: true });
    const page = plainErrorPage(400);
    const headers = [...securityHeaders({ csp, isProduction: true }), ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(page))], ['Connection', 'close']];
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers.map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${page}`);
  });

  server.listen(port, hostname, () => {
    // In a cluster the primary says "Ready" once every worker listens.
    if (cluster.isWorker) return;
    console.log(`Ready on http://${hostname ?? 'localhost'}:${port}${trustedHops ? ` (trusting ${trustedHops} proxy ${trustedHops === 1 ? 'hop' : 'hops'})` : ''}`);
  });

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      // Keep-alive connections would hold close() open: give them a moment, then go.
      setTimeout(() => process.exit(0), 3_000).unref();
      server.closeIdleConnections?.();
    });
  }
}

if (workers > 1 && cluster.isPrimary) {
  runPrimary({
    workers,
    onReady: () =>
      console.log(`Ready on http://${hostname ?? 'localhost'}:${port} (${workers} worker processes)${trustedHops ? ` (trusting ${trustedHops} proxy ${trustedHops === 1 ? 'hop' : 'hops'})` : ''}`),
  });
} else {
  await startServer();
}
