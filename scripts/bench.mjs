// `npm run bench`: how fast the pages patients, therapists and surgeons open most often are under load,
// against a large clinic, compared with the cheapest signed-in request the app can answer (the floor).
//
//   1. a production build in .next-bench (never .next);
//   2. a fresh database (DATABASE_URL's server, else an embedded PGlite), migrations, a large clinic
//      seeded in bulk (scripts/bench/seed-large-clinic.ts), served by `npm start`'s server (scripts/serve.mjs) on 127.0.0.1;
//   3. 50 sessions per audience signed in over HTTP, then 50 connections per route, each with its own
//      session, for BENCH_SECONDS (default 10) after a warm-up;
//   4. SQL statements per request, counted by the server, for each route and for a small and a large
//      plan / caseload / queue;
//   5. first-load JavaScript of the portal and of the sign-in page.
// It always exits 0 once it has measured (a benchmark, not a test) and prints PASS/MISS per target.
// Ctrl-C stops the server and the database it started.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { firstLoadJs } from './bench/first-load-js.mjs';
import { getPage } from './bench/http.mjs';
import { lighthouseScores } from './bench/lighthouse.mjs';
import { programmePdfTime } from './bench/programme-pdf.mjs';
import { loadAutocannon, runLoad, stopLoad } from './bench/load.mjs';
import { runQuietly, stopAll } from './bench/processes.mjs';
import { queriesPerRequest, waitForQuiet } from './bench/query-count.mjs';
import { firstLoadTable, lighthouseLines, programmeLine, sizeTable, targetLines, throughputTable } from './bench/report.mjs';
import { buildForProduction, freePort, startServer } from './bench/server.mjs';
import { signInAll } from './bench/sign-in.mjs';
import { bin, createFreshDatabase, dropDatabase, generateClient, prepareDatabase, startEmbeddedPostgres } from './lib/database.mjs';

const CONNECTIONS = 50;
const SECONDS = Math.min(60, Math.max(1, Number(process.env.BENCH_SECONDS ?? 10) || 10));
const WARM_UP_SECONDS = 3;
const COUNTED_REQUESTS = 10;

const cleanups = [];
let isStopping = false;

async function cleanUp() {
  stopLoad();
  await stopAll();
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  cleanups.length = 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (isStopping) return;
    isStopping = true;
    console.log(`\n${signal}: stopping the server and the database...`);
    void cleanUp().finally(() => process.exit(130));
  });
}

const step = (text) => console.log(`\n> ${text}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

function machine() {
  const [one, five, fifteen] = os.loadavg().map((load) => load.toFixed(2));
  return {
    cores: os.availableParallelism(),
    model: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
    load: `${one} / ${five} / ${fifteen}`,
  };
}

/** A fresh database on DATABASE_URL's server (dropped afterwards), else an in-memory PGlite. */
async function openDatabase() {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `regimen_bench_${process.pid}`;
    const url = await createFreshDatabase(baseUrl, name);
    cleanups.push(() => dropDatabase(baseUrl, name));
    const { hostname, port } = new URL(baseUrl);
    return { url, poolMax: '10', description: `PostgreSQL server at ${hostname}:${port || 5432}, fresh database "${name}" (dropped afterwards); app pool of 10 connections` };
  }
  const embedded = await startEmbeddedPostgres();
  cleanups.push(() => embedded.stop());
  return {
    url: embedded.url,
    poolMax: embedded.poolMax,
    description: 'embedded PGlite (no DATABASE_URL), in the bench process: one backend, app pool of 1 connection (set DATABASE_URL for realistic numbers)',
  };
}

/** n sessions for the given accounts, round-robin (a therapist signed in on two computers has two). */
function sessionsFor(emails, n) {
  return Array.from({ length: n }, (_, index) => emails[index % emails.length]);
}

async function distinctPortalReaders(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(DISTINCT "actorId")::int AS readers FROM "AuditEvent" WHERE action = 'portal.read'`);
    return rows[0].readers;
  } finally {
    await client.end();
  }
}

async function measureRoutes({ baseUrl, serverPid, routes }) {
  const results = [];
  for (const route of routes) {
    const started = Date.now();
    const load = { baseUrl, serverPid, path: route.path, cookies: route.cookies, connections: CONNECTIONS };
    await runLoad({ ...load, seconds: WARM_UP_SECONDS });
    // Requests the warm-up left in flight would otherwise eat into the measured run.
    if (!(await waitForQuiet(baseUrl))) console.warn('  (the server was still busy after the warm-up)');
    const result = await runLoad({ ...load, seconds: SECONDS });
    await waitForQuiet(baseUrl);
    results.push({ ...route, ...result });
    console.log(`  ${route.label}: ${result.requestsPerSecond.toFixed(1)} req/s, ${result.errors} errors (${seconds(started)} with warm-up)`);
    if (route.afterRun) await route.afterRun();
  }
  return results;
}

