// A CPU profile (node --cpu-prof) summarized: self time by where the code lives (Next.js and React's
// server rendering, Prisma's runtime and its query compiler in WebAssembly, the pg driver, the app's own
// bundles, garbage collection) and the functions with the most self time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatTable } from './report.mjs';

const AREAS = [
  ['Prisma query compiler (Wasm)', (url, name) => url.startsWith('wasm://') || /query_compiler|wasm/i.test(url) || /^\$?wasm-function/.test(name)],
  ['Prisma client runtime', (url) => /@prisma\/client|prisma\/runtime|generated\/prisma|client-engine-runtime/.test(url)],
  ['pg driver', (url) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|@prisma\/adapter-pg)\//.test(url)],
  ['React server rendering', (url) => /react-dom|react-server|react\.|app-page.*runtime/.test(url)],
  ['Next.js', (url) => /node_modules\/next\//.test(url)],
  ['next-auth / jose (session)', (url) => /next-auth|jose|openid/.test(url)],
  ['app bundles (.next-bench/server)', (url) => /\.next-bench[^/]*\/server/.test(url)],
  ['Node.js internals', (url) => url.startsWith('node:') || url === ''],
];

function areaOf(callFrame) {
  if (callFrame.functionName === '(garbage collector)') return 'garbage collection';
  if (callFrame.functionName === '(idle)') return 'idle';
  if (callFrame.functionName === '(program)') return 'program (native, unattributed)';
  for (const [area, matches] of AREAS) if (matches(callFrame.url, callFrame.functionName)) return area;
  return 'other';
}

/**
 * `skipMs`: the first milliseconds of each profile left out (the server starting, loading its bundles and
 * the warm-up), so the summary is the measured run; `requests`: how many it answered, for ms/request.
 */
export function summarizeProfiles(dir, { requests = 0, skipMs = 0, topFunctions = 12 } = {}) {
  let files;
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  } catch {
    return '(no profile written)';
  }
  const byArea = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas;
    let elapsedUs = 0;
    profile.samples.forEach((id, index) => {
      const node = nodes.get(id);
      const us = deltas[index] ?? 0;
      elapsedUs += us;
      if (elapsedUs < skipMs * 1000) return;
      const area = areaOf(node.callFrame);
      if (area === 'idle') return;
      total += us;
      byArea.set(area, (byArea.get(area) ?? 0) + us);
      const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    });
  }
  if (total === 0) return '(empty profile)';
  const share = (us) => `${((100 * us) / total).toFixed(1)}%`;
  // Per request: the profile covers the warm-up and the run, `requests` answered in all.
  const perRequest = (us) => (requests > 0 ? (us / 1000 / requests).toFixed(2) : '-');
  const areas = [...byArea].sort((a, b) => b[1] - a[1]).map(([area, us]) => [area, share(us), perRequest(us)]);
  areas.push(['total (busy)', '100%', perRequest(total)]);
  const functions = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, topFunctions).map(([name, us]) => [name.slice(0, 110), share(us), perRequest(us)]);
  return `${formatTable(['where (self time, busy only)', 'share', 'ms/request'], areas)}\n\n${formatTable(['function', 'share', 'ms/request'], functions)}`;
}
