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
 * The throughput ratio the CPU cost per request predicts (the floor's CPU over the route's): what the
 * ratio would be on a machine with nothing else running, since the server is bound by its one thread.
 */
function cpuRatioOf(result, floor) {
  if (!result?.serverCpuMsPerRequest || !floor.cpuMsPerRequest) return null;
  return floor.cpuMsPerRequest / result.serverCpuMsPerRequest;
}

const cpuRatio = (result, floor) => fixed(cpuRatioOf(result, floor), 2);

function errorText(result) {
  if (result.errors === 0) return '0';
  const parts = [
    result.non2xx > 0 ? `${result.non2xx} non-2xx` : null,
    result.timeouts > 0 ? `${result.timeouts} timeouts` : null,
    result.socketErrors - result.timeouts > 0 ? `${result.socketErrors - result.timeouts} socket` : null,
  ];
  return `${result.errors} (${parts.filter(Boolean).join(', ')})`;
}

export function throughputTable(results, floor) {
  const rows = results.map((result) => [
    result.label,
    fixed(result.requestsPerSecond, 1),
    ms(result.p50),
    ms(result.p95),
    ms(result.p99),
    errorText(result),
    fixed(result.requestsPerSecond / floor.rate, 2),
    cpuRatio(result, floor),
    fixed(result.queriesPerRequest, 1),
    ms(result.aloneMs ?? null),
    ms(result.serverCpuMsPerRequest),
    result.bytesPerResponse === null ? '-' : (result.bytesPerResponse / 1024).toFixed(1),
  ]);
  return formatTable(['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'x floor', 'x floor CPU', 'queries/req', 'alone ms', 'CPU ms/req', 'kB/resp'], rows);
}

export function sizeTable(pairs) {
  const rows = pairs.map((pair) => [pair.label, `${fixed(pair.small.queries, 1)} (${pair.small.size})`, `${fixed(pair.large.queries, 1)} (${pair.large.size})`, verdict(pair.small.queries === pair.large.queries)]);
  return formatTable(['route', 'queries/req, small', 'queries/req, large', 'constant'], rows);
}

export function firstLoadTable(pages) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  const rows = pages.map((page) => [page.path, String(page.scripts.length), kb(page.raw), kb(page.gzip)]);
  return formatTable(['page', 'scripts', 'raw', 'gzip'], rows);
}

/** The targets of the "Trust" issue, item 7, each PASS or MISS. */
export function targetLines({ results, floor, sizePairs }) {
  const byKey = new Map(results.map((result) => [result.key, result]));
  const ratio = (key) => (byKey.get(key)?.requestsPerSecond ?? 0) / floor.rate;
  const ratioTarget = (key, name, minimum) =>
    `${verdict(ratio(key) >= minimum)}  ${name} >= ${minimum} x floor (${ratio(key).toFixed(2)} measured; ${cpuRatio(byKey.get(key), floor)} by CPU per request)`;
  const lines = [];
  for (const result of results) lines.push(`${verdict(result.errors === 0)}  0 errors on ${result.label} (${result.errors})`);
  lines.push(ratioTarget('portal', 'portal', 0.5), ratioTarget('caseload', 'caseload', 0.33), ratioTarget('signOffs', 'sign-off queue', 0.33));
  for (const pair of sizePairs) {
    lines.push(`${verdict(pair.small.queries === pair.large.queries)}  constant queries per request on ${pair.label} (${pair.small.queries} small, ${pair.large.queries} large)`);
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
  const { fcp, lcp, tbt, cls } = scores.metrics;
  return [
    `  ${scores.finalUrl}`,
    `  ${verdict(scores.performance >= 95)}  performance ${scores.performance} (target 95 or more): first paint ${fcp}, largest paint ${lcp}, blocking ${tbt}, layout shift ${cls}`,
    `  ${verdict(scores.accessibility === 100)}  accessibility ${scores.accessibility} (target 100)`,
    `        best practices ${scores.bestPractices}`,
    ...(scores.failing.length ? [`  audits below 90: ${scores.failing.join(', ')}`] : []),
  ];
}
