// `npm run bench`: how fast the pages patients, therapists and surgeons open most often are under load,
// against a large clinic, compared with an empty signed-in page (what Next.js charges for any page).
//
//   1. a production build in .next-bench (never .next);
//   2. for each scale (BENCH_SCALES, default 1,10: BENCH_PATIENTS patients, default 2,000, times the
//      scale, 25 logged sessions each): a fresh database (DATABASE_URL's server, else an embedded
//      PGlite), migrations, the clinic seeded in bulk (scripts/bench/seed-large-clinic.ts), served by
//      `npm start`'s server (scripts/serve.mjs) on 127.0.0.1;
//   3. 50 sessions per audience signed in over HTTP, then 50 connections per route, each with its own
//      session, for BENCH_SECONDS (default 10) after a warm-up;
//   4. SQL statements per request, counted by the server, for each route and for a small and a large
//      plan / caseload / queue / patient record, and the plan (EXPLAIN ANALYZE) of each route's slowest
//      statement;
//   5. at the first scale, the same routes again with two app processes (WEB_CONCURRENCY=2;
//      BENCH_PROCESSES=1 skips it), and the first-load JavaScript of the portal, the patient page and
//      the sign-in page;
//   6. with BENCH_PROFILE=1, a CPU profile of the server for each route (a server of its own per route),
//      summarized by where the time went, written to .bench-profiles/.
// It always exits 0 once it has measured (a benchmark, not a test) and prints PASS/MISS per target.
// Ctrl-C stops the server and the database it started.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { firstLoadJs } from './bench/first-load-js.mjs';
import { getPage } from './bench/http.mjs';
import { lighthouseScores } from './bench/lighthouse.mjs';
import { programmePdfTime } from './bench/programme-pdf.mjs';
import { explainStatement, heaviestStatement } from './bench/explain.mjs';
import { loadAutocannon, processCountOfGroup, runLoad, stopLoad } from './bench/load.mjs';
import { runQuietly, stopAll, stopOne } from './bench/processes.mjs';
import { summarizeProfiles } from './bench/profile-summary.mjs';
import { queriesPerRequest, waitForQuiet } from './bench/query-count.mjs';
import { firstLoadTable, lighthouseLines, processTable, programmeLine, scaleTable, sizeTable, targetLines, throughputTable } from './bench/report.mjs';
import { BENCH_DIST_DIR, buildForProduction, freePort, startServer } from './bench/server.mjs';
import { signInAll } from './bench/sign-in.mjs';
import { bin, createFreshDatabase, dropDatabase, generateClient, prepareDatabase, startEmbeddedPostgres } from './lib/database.mjs';

const CONNECTIONS = 50;
const SECONDS = Math.min(60, Math.max(1, Number(process.env.BENCH_SECONDS ?? 10) || 10));
const WARM_UP_SECONDS = 3;
const COUNTED_REQUESTS = 10;
const BASE_PATIENTS = Math.max(100, Math.round(Number(process.env.BENCH_PATIENTS ?? 2_000) || 2_000));
const SCALES = [...new Set((process.env.BENCH_SCALES ?? '1,10').split(',').map((value) => Number(value.trim())).filter((value) => value > 0))];
const PROCESS_COUNTS = [...new Set((process.env.BENCH_PROCESSES ?? '1,2').split(',').map((value) => Math.round(Number(value.trim()))).filter((value) => value >= 1))];
const IS_PROFILING = process.env.BENCH_PROFILE === '1';
const PROFILE_DIR = '.bench-profiles';

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
async function openDatabase(scale) {
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `regimen_bench_${process.pid}_${String(scale).replace('.', '_')}x`;
    const url = await createFreshDatabase(baseUrl, name);
    const close = () => dropDatabase(baseUrl, name);
    cleanups.push(close);
    const { hostname, port } = new URL(baseUrl);
    return { url, poolMax: '10', close, description: `PostgreSQL server at ${hostname}:${port || 5432}, fresh database "${name}" (dropped afterwards); app pool of 10 connections` };
  }
  const embedded = await startEmbeddedPostgres();
  const close = () => embedded.stop();
  cleanups.push(close);
  return {
    url: embedded.url,
    poolMax: embedded.poolMax,
    close,
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

async function measureRoutes({ baseUrl, serverPid, routes, indent = '  ' }) {
  const results = [];
  for (const route of routes) {
    const started = Date.now();
    const load = { baseUrl, serverPid, path: route.path, paths: route.paths, cookies: route.cookies, connections: CONNECTIONS };
    await runLoad({ ...load, seconds: WARM_UP_SECONDS });
    // Requests the warm-up left in flight would otherwise eat into the measured run.
    if (!(await waitForQuiet(baseUrl))) console.warn(`${indent}(the server was still busy after the warm-up)`);
    const result = await runLoad({ ...load, seconds: SECONDS });
    await waitForQuiet(baseUrl);
    results.push({ ...route, ...result });
    console.log(`${indent}${route.label}: ${result.requestsPerSecond.toFixed(1)} req/s, ${result.serverCpuMsPerRequest?.toFixed(1) ?? '-'} CPU ms/req, ${result.errors} errors (${seconds(started)} with warm-up)`);
    if (route.afterRun) await route.afterRun();
  }
  return results;
}

async function seedClinic(env, patients) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'regimen-bench-'));
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const manifestPath = path.join(scratch, 'manifest.json');
  const output = await runQuietly(bin('tsx'), ['--conditions=react-server', 'scripts/bench/seed-large-clinic.ts', manifestPath], { env: { ...env, BENCH_PATIENTS: String(patients) } });
  const summary = output.trim().split('\n').pop();
  console.log(`  ${summary}`);
  return { ...JSON.parse(readFileSync(manifestPath, 'utf8')), summary };
}

