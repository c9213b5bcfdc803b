import 'server-only';

// Counts the SQL statements Prisma sends, for `npm run bench` only (REGIMEN_COUNT_QUERIES=1; see db.ts).
// Kept on globalThis so every route bundle of the production server adds to, and reads, the same number.
type QueryCounter = { count: number };

const counter: QueryCounter = ((globalThis as unknown as { regimenQueryCounter?: QueryCounter }).regimenQueryCounter ??= { count: 0 });

export function isCountingQueries(): boolean {
  return process.env.REGIMEN_COUNT_QUERIES === '1';
}

export function recordQuery(): void {
  counter.count += 1;
}

/** Statements sent since the server started. The bench reads it before and after N requests. */
export function queryCount(): number {
  return counter.count;
}
