// Fast bulk inserts for the benchmark's seed: one statement per few thousand rows, each column sent as a
// single array parameter and expanded with unnest(), the nearest thing to COPY that the driver adapter
// allows. About ten times faster here than createMany, whose per-row parameter handling dominates at
// 50,000 rows.
import { db } from '@/lib/server/db';

type ScalarType = 'text' | 'integer' | 'boolean' | 'date' | 'timestamp(3)' | 'jsonb' | `"${string}"`;
type SqlType = ScalarType | `${ScalarType}[]`;

/** The table's columns in insert order, each with its PostgreSQL type (enums by their quoted name). */
export type Columns<Row> = ReadonlyArray<readonly [column: keyof Row & string, type: SqlType]>;

const ROWS_PER_STATEMENT = 5_000;

function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => `"${String(value).replace(/[\\"]/g, (char) => `\\${char}`)}"`).join(',')}}`;
}

/**
 * Every value goes over as text and is cast by PostgreSQL, so dates are written exactly as Prisma
 * writes them: UTC wall-clock time in a `timestamp(3)` column, a calendar day in a `date` column.
 */
function asText(value: unknown, type: SqlType, column: string): string | null {
  if (value === null) return null;
  // Explicit values only: a missing one would be NULL here, not the column's default as in Prisma.
  if (value === undefined) throw new Error(`bulkInsert: no value for column "${column}"`);
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (type === 'jsonb') return JSON.stringify(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  return String(value);
}

export async function bulkInsert<Row>(table: string, columns: Columns<Row>, rows: readonly Row[]): Promise<void> {
  const names = columns.map(([column]) => `"${column}"`).join(', ');
  const casts = columns.map(([column, type]) => `t."${column}"::${type}`).join(', ');
  const arrays = columns.map((_, index) => `$${index + 1}::text[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${casts} FROM unnest(${arrays}) AS t(${names})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params = columns.map(([column, type]) => chunk.map((row) => asText(row[column], type, column)));
    await db.$executeRawUnsafe(sql, ...params);
  }
}