async function seedClinic(env) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'regimen-bench-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const manifestPath = path.join(scratch, 'manifest.json');
  const output = await runQuietly(bin('tsx'), ['--conditions=react-server', 'scripts/bench/seed-large-clinic.ts', manifestPath], { env });
  console.log(`  ${output.trim().split('\n').pop()}`);
  return JSON.parse(readFileSync(manifestPath, 'utf8'));
}

/** CONNECTIONS sessions per audience, plus one for each account of the small/large pairs. */
async function signInAudiences(baseUrl, manifest) {
  const signIn = (emails) => signInAll(baseUrl, emails, manifest.password);
  const { portal, caseload, signOffQueue } = manifest.sizePairs;
  const patients = await signIn(sessionsFor(manifest.portalPatients, CONNECTIONS));
  const therapists = await signIn(sessionsFor(manifest.therapists, CONNECTIONS));
  const surgeons = await signIn(sessionsFor(manifest.surgeons, CONNECTIONS));
  const pairs = [portal, caseload, signOffQueue];
  const pairCookies = await signIn(pairs.flatMap((pair) => [pair.small.email, pair.large.email]));
  const withCookies = (pair, index) => ({ small: { ...pair.small, cookie: pairCookies[2 * index] }, large: { ...pair.large, cookie: pairCookies[2 * index + 1] } });
  return {
    patients,
    therapists,
    surgeons,
    sizePairs: [
      { label: 'GET /portal', path: '/portal', ...withCookies(portal, 0) },
      { label: 'GET /caseload', path: '/caseload', ...withCookies(caseload, 1) },
      { label: 'GET /sign-offs', path: '/sign-offs', ...withCookies(signOffQueue, 2) },
    ],
  };
}

function routesToMeasure({ manifest, sessions, databaseUrl }) {
  const floor = { path: '/api/health/floor', cookies: sessions.patients };
  const track = { portalReaders: null };
  const routes = [
    { key: 'floor', label: 'floor: GET /api/health/floor', ...floor },
    // Not a target: a page with only the session check, i.e. what Next.js charges for rendering any page.
    { key: 'pageFloor', label: 'empty page: GET /health/page-floor', path: '/health/page-floor', cookies: sessions.patients },
    // The audit trail records every portal read: proof that each connection was a different patient.
    { key: 'portal', label: 'GET /portal (50 patients)', path: '/portal', cookies: sessions.patients, afterRun: async () => (track.portalReaders = await distinctPortalReaders(databaseUrl)) },
    { key: 'caseload', label: `GET /caseload (${manifest.therapists.length} therapists)`, path: '/caseload', cookies: sessions.therapists },
    { key: 'signOffs', label: `GET /sign-offs (${manifest.surgeons.length} surgeons)`, path: '/sign-offs', cookies: sessions.surgeons },
    // The floor again at the end: the difference between the two shows how noisy the machine was.
    { key: 'floorAgain', label: 'floor again, last', ...floor },
  ];
  return { routes, track };
}

