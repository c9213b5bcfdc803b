// The printed programme: how long the server takes to make the PDF of a twelve-exercise programme, one request at a
// time (the median of several), and what it made (pages, bytes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Pages of a PDF by pdfinfo (poppler-utils), null when pdfinfo is missing. */
function pageCount(pdf) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'regimen-bench-pdf-'));
  try {
    const file = path.join(scratch, 'programme.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(info.match(/^Pages:\s+(\d+)/m)?.[1] ?? NaN);
  } catch {
    return null;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function programmePdfTime(baseUrl, cookie, requests = 10) {
  const times = [];
  let pdf = null;
  for (let i = 0; i < requests + 1; i += 1) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/programme`, { headers: { cookie } });
    const body = Buffer.from(await response.arrayBuffer());
    const elapsed = performance.now() - started;
    if (response.status !== 200 || response.headers.get('content-type') !== 'application/pdf') throw new Error(`GET /api/programme answered ${response.status}`);
    // The first request warms the fonts and the renderer up; it is not counted.
    if (i > 0) times.push(elapsed);
    pdf = body;
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), requests, bytes: pdf.length, pages: pageCount(pdf) };
}
