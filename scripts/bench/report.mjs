// Plain-text tables for the bench's results, and the targets judged against them.

const ms = (value) => (value === null ? '-' : value < 10 ? value.toFixed(1) : String(Math.round(value)));
const fixed = (value, digits) => (value === null || value === undefined ? '-' : value.toFixed(digits));
const verdict = (isMet) => (isMet ? 'PASS' : 'MISS');

export function formatTable(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function throughputTable(results, floorRate) {
  const rows = results.map((result) => [
    result.label,
    fixed(result.requestsPerSecond, 1),
    ms(result.p50),
    ms(result.p95),
    ms(result.p99),
    result.errors === 0 ? '0' : `${result.errors} (${result.non2xx} non-2xx, ${result.socketErrors} socket)`,
    fixed(result.requestsPerSecond / floorRate, 2),
    fixed(result.queriesPerRequest, 1),
    ms(result.aloneMs ?? null),
  ]);
  return formatTable(['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'x floor', 'queries/req', 'alone ms'], rows);
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
export function targetLines({ results, floorRate, sizePairs }) {
  const byKey = new Map(results.map((result) => [result.key, result]));
  const ratio = (key) => (byKey.get(key)?.requestsPerSecond ?? 0) / floorRate;
  const lines = [];
  for (const result of results) lines.push(`${verdict(result.errors === 0)}  0 errors on ${result.label} (${result.errors})`);
  lines.push(`${verdict(ratio('portal') >= 0.5)}  portal >= 0.5 x floor (${ratio('portal').toFixed(2)})`);
  lines.push(`${verdict(ratio('caseload') >= 0.33)}  caseload >= 0.33 x floor (${ratio('caseload').toFixed(2)})`);
  lines.push(`${verdict(ratio('signOffs') >= 0.33)}  sign-off queue >= 0.33 x floor (${ratio('signOffs').toFixed(2)})`);
  for (const pair of sizePairs) {
    lines.push(`${verdict(pair.small.queries === pair.large.queries)}  constant queries per request on ${pair.label} (${pair.small.queries} small, ${pair.large.queries} large)`);
  }
  return lines;
}