const mean = (values) => (values.includes(null) ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

/** Both floor runs averaged: the reference every route is compared with. */
function floorOf(results) {
  const floors = results.filter((result) => result.key === 'floor' || result.key === 'floorAgain');
  return { rate: mean(floors.map((result) => result.requestsPerSecond)), cpuMsPerRequest: mean(floors.map((result) => result.serverCpuMsPerRequest)) };
}

async function countQueries(baseUrl, results, sizePairs) {
  for (const result of results) {
    // Counted with the first session of the run's own audience.
    const counted = await queriesPerRequest(baseUrl, result.path, result.cookies[0], COUNTED_REQUESTS);
    Object.assign(result, { queriesPerRequest: counted.queries, aloneMs: counted.medianMs });
  }
  for (const pair of sizePairs) {
    for (const side of [pair.small, pair.large]) side.queries = (await queriesPerRequest(baseUrl, pair.path, side.cookie, COUNTED_REQUESTS)).queries;
  }
}

function printReport({ before, database, manifest, results, floor, portalReaders, sizePairs, pages, programme, lighthouse, startedAt }) {
  const after = machine();
  console.log(`
== Results ==
Machine: ${after.cores} cores, ${after.model}, ${after.memoryGiB} GiB. Load average ${before.load} at start, ${after.load} at the end (1/5/15 min).
Database: ${database.description}.
Load: autocannon in the bench's own process, ${CONNECTIONS} keep-alive connections on 127.0.0.1, each with its own signed-in session
(50 patients; 50 sessions over ${manifest.therapists.length} therapists; 50 over ${manifest.surgeons.length} surgeons), ${SECONDS} s per route after ${WARM_UP_SECONDS} s of warm-up.
Errors: non-2xx answers (a redirect to /login counts) + socket errors + timeouts (no answer in 10 s).
x floor: req/s against the mean of the two floor runs (${floor.rate.toFixed(1)} req/s). CPU ms/req: the server process's CPU time during
the run over the requests answered (work on requests that timed out included). x floor CPU: the floor's CPU ms/req over the route's,
the ratio to expect where the server's one thread is the limit; other work on the machine moves req/s far more than CPU per request.
kB/resp: average response, headers included.
Queries/req: SQL statements Prisma sent per request (Prisma reports COMMIT but not BEGIN), counted by the server over
${COUNTED_REQUESTS} sequential requests; alone ms: the median of those requests, one at a time with no other load from the bench.

${throughputTable(results, floor)}
${portalReaders === null ? '' : `(GET /portal served ${portalReaders} distinct patients, per the audit trail.)\n`}
Queries per request by size of the data (must not grow):
${sizeTable(sizePairs)}

First-load JavaScript (every <script src="/_next/static/..."> of the page but the noModule polyfills, which browsers skip):
${firstLoadTable(pages)}

The printed programme (GET /api/programme, ${manifest.sizePairs.portal.large.size}; alone, median of ${programme.requests}):
${programmeLine(programme)}

Lighthouse, signed-in /portal, mobile settings (simulated slow 4G, mid-range phone):
${lighthouseLines(lighthouse).join('\n')}

Targets:
${targetLines({ results, floor, sizePairs }).join('\n')}

Total time: ${seconds(startedAt)}.`);
}

async function main() {
  const startedAt = Date.now();
  loadAutocannon();
  const before = machine();
  console.log(`Regimen benchmark. Machine: ${before.cores} cores, ${before.model}, ${before.memoryGiB} GiB; load average ${before.load} (1/5/15 min).`);

  step('Building for production into .next-bench (two minutes or so)');
  let since = Date.now();
  // The build imports the generated Prisma client, which a fresh clone does not have yet.
  await generateClient();
  // The build reads no data: every page is rendered per request. The URL only has to be there.
  await buildForProduction({ ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: 'postgresql://127.0.0.1/unused-at-build-time' });
  console.log(`  built in ${seconds(since)}`);

  step('Database');
  const database = await openDatabase();
  console.log(`  ${database.description}`);
  await prepareDatabase(database.url);
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: database.poolMax,
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    NEXT_TELEMETRY_DISABLED: '1',
    REGIMEN_QUIET_LOGS: '1',
    // Exposes /api/health/query-count; the app counts its SQL statements (one listener call each).
    REGIMEN_COUNT_QUERIES: '1',
  };

  step('Seeding a large clinic');
  const manifest = await seedClinic(env);

  step('Starting the production server on a free loopback port');
  const { baseUrl, server } = await startServer({ env, port: await freePort() });
  console.log(`  ${baseUrl}`);

  step(`Signing in ${CONNECTIONS} sessions per audience over HTTP`);
  since = Date.now();
  const sessions = await signInAudiences(baseUrl, manifest);
  console.log(`  ${3 * CONNECTIONS + 2 * sessions.sizePairs.length} sign-ins in ${seconds(since)}`);

  step(`Load: ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up then ${SECONDS} s per route`);
  const { routes, track } = routesToMeasure({ manifest, sessions, databaseUrl: database.url });
  for (const route of routes) await getPage(baseUrl, route.path, route.cookies[0]);
  const results = await measureRoutes({ baseUrl, serverPid: server.child.pid, routes });

  step(`Queries per request (${COUNTED_REQUESTS} sequential requests each, counted by the server)`);
  await countQueries(baseUrl, results, sessions.sizePairs);

  step('First-load JavaScript');
  const pages = [await firstLoadJs(baseUrl, '/login'), await firstLoadJs(baseUrl, '/portal', sessions.patients[0])];

  step('The printed programme: a PDF of twelve exercises, one request at a time');
  const programme = await programmePdfTime(baseUrl, sessions.sizePairs[0].large.cookie);

  step('Lighthouse on the signed-in portal (mobile settings, Debian Chromium)');
  const lighthouse = await lighthouseScores(baseUrl, '/portal', sessions.patients[0]);

  printReport({ before, database, manifest, results, floor: floorOf(results), portalReaders: track.portalReaders, sizePairs: sessions.sizePairs, pages, programme, lighthouse, startedAt });
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  if (!isStopping) {
    console.error(`\nThe benchmark could not finish: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  }
} finally {
  if (!isStopping) await cleanUp();
}
process.exit(exitCode);