/** CONNECTIONS sessions per audience, plus one for each account of the small/large pairs. */
async function signInAudiences(baseUrl, manifest) {
  const signIn = (emails) => signInAll(baseUrl, emails, manifest.password);
  const { portal, caseload, signOffQueue } = manifest.sizePairs;
  const patients = await signIn(sessionsFor(manifest.portalPatients, CONNECTIONS));
  const therapistEmails = sessionsFor(manifest.therapists, CONNECTIONS);
  const therapists = await signIn(therapistEmails);
  const surgeons = await signIn(sessionsFor(manifest.surgeons, CONNECTIONS));
  const pairs = [portal, caseload, signOffQueue];
  const pairCookies = await signIn(pairs.flatMap((pair) => [pair.small.email, pair.large.email]));
  const withCookies = (pair, index) => ({ small: { ...pair.small, cookie: pairCookies[2 * index] }, large: { ...pair.large, cookie: pairCookies[2 * index + 1] } });
  // Each therapist's session opens that therapist's own patient with the long history.
  const heavyPatientPaths = therapistEmails.map((email) => `/patients/${manifest.heavyPatientIds[manifest.therapists.indexOf(email)]}`);
  const { small, large } = manifest.patientPage;
  return {
    patients,
    therapists,
    surgeons,
    heavyPatientPaths,
    sizePairs: [
      { label: 'GET /portal', path: '/portal', ...withCookies(portal, 0) },
      { label: 'GET /caseload', path: '/caseload', ...withCookies(caseload, 1) },
      { label: 'GET /sign-offs', path: '/sign-offs', ...withCookies(signOffQueue, 2) },
      // The first therapist opens a patient with a typical history and one with the longest.
      { label: 'GET /patients/[id]', small: { path: `/patients/${small.id}`, size: small.size, cookie: therapists[0] }, large: { path: `/patients/${large.id}`, size: large.size, cookie: therapists[0] } },
    ],
  };
}

function routesToMeasure({ manifest, sessions, databaseUrl }) {
  const track = { portalReaders: null };
  const pageFloor = { path: '/health/page-floor', cookies: sessions.patients };
  const routes = [
    // Not a target: a route handler with the session check and `SELECT 1` (earlier rounds' reference).
    { key: 'floor', label: 'floor: GET /api/health/floor', path: '/api/health/floor', cookies: sessions.patients },
    // The reference: a page with only the session check, i.e. what Next.js charges for rendering any page.
    { key: 'pageFloor', label: 'empty page: GET /health/page-floor', ...pageFloor },
    // The audit trail records every portal read: proof that each connection was a different patient.
    { key: 'portal', label: 'GET /portal (50 patients)', path: '/portal', cookies: sessions.patients, afterRun: async () => (track.portalReaders = await distinctPortalReaders(databaseUrl)) },
    { key: 'caseload', label: `GET /caseload (${manifest.therapists.length} therapists)`, path: '/caseload', cookies: sessions.therapists },
    { key: 'signOffs', label: `GET /sign-offs (${manifest.surgeons.length} surgeons)`, path: '/sign-offs', cookies: sessions.surgeons },
    { key: 'patient', label: `GET /patients/[id] (${manifest.therapists.length} patients, 500 sessions each)`, path: sessions.heavyPatientPaths[0], paths: sessions.heavyPatientPaths, cookies: sessions.therapists },
    // The empty page again at the end: the difference between the two shows how noisy the machine was.
    { key: 'pageFloorAgain', label: 'empty page again, last', ...pageFloor },
  ];
  return { routes, track };
}

