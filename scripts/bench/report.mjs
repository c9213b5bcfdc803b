// Plain-text tables for the bench's results, and the targets judged against them.

const ms = (value) => (value === null ? '-' : value < 10 ? value.toFixed(1) : String(Math.round(value)));
const fixed = (value, digits) => (value === null || value === undefined ? '-' : value.toFixed(digits));
const verdict = (isMet) => (isMet ? 'PASS' : 'MISS');

export function formatTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The throughput ratio the CPU cost per request predicts (the empty page's CPU over the route's): what the
 * ratio would be on a machine with nothing else running, since the server is bound by its one thread.
 */
function cpuRatioOf(result, reference) {
  if (!result?.serverCpuMsPerRequest || !reference.cpuMsPerRequest) return null;
  return reference.cpuMsPerRequest / result.serverCpuMsPerRequest;
}

function errorText(result) {
  if (result.errors === 0) return '0';
  const parts = [
    result.non2xx > 0 ? `${result.non2xx} non-2xx` : null,
    result.timeouts > 0 ? `${result.timeouts} timeouts` : null,
    result.socketErrors - result.timeouts > 0 ? `${result.socketErrors - result.timeouts} socket` : null,
  ];
  return `${result.errors} (${parts.filter(Boolean).join(', ')})`;
}

