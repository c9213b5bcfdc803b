// Lighthouse (the `lighthouse` package, with Debian's Chromium) on a signed-in page at its default mobile
// settings: a mid-range phone on a slow 4G connection, simulated. Scores are 0 to 100.
import { existsSync } from 'node:fs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

function chromiumPath() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean).find((candidate) => existsSync(candidate));
}

/**
 * The page's scores, and the metrics behind the performance score; null when there is no Chromium here.
 * The session cookie goes in as a header on every request Lighthouse makes, as a signed-in phone would send it.
 */
export async function lighthouseScores(baseUrl, path, cookie) {
  const chromePath = chromiumPath();
  if (!chromePath) return null;
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import('lighthouse'), import('chrome-launcher')]);
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const result = await lighthouse(`${baseUrl}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, extraHeaders: cookie ? { Cookie: cookie } : undefined });
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const metric = (id) => lhr.audits[id]?.displayValue ?? 'n/a';
    // The page Lighthouse ended on: a redirect to /login would mean the cookie did not sign it in.
    return {
      path,
      finalUrl: lhr.finalDisplayedUrl,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      metrics: { fcp: metric('first-contentful-paint'), lcp: metric('largest-contentful-paint'), tbt: metric('total-blocking-time'), cls: metric('cumulative-layout-shift') },
      failing: Object.values(lhr.audits)
        .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'notApplicable' && audit.scoreDisplayMode !== 'manual')
        .map((audit) => audit.id),
    };
  } finally {
    await chrome.kill();
  }
}