const mean = (values) => (values.some((value) => value === null || value === undefined) ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

/** Both empty-page runs averaged: the reference every route is compared with. */
function referenceOf(results) {
  const runs = results.filter((result) => result.key === 'pageFloor' || result.key === 'pageFloorAgain');
  return { rate: mean(runs.map((result) => result.requestsPerSecond)), cpuMsPerRequest: mean(runs.map((result) => result.serverCpuMsPerRequest)) };
}

async function countQueries({ baseUrl, databaseUrl, results, sizePairs }) {
  for (const result of results) {
    if (result.key === 'pageFloorAgain') continue;
    // Counted with the first session (and page) of the run's own audience.
    const counted = await queriesPerRequest(baseUrl, result.path, result.cookies[0], COUNTED_REQUESTS, { capture: true });
    const heaviest = heaviestStatement(counted.statements);
    Object.assign(result, { queriesPerRequest: counted.queries, aloneMs: counted.medianMs, heaviest });
    if (heaviest) heaviest.plan = await explainStatement(databaseUrl, heaviest);
  }
  for (const pair of sizePairs) {
    for (const side of [pair.small, pair.large]) side.queries = (await queriesPerRequest(baseUrl, side.path ?? pair.path, side.cookie, COUNTED_REQUESTS)).queries;
  }
}

/** One CPU profile per route, each from a server of its own, summarized (BENCH_PROFILE=1). */
async function profileRoutes({ env, routes }) {
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  const summaries = [];
  for (const route of routes) {
    if (route.key === 'pageFloorAgain') continue;
    const dir = path.join(PROFILE_DIR, route.key);
    try {
      const spawnedAt = Date.now();
      const { baseUrl, server } = await startServer({ env, port: await freePort(), nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
      const load = { baseUrl, serverPid: server.child.pid, path: route.path, paths: route.paths, cookies: route.cookies, connections: CONNECTIONS };
      await runLoad({ ...load, seconds: WARM_UP_SECONDS });
      await waitForQuiet(baseUrl);
      // Only the measured run counts: starting, loading bundles and warming up come before it.
      const skipMs = Date.now() - spawnedAt;
      const measured = await runLoad({ ...load, seconds: SECONDS });
      await waitForQuiet(baseUrl);
      await stopOne(server);
      summaries.push({ route, summary: summarizeProfiles(dir, { requests: measured.requests, skipMs }) });
      console.log(`  ${route.label}: profile in ${dir}`);
    } catch (error) {
      summaries.push({ route, summary: `(no profile: ${error instanceof Error ? error.message : String(error)})` });
      await stopAll();
    }
  }
  return summaries;
}

/** Everything measured at one scale with one app process, then (first scale) with more. */
async function measureScale({ scale, isFirst, env }) {
  const patients = Math.round(BASE_PATIENTS * scale);
  step(`Scale ${scale}x: ${patients} patients`);
  const database = await openDatabase(scale);
  console.log(`  ${database.description}`);
  await prepareDatabase(database.url);
  const scaleEnv = { ...env, DATABASE_URL: database.url, DATABASE_POOL_MAX: database.poolMax };
  let since = Date.now();
  const manifest = await seedClinic(scaleEnv, patients);
  console.log(`  seeded in ${seconds(since)}`);

  const { baseUrl, server } = await startServer({ env: scaleEnv, port: await freePort() });
  console.log(`  server: ${baseUrl}`);
  since = Date.now();
  const sessions = await signInAudiences(baseUrl, manifest);
  console.log(`  ${3 * CONNECTIONS + 2 * 3} sign-ins in ${seconds(since)}`);

  const { routes, track } = routesToMeasure({ manifest, sessions, databaseUrl: database.url });
  for (const route of routes) await getPage(baseUrl, route.paths?.[0] ?? route.path, route.cookies[0]);
  console.log(`  load: ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up then ${SECONDS} s per route, one app process`);
  const results = await measureRoutes({ baseUrl, serverPid: server.child.pid, routes });
  console.log(`  queries per request and the slowest statements' plans (${COUNTED_REQUESTS} sequential requests each)`);
  await countQueries({ baseUrl, databaseUrl: database.url, results, sizePairs: sessions.sizePairs });

  let pages = null;
  let programme = null;
  let lighthouse = null;
  if (isFirst) {
    pages = [await firstLoadJs(baseUrl, '/login'), await firstLoadJs(baseUrl, '/portal', sessions.patients[0]), await firstLoadJs(baseUrl, sessions.heavyPatientPaths[0], sessions.therapists[0])];
    console.log('  the printed programme, one request at a time');
    programme = await programmePdfTime(baseUrl, sessions.sizePairs[0].large.cookie);
    console.log('  Lighthouse on the signed-in portal (mobile settings, Debian Chromium)');
    try {
      lighthouse = await lighthouseScores(baseUrl, '/portal', sessions.patients[0]);
    } catch (error) {
      lighthouse = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  await stopOne(server);

  const byProcesses = [];
  if (isFirst) {
    for (const processes of PROCESS_COUNTS.filter((count) => count > 1)) try {
      const multi = await startServer({ env: scaleEnv, port: await freePort(), processes });
      const running = processCountOfGroup(multi.server.child.pid);
      console.log(`  ${processes} app processes (WEB_CONCURRENCY=${processes}): ${running} processes in the server's group`);
      const multiRoutes = routes.filter((route) => ['pageFloor', 'portal', 'caseload', 'signOffs', 'patient'].includes(route.key)).map(({ afterRun: _afterRun, ...route }) => route);
      for (const route of multiRoutes) await getPage(multi.baseUrl, route.paths?.[0] ?? route.path, route.cookies[0]);
      byProcesses.push({ processes, running, results: await measureRoutes({ baseUrl: multi.baseUrl, serverPid: multi.server.child.pid, routes: multiRoutes, indent: '    ' }) });
      await stopOne(multi.server);
    } catch (error) {
      console.log(`  ${processes} app processes: not measured (${error instanceof Error ? error.message : String(error)})`);
      await stopAll();
    }
  }

  let profiles = null;
  if (isFirst && IS_PROFILING) {
    console.log('  CPU profiles, one server per route');
    profiles = await profileRoutes({ env: scaleEnv, routes });
  }

  await database.close();
  cleanups.splice(cleanups.indexOf(database.close), 1);
  return { scale, patients, database, manifest, results, reference: referenceOf(results), portalReaders: track.portalReaders, sizePairs: sessions.sizePairs, pages, programme, lighthouse, byProcesses, profiles };
}

function printReport({ before, measured, startedAt }) {
  const after = machine();
  const [first] = measured;
  const lines = [];
  lines.push(`
== Results ==
Machine: ${after.cores} cores, ${after.model}, ${after.memoryGiB} GiB. Load average ${before.load} at start, ${after.load} at the end (1/5/15 min).
Database: ${first.database.description.replace(/"[^"]+"/, 'a fresh database per scale')}.
Load: autocannon in the bench's own process, ${CONNECTIONS} keep-alive connections on 127.0.0.1, each with its own signed-in session
(50 patients; 50 sessions over ${first.manifest.therapists.length} therapists; 50 over ${first.manifest.surgeons.length} surgeons), ${SECONDS} s per route after ${WARM_UP_SECONDS} s of warm-up.
Errors: non-2xx answers (a redirect to /login counts) + socket errors + timeouts (no answer in 10 s).
CPU ms/req: the server's CPU time during the run over the requests answered. x empty (CPU): the empty page's CPU ms/req (the mean of
its two runs) over the route's: the throughput ratio to expect where the server's one thread is the limit; other work on the machine
moves req/s far more than CPU per request. x empty (req/s): the same from requests per second. kB/resp: average response, headers included.
Queries/req: SQL statements Prisma sent per request (Prisma reports COMMIT but not BEGIN), counted by the server over
${COUNTED_REQUESTS} sequential requests; alone ms: the median of those requests, one at a time with no other load from the bench.`);
  for (const run of measured) {
    lines.push(`\n-- ${run.scale}x: ${run.manifest.summary}\n`);
    lines.push(throughputTable(run.results, run.reference));
    if (run.portalReaders !== null) lines.push(`(GET /portal served ${run.portalReaders} distinct patients, per the audit trail.)`);
    lines.push(`\nQueries per request by size of the data (must not grow), ${run.scale}x:\n${sizeTable(run.sizePairs)}`);
  }
  if (measured.length > 1) lines.push(`\nGrowth, ${measured.map((run) => `${run.scale}x`).join(' against ')} (median alone within 1.2x, throughput within 0.85x):\n${scaleTable(measured)}`);
  for (const run of measured) {
    lines.push(`\nThe slowest statement of each route, ${run.scale}x (median of its times while counting), EXPLAIN (ANALYZE, BUFFERS):`);
    for (const result of run.results) {
      if (!result.heaviest) continue;
      lines.push(`\n# ${result.label}: ${result.heaviest.medianMs.toFixed(1)} ms\n${truncateSql(result.heaviest.sql)}\n${result.heaviest.plan}`);
    }
  }
  if (first.byProcesses.length > 0) lines.push(`\nOne and more app processes, ${first.scale}x (req/s; the bench's load generator shares the machine's cores):\n${processTable(first)}`);
  else lines.push('\nTwo app processes: not measured (BENCH_PROCESSES=1).');
  if (first.pages) lines.push(`\nFirst-load JavaScript (every <script src="/_next/static/..."> of the page but the noModule polyfills, which browsers skip):\n${firstLoadTable(first.pages)}`);
  if (first.programme) lines.push(`\nThe printed programme (GET /api/programme for the patient with ${first.manifest.sizePairs.portal.large.size}; alone, median of ${first.programme.requests}):\n${programmeLine(first.programme)}`);
  if (first.lighthouse) lines.push(`\nLighthouse, signed-in /portal, mobile settings (simulated slow 4G, mid-range phone):\n${lighthouseLines(first.lighthouse).join('\n')}`);
  if (first.profiles) {
    lines.push(`\nWhere the server's CPU went, ${first.scale}x, by route (self time; profiles in ${PROFILE_DIR}/):`);
    for (const { route, summary } of first.profiles) lines.push(`\n# ${route.label}\n${summary}`);
  }
  lines.push(`\nTargets:\n${targetLines({ measured }).join('\n')}`);
  lines.push(`\nTotal time: ${seconds(startedAt)}.`);
  console.log(lines.join('\n'));
}

const truncateSql = (sql) => (sql.length > 600 ? `${sql.slice(0, 600)} ... (${sql.length} characters)` : sql);

async function main() {
  const startedAt = Date.now();
  loadAutocannon();
  const before = machine();
  console.log(`Regimen benchmark. Machine: ${before.cores} cores, ${before.model}, ${before.memoryGiB} GiB; load average ${before.load} (1/5/15 min).`);
  console.log(`Scales: ${SCALES.map((scale) => `${scale}x (${Math.round(BASE_PATIENTS * scale)} patients)`).join(', ')}; app processes: ${PROCESS_COUNTS.join(', ')}; ${SECONDS} s per route.`);

  if (process.env.BENCH_REUSE_BUILD === '1' && existsSync(path.join(BENCH_DIST_DIR, 'BUILD_ID'))) {
    // For working on the bench itself: the last build, whatever the code is now.
    step(`Reusing the build in ${BENCH_DIST_DIR} (BENCH_REUSE_BUILD=1)`);
  } else {
    step('Building for production into .next-bench (two minutes or so)');
    const since = Date.now();
    // The build imports the generated Prisma client, which a fresh clone does not have yet.
    await generateClient();
    // The build reads no data: every page is rendered per request. The URL only has to be there.
    await buildForProduction({ ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: 'postgresql://127.0.0.1/unused-at-build-time' });
    console.log(`  built in ${seconds(since)}`);
  }

  const env = {
    ...process.env,
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    NEXT_TELEMETRY_DISABLED: '1',
    REGIMEN_QUIET_LOGS: '1',
    // Exposes /api/health/query-count; the app counts its SQL statements (one listener call each).
    REGIMEN_COUNT_QUERIES: '1',
  };
  const measured = [];
  for (const [index, scale] of SCALES.entries()) {
    try {
      measured.push(await measureScale({ scale, isFirst: index === 0, env }));
    } catch (error) {
      // A later scale failing still leaves the earlier ones to report.
      if (measured.length === 0 || isStopping) throw error;
      console.log(`  ${scale}x could not be measured: ${error instanceof Error ? error.message : String(error)}`);
      await stopAll();
    }
  }
  printReport({ before, measured, startedAt });
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
