import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ACTOR_KEYS } from './support/actors';
import { checkPageCell, inPool, projectRoot } from './support/checks';
import { buildFolder } from './support/server-actions';
import { sharedSession } from './support/shared-session';
import { PAGE_ROWS, PUBLIC_ROUTES, type PageExpect } from './matrix/pages';

// Issue "Trust", item 1, pages and route handlers: every page and route handler, as every actor (the four
// roles of two clinics, the second care team, signed out), over plain HTTP. Each test is one row of the
// matrix (one page or route, all eleven actors); each cell checks the status, what the answer shows or
// withholds, and that the HTML and its inline React Server Components payload carry nothing the viewer may
// not see (see support/payload.ts for the rules).

const open = sharedSession(test);

function outcomeOf(expected: PageExpect): string {
  return expected.kind === 'status' ? `HTTP ${expected.status}` : expected.kind;
}

for (const row of PAGE_ROWS) {
  test(`${row.verb} ${row.resources.join(' + ')}: ${row.title}`, async ({}, testInfo) => {
    testInfo.setTimeout(240_000);
    await inPool(3, ACTOR_KEYS, (actor) => checkPageCell(open(), row, actor, row.expect[actor]));
    const outcomes = ACTOR_KEYS.map((actor) => outcomeOf(row.expect[actor]));
    testInfo.annotations.push({ type: 'cells', description: `${outcomes.length}: ${summarize(outcomes)}` });
  });
}

test('every route of the build is in the page matrix or is public', async ({}, testInfo) => {
  const manifest = JSON.parse(readFileSync(path.join(buildFolder(projectRoot(testInfo)), 'server', 'app-paths-manifest.json'), 'utf8')) as Record<string, string>;
  const covered = new Set([...PAGE_ROWS.map((row) => row.route), ...Object.keys(PUBLIC_ROUTES)]);
  const uncovered = Object.keys(manifest).filter((route) => !covered.has(route));
  expect(uncovered, 'routes with no row in tests/e2e/authz/matrix/pages.ts').toEqual([]);
});

function summarize(outcomes: string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
}

test('page matrix size', async ({}, testInfo) => {
  const outcomes = PAGE_ROWS.flatMap((row) => ACTOR_KEYS.map((actor) => outcomeOf(row.expect[actor])));
  const description = `${outcomes.length} page and route cells (${PAGE_ROWS.length} rows x ${ACTOR_KEYS.length} actors): ${summarize(outcomes)}`;
  testInfo.annotations.push({ type: 'cells', description });
  console.log(`authorization matrix: ${description}`);
  expect(outcomes.length).toBe(PAGE_ROWS.length * ACTOR_KEYS.length);
});
