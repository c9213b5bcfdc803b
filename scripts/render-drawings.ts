// Writes every exercise drawing to a folder (default /tmp/drawings) with contact sheets to look at them:
//   npx tsx scripts/render-drawings.ts [folder] [--screenshot]
// sheet-N.html   every drawing, still and moving, with its description and sizes
// frames-N.html  the moving drawings stopped at the start, half-way and the end
// phone-N.html   the still drawings at a phone's width (390 px)
// --screenshot   also saves a .png of each page with headless Chromium (CHROMIUM_PATH or /usr/bin/chromium)

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXERCISE_DRAWINGS } from '../lib/domain/drawings/exercise-drawings';
import { renderIllustrationSvg } from '../lib/domain/drawings/render-svg';

const args = process.argv.slice(2);
const folder = args.find((arg) => !arg.startsWith('--')) ?? '/tmp/drawings';
const wantsScreenshots = args.includes('--screenshot');
mkdirSync(folder, { recursive: true });

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;

type Row = { name: string; still: string; moving: string; description: string; hasEnd: boolean };
const rows: Row[] = Object.entries(EXERCISE_DRAWINGS).map(([name, illustration], index) => ({
  name,
  still: renderIllustrationSvg(illustration, { variant: 'static', idPrefix: `s${index}` }),
  moving: renderIllustrationSvg(illustration, { variant: 'animated', idPrefix: `a${index}` }),
  description: illustration.description,
  hasEnd: illustration.end !== null,
}));

for (const row of rows) {
  writeFileSync(path.join(folder, `${slug(row.name)}.svg`), row.still);
  writeFileSync(path.join(folder, `${slug(row.name)}-animated.svg`), row.moving);
}

const page = (title: string, css: string, body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><style>body{font:14px system-ui,sans-serif;margin:16px;color:#1c2430}${css}</style><body>${body}</body></html>`;

const sizes = (svg: string) => `${kb(Buffer.byteLength(svg))} (${kb(gzipSync(svg).length)} gzip)`;

const pages = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));
const PER_PAGE = 6;
const written: Array<{ file: string; size: string }> = [];

pages(rows, PER_PAGE).forEach((chunk, i) => {
  const file = `sheet-${i + 1}`;
  writeFileSync(
    path.join(folder, `${file}.html`),
    page(
      'Exercise drawings',
      '.row{display:grid;grid-template-columns:180px 520px 300px;gap:12px;align-items:center;border-bottom:1px solid #ddd;padding:6px 0}.row svg{width:100%;height:auto;background:#fff;border:1px solid #eee}h2{font-size:15px;margin:0}p{margin:2px 0}',
      chunk
        .map(
          (row) =>
            `<div class="row"><div><h2>${escape(row.name)}</h2><p>${escape(row.description)}</p><p>still ${sizes(row.still)}</p><p>moving ${sizes(row.moving)}</p></div>${row.still}${row.hasEnd ? row.moving : '<div></div>'}</div>`,
        )
        .join(''),
    ),
  );
  written.push({ file, size: `1040,${chunk.length * 250 + 40}` });
});

// A negative delay with the animation paused shows the frame at that moment: 0 s the start, 2 s half-way, 4 s the end.
const framesCss = [0, 2, 4].map((t, i) => `.f${i} svg g{animation-delay:-${t}s!important;animation-play-state:paused!important}`).join('');
const moving = rows.filter((row) => row.hasEnd);
pages(moving, 8).forEach((chunk, i) => {
  const file = `frames-${i + 1}`;
  writeFileSync(
    path.join(folder, `${file}.html`),
    page(
      'Movement frames',
      `${framesCss}.row{display:grid;grid-template-columns:140px repeat(3,300px);gap:8px;align-items:center;border-bottom:1px solid #ddd}.row svg{width:100%;height:auto}h2{font-size:14px}`,
      chunk
        .map((row, r) => {
          const cells = [0, 1, 2].map((f) => `<div class="f${f}">${renderIllustrationSvg(EXERCISE_DRAWINGS[row.name]!, { variant: 'animated', idPrefix: `f${f}p${i}r${r}` })}</div>`);
          return `<div class="row"><h2>${escape(row.name)}</h2>${cells.join('')}</div>`;
        })
        .join(''),
    ),
  );
  written.push({ file, size: `1100,${chunk.length * 240 + 40}` });
});

pages(rows, 8).forEach((chunk, i) => {
  const file = `phone-${i + 1}`;
  writeFileSync(
    path.join(folder, `${file}.html`),
    page(
      'Phone width',
      'body{width:358px}figure{margin:0 0 14px}svg{width:100%;height:auto;border:1px solid #eee}figcaption{font-size:15px}h2{font-size:16px;margin:0}',
      chunk.map((row) => `<figure><h2>${escape(row.name)}</h2>${row.still}<figcaption>${escape(row.description)}</figcaption></figure>`).join(''),
    ),
  );
  written.push({ file, size: `390,${chunk.length * 230 + 40}` });
});

const stills = rows.map((row) => Buffer.byteLength(row.still)).sort((a, b) => a - b);
const movings = rows.filter((row) => row.hasEnd).map((row) => Buffer.byteLength(row.moving)).sort((a, b) => a - b);
const summary = (list: number[]) => `min ${kb(list[0] ?? 0)}, median ${kb(list[Math.floor(list.length / 2)] ?? 0)}, max ${kb(list.at(-1) ?? 0)}`;
console.log(`${rows.length} drawings in ${folder}`);
console.log(`still:  ${summary(stills)}`);
console.log(`moving: ${summary(movings)}`);

if (wantsScreenshots) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  for (const { file: name, size } of written) {
    execFileSync(chromium, [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--window-size=${size}`,
      `--screenshot=${path.join(folder, `${name}.png`)}`,
      `file://${path.join(folder, `${name}.html`)}`,
    ], { stdio: 'ignore' });
    console.log(`screenshot: ${path.join(folder, `${name}.png`)}`);
  }
}
