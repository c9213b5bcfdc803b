// `npm start`: serves the production build (`next build`) like `next start`, with one difference: the
// X-Forwarded-For header the app reads is replaced by the address this server worked out itself
// (scripts/lib/client-address.mjs), so a client cannot choose the address that goes into the audit trail
// or the sign-in throttle. Behind a reverse proxy, set REGIMEN_TRUSTED_PROXY_HOPS to the number of proxies.
//
//   node scripts/serve.mjs [-p PORT] [-H HOST]     (defaults: PORT or 3000, all interfaces)
import http from 'node:http';
import { clientAddress, trustedProxyHops } from './lib/client-address.mjs';
import { root } from './lib/database.mjs';

process.env.NODE_ENV = 'production';

function option(flag, fallback) {
  const index = process.argv.indexOf(flag);
  return index === -1 ? fallback : process.argv[index + 1];
}

const port = Number(option('-p', process.env.PORT ?? '3000'));
const hostname = option('-H', undefined);
const trustedHops = trustedProxyHops(process.env.REGIMEN_TRUSTED_PROXY_HOPS);

const { default: next } = await import('next');
const app = next({ dev: false, dir: root, hostname: hostname ?? 'localhost', port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((request, response) => {
  const address = clientAddress({ forwardedFor: request.headers['x-forwarded-for'], peerAddress: request.socket.remoteAddress, trustedHops });
  // Next.js fills X-Forwarded-For from the socket only when it is absent, so it is always set here: to the
  // address, or empty when there is none to believe (the app then records no address).
  request.headers['x-forwarded-for'] = address ?? '';
  void handle(request, response);
});

server.listen(port, hostname, () => {
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