export function throughputTable(results, reference) {
  const rows = results.map((result) => [
    result.label,
    fixed(result.requestsPerSecond, 1),
    ms(result.p50),
    ms(result.p95),
    ms(result.p99),
    errorText(result),
    ms(result.serverCpuMsPerRequest),
    fixed(cpuRatioOf(result, reference), 2),
    fixed(result.requestsPerSecond / reference.rate, 2),
    fixed(result.queriesPerRequest, 1),
    ms(result.aloneMs ?? null),
    result.bytesPerResponse === null ? '-' : (result.bytesPerResponse / 1024).toFixed(1),
  ]);
  return formatTable(['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'CPU ms/req', 'x empty (CPU)', 'x empty (req/s)', 'queries/req', 'alone ms', 'kB/resp'], rows);
}

export function sizeTable(pairs) {
  const rows = pairs.map((pair) => [pair.label, `${fixed(pair.small.queries, 1)} (${pair.small.size})`, `${fixed(pair.large.queries, 1)} (${pair.large.size})`, verdict(sameQueries(pair.small.queries, pair.large.queries))]);
  return formatTable(['route', 'queries/req, small', 'queries/req, large', 'constant'], rows);
}

const GROWTH_KEYS = ['floor', 'pageFloor', 'portal', 'caseload', 'signOffs', 'patient'];

// A session's once-a-minute lastSeenAt touch can fall inside the counted requests (one statement over ten
// requests): whole statements per request are what must stay the same.
const sameQueries = (a, b) => a !== null && a !== undefined && Math.round(a) === Math.round(b);
const MAX_ALONE_GROWTH = 1.2;
const MIN_THROUGHPUT_KEPT = 0.85;

/** Each route at the first scale and the last, side by side, with the growth targets judged. */
function growthOf(measured, key) {
  const first = measured[0].results.find((result) => result.key === key);
  const last = measured[measured.length - 1].results.find((result) => result.key === key);
  if (!first || !last) return null;
  return { first, last, alone: last.aloneMs / first.aloneMs, rate: last.requestsPerSecond / first.requestsPerSecond };
}

export function scaleTable(measured) {
  const [a, b] = [measured[0].scale, measured[measured.length - 1].scale];
  const rows = GROWTH_KEYS.map((key) => growthOf(measured, key))
    .filter(Boolean)
    .map(({ first, last, alone, rate }) => [
      first.label.replace(/ \(.*\)$/, ''),
      ms(first.aloneMs),
      ms(last.aloneMs),
      `${fixed(alone, 2)} ${verdict(alone <= MAX_ALONE_GROWTH)}`,
      fixed(first.requestsPerSecond, 1),
      fixed(last.requestsPerSecond, 1),
      `${fixed(rate, 2)} ${verdict(rate >= MIN_THROUGHPUT_KEPT)}`,
      `${ms(first.serverCpuMsPerRequest)} / ${ms(last.serverCpuMsPerRequest)}`,
      `${fixed(first.queriesPerRequest, 1)} / ${fixed(last.queriesPerRequest, 1)}`,
    ]);
  return formatTable(['route', `alone ms ${a}x`, `alone ms ${b}x`, `${b}x/${a}x`, `req/s ${a}x`, `req/s ${b}x`, `${b}x/${a}x`, `CPU ms/req ${a}x / ${b}x`, `queries ${a}x / ${b}x`], rows);
}

export function processTable(run) {
  const one = new Map(run.results.map((result) => [result.key, result]));
  const rows = [];
  for (const result of run.byProcesses[0]?.results ?? []) {
    const single = one.get(result.key);
    const cells = [result.label.replace(/ \(.*\)$/, ''), fixed(single?.requestsPerSecond ?? null, 1)];
    for (const multi of run.byProcesses) {
      const same = multi.results.find((candidate) => candidate.key === result.key);
      cells.push(`${fixed(same?.requestsPerSecond ?? null, 1)} (x${fixed(same && single ? same.requestsPerSecond / single.requestsPerSecond : null, 2)}, ${errorText(same ?? { errors: 0 })} errors)`);
    }
    rows.push(cells);
  }
  return formatTable(['route', 'req/s, 1 process', ...run.byProcesses.map((multi) => `req/s, ${multi.processes} processes (${multi.running} running)`)], rows);
}

export function firstLoadTable(pages) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  const rows = pages.map((page) => [page.path, String(page.scripts.length), kb(page.raw), kb(page.gzip)]);
  return formatTable(['page', 'scripts', 'raw', 'gzip'], rows);
}

const CPU_TARGETS = [
  ['portal', 'portal', 0.8],
  ['caseload', 'caseload', 0.5],
  ['signOffs', 'sign-off queue', 0.5],
  ['patient', 'clinician patient page (500 sessions)', 0.5],
];

/** The targets of issue 14, each PASS or MISS. */
export function targetLines({ measured }) {
  const lines = [];
  for (const run of measured) {
    const byKey = new Map(run.results.map((result) => [result.key, result]));
    const at = `at ${run.scale}x`;
    for (const [key, name, minimum] of CPU_TARGETS) {
      const ratio = cpuRatioOf(byKey.get(key), run.reference);
      lines.push(`${verdict(ratio !== null && ratio >= minimum)}  ${name} >= ${minimum} x the empty page by CPU per request ${at} (${fixed(ratio, 2)}; ${fixed((byKey.get(key)?.requestsPerSecond ?? 0) / run.reference.rate, 2)} by req/s)`);
    }
    const errors = run.results.filter((result) => result.errors > 0);
    lines.push(`${verdict(errors.length === 0)}  0 errors on every route ${at}${errors.length ? ` (${errors.map((result) => `${result.label}: ${result.errors}`).join('; ')})` : ''}`);
    for (const pair of run.sizePairs) {
      lines.push(`${verdict(sameQueries(pair.small.queries, pair.large.queries))}  constant queries per request on ${pair.label} ${at} (${pair.small.queries} small, ${pair.large.queries} large)`);
    }
  }
  if (measured.length > 1) {
    const [a, b] = [measured[0], measured[measured.length - 1]];
    for (const key of GROWTH_KEYS) {
      const growth = growthOf(measured, key);
      if (!growth) continue;
      const name = growth.first.label.replace(/ \(.*\)$/, '');
      lines.push(`${verdict(growth.alone <= MAX_ALONE_GROWTH)}  ${name}: median alone at ${b.scale}x within ${MAX_ALONE_GROWTH}x of ${a.scale}x (${fixed(growth.alone, 2)})`);
      lines.push(`${verdict(growth.rate >= MIN_THROUGHPUT_KEPT)}  ${name}: throughput at ${b.scale}x at least ${MIN_THROUGHPUT_KEPT}x of ${a.scale}x (${fixed(growth.rate, 2)})`);
      lines.push(`${verdict(sameQueries(growth.first.queriesPerRequest, growth.last.queriesPerRequest))}  ${name}: the same queries per request at both scales (${growth.first.queriesPerRequest} / ${growth.last.queriesPerRequest})`);
    }
  }
  const pages = measured[0].pages;
  if (pages) {
    const [login, portal] = pages;
    const extra = (portal.gzip - login.gzip) / 1024;
    lines.push(`${verdict(extra <= 20)}  first-load JS of /portal within 20 kB gzip of /login (${extra.toFixed(1)} kB more)`);
  }
  return lines;
}

/** The printed programme's time to make, and what it made. */
export function programmeLine(programme) {
  return `  median ${ms(programme.medianMs)} ms (fastest ${ms(programme.minMs)}, slowest ${ms(programme.maxMs)}); ${(programme.bytes / 1024).toFixed(0)} kB, ${programme.pages ?? '?'} pages`;
}

/** Lighthouse's scores with their targets (performance 95 or more, accessibility 100), each PASS or MISS. */
export function lighthouseLines(scores) {
  if (!scores) return ['  not run: no Chromium here (install Debian\'s chromium or set CHROMIUM_PATH)'];
  if (scores.error) return [`  could not run: ${scores.error}`];
  const { fcp, lcp, tbt, cls } = scores.metrics;
  return [
    `  ${scores.finalUrl}`,
    `  ${verdict(scores.performance >= 95)}  performance ${scores.performance} (target 95 or more): first paint ${fcp}, largest paint ${lcp}, blocking ${tbt}, layout shift ${cls}`,
    `  ${verdict(scores.accessibility === 100)}  accessibility ${scores.accessibility} (target 100)`,
    `        best practices ${scores.bestPractices}`,
    ...(scores.failing.length ? [`  audits below 90: ${scores.failing.join(', ')}`] : []),
  ];
}
