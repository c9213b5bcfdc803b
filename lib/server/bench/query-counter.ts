import 'server-only';

// Counts the SQL statements Prisma sends, for `npm run bench` only (REGIMEN_COUNT_QUERIES=1; see db.ts).
// Kept on globalThis so every route bundle of the production server adds to, and reads, the same number.
// While the bench asks for it (captureStatements), each statement's text, parameters and time are kept
// too, so the bench can show the plan of a page's slowest statement; never during a load run.
export type CapturedStatement = { sql: string; params: string; durationMs: number };
type QueryCounter = { count: number; captured: CapturedStatement[] | null };
type QueryEvent = { query: string; params: string; duration: number | bigint };

const MAX_CAPTURED = 2_000;

const counter: QueryCounter = ((globalThis as unknown as { regimenQueryCounter?: QueryCounter }).regimenQueryCounter ??= { count: 0, captured: null });

export function isCountingQueries(): boolean {
  return process.env.REGIMEN_COUNT_QUERIES === '1';
}

export function recordQuery(event: QueryEvent): void {
  counter.count += 1;
  if (counter.captured && counter.captured.length < MAX_CAPTURED) {
    counter.captured.push({ sql: event.query, params: event.params, durationMs: Number(event.duration) });
  }
}

/** Statements sent since the server started. The bench reads it before and after N requests. */
export function queryCount(): number {
  return counter.count;
}

/** Starts keeping every statement (forgetting any kept before). */
export function captureStatements(): void {
  counter.captured = [];
}

/** The statements kept since captureStatements, and stops keeping them. */
export function takeCapturedStatements(): CapturedStatement[] {
  const captured = counter.captured ?? [];
  counter.captured = null;
  return captured;
}
