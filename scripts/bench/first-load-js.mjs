// First-load JavaScript: what a browser downloads before a page is interactive, i.e. every
// `<script src="/_next/static/...">` in the page's HTML (less the noModule polyfills), raw and gzipped.
import { gzipSync } from 'node:zlib';
import { getPage } from './http.mjs';

function scriptSources(html) {
  const sources = new Set();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    // Polyfills for browsers without ES modules: every current browser skips a noModule script.
    if (/\snomodule\b/i.test(tag)) continue;
    const src = tag.match(/\ssrc="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
    if (src?.startsWith('/_next/static/')) sources.add(src);
  }
  return [...sources];
}

export async function firstLoadJs(baseUrl, path, cookie) {
  const html = await getPage(baseUrl, path, cookie);
  const sources = scriptSources(html);
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const response = await fetch(`${baseUrl}${src}`);
    if (!response.ok) throw new Error(`GET ${src} answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { path, scripts: sources, raw, gzip };
}
