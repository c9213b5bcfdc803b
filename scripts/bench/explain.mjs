// The plan of a route's heaviest statement: the statements the server captured while the bench counted
// queries (scripts/bench/query-count.mjs), grouped by their text, the one with the longest median time
// run again under EXPLAIN (ANALYZE, BUFFERS) with the same parameters it was sent with.
import pg from 'pg';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Transaction control and the audit append are not what a page reads: never the "heaviest" read. */
const isPlannable = (sql) => /^\s*(SELECT|WITH|UPDATE|INSERT|DELETE)\b/i.test(sql);

export function heaviestStatement(statements) {
  const bySql = new Map();
  for (const statement of statements) {
    if (!isPlannable(statement.sql)) continue;
    const group = bySql.get(statement.sql) ?? { sql: statement.sql, params: statement.params, durations: [] };
    group.durations.push(statement.durationMs);
    bySql.set(statement.sql, group);
  }
  let heaviest = null;
  for (const group of bySql.values()) {
    const medianMs = median(group.durations);
    if (!heaviest || medianMs > heaviest.medianMs) heaviest = { sql: group.sql, params: group.params, medianMs, timesPerRequestSet: group.durations.length };
  }
  return heaviest;
}

function parseParams(params) {
  try {
    const parsed = JSON.parse(params ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of a read, inside a transaction rolled back (a write's plan changes nothing). */
export async function explainStatement(databaseUrl, statement) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, parseParams(statement.params));
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } catch (error) {
    return `(could not explain: ${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
}
