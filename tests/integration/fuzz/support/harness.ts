// The three properties every fuzzed data-access function must keep, checked on every input:
//   1. it answers or refuses with an AppError whose code is an ordinary refusal (never a TypeError, a raw
//      Prisma error, or anything toAppError would turn into UNAVAILABLE, i.e. a 5xx);
//   2. a refusal writes nothing: the rows of the fuzz world's clinics are the same before and after;
//   3. the refusal's message is a plain sentence a clinician or patient can read.
import fc from 'fast-check';
import { db } from '@/lib/server/db';
import { AppError, toAppError, type AppErrorCode } from '@/lib/server/errors';

/** Fixed by default so a failure reproduces; FUZZ_SEED explores other inputs, FUZZ_SCALE=10 runs ten times as many. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);

export const REFUSAL_CODES: readonly AppErrorCode[] = ['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'];

// ---------------------------------------------------------------------------------------------------
// Inputs tried and accepted, per function: printed once at the end for the report. "Accepted" shows the
// valid-shape space was reached too, not only refusals.

const inputsTried = new Map<string, { tried: number; accepted: number }>();

function countInput(fn: string, isAccepted: boolean): void {
  const counts = inputsTried.get(fn) ?? { tried: 0, accepted: 0 };
  counts.tried += 1;
  if (isAccepted) counts.accepted += 1;
  inputsTried.set(fn, counts);
}

export function inputCountReport(): string {
  const rows = [...inputsTried.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([fn]) => fn.length), 'total'.length);
  const total = rows.reduce((sum, [, counts]) => ({ tried: sum.tried + counts.tried, accepted: sum.accepted + counts.accepted }), { tried: 0, accepted: 0 });
  const line = (fn: string, { tried, accepted }: { tried: number; accepted: number }) => `  ${fn.padEnd(width)}  ${String(tried).padStart(6)}  ${String(accepted).padStart(8)}`;
  return [`Fuzz inputs (seed ${FUZZ_SEED}, scale ${FUZZ_SCALE}):`, `  ${''.padEnd(width)}   tried  accepted`, ...rows.map(([fn, counts]) => line(fn, counts)), line('total', total)].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Property 3: what a refusal may say.

// Words and shapes that only appear when an internal error, a stack or a library's default text leaks out.
const LEAKS: readonly [RegExp, string][] = [
  [/prisma/i, 'names Prisma'],
  [/PrismaClient|TypeError|RangeError|ReferenceError|ZodError|SyntaxError/, 'names an internal error class'],
  [/\b(invalid_type|invalid_union|invalid_value|invalid_format|invalid_key|invalid_element|too_small|too_big|unrecognized_keys|not_multiple_of)\b/, 'contains a zod issue code'],
  [/Invalid input: expected|expected \w+, received \w+|Too (small|big): expected|Unrecognized keys?:|Invalid (string|option|input)\b(?!\.)/, "is zod's default wording, not written for the user"],
  [/(^|\n)\s*at\s+\S+.*(\(|:\d+:\d+)/, 'contains a stack trace line'],
  [/\.(ts|tsx|js|mjs):\d+|node_modules|\/work\//, 'contains a source path'],
  [/\bundefined\b/, "says 'undefined'"],
  [/\bNaN\b/, "says 'NaN'"],
  [/\[object \w+\]/, "says '[object …]'"],
  [/\b(select|insert|update|delete)\b[^.]*\b(from|into|set|where)\b/i, 'contains SQL'],
  [/violates|constraint|duplicate key|relation "|column "|out of range for type|invalid byte sequence|syntax error at|\bP\d{4}\b|\b\d{5}\b.*SQLSTATE/i, 'contains a database error'],
  // Tab and line breaks read as spaces; the other control characters are invisible or drive terminals.
  [/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/, 'contains a control character'],
  [/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, 'contains a broken (lone surrogate) character'],
];

const MAX_MESSAGE_LENGTH = 600;

/** Why a refusal message is not fit to show, or [] when it is. */
export function messageProblems(message: unknown): string[] {
  if (typeof message !== 'string') return [`the message is a ${typeof message}, not text`];
  const problems: string[] = [];
  if (message.trim().length < 5) problems.push('the message is empty');
  if (message.length > MAX_MESSAGE_LENGTH) problems.push(`the message is ${message.length} characters long (a sentence is at most ${MAX_MESSAGE_LENGTH})`);
  if (!/[A-Za-z]{2,}/.test(message)) problems.push('the message has no words');
  if (!/[.!?]["”')]?$/.test(message.trim())) problems.push('the message does not end like a sentence');
  for (const [pattern, problem] of LEAKS) if (pattern.test(message)) problems.push(`the message ${problem}`);
  return problems;
}

function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${clip(error.message)}`;
  return `${typeof error}: ${clip(String(error))}`;
}

// A broken property throws, so fast-check shrinks the input and reports the smallest one that breaks it.
function reportProblem(problem: string): never {
  throw new Error(problem);
}

/** Properties 1 and 3 for one thrown value. */
export function cleanRefusalProblem(error: unknown, allowed: readonly AppErrorCode[] = REFUSAL_CODES): string | null {
  if (!(error instanceof AppError)) {
    // What the user would have seen: toAppError's UNAVAILABLE, i.e. a 5xx.
    return `threw ${describeThrown(error)} instead of an AppError (the user would get ${toAppError(error).code})`;
  }
  if (!allowed.includes(error.code)) return `refused with ${error.code} (${clip(error.message)}); expected one of ${allowed.join(', ')}`;
  const problems = messageProblems(error.message);
  if (problems.length > 0) return `refused with ${error.code}, but ${problems.join('; ')}: ${JSON.stringify(clip(error.message, 300))}`;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Property 2: what "nothing was written" means.

/**
 * Every row a data-access function could write, restricted to the fuzz world's clinics (other test files
 * share the database): per table, the row count and an md5 of the rows' full text, so an update that
 * changes any column (updatedAt included) shows. The audit trail is append-only (a trigger refuses
 * changes), so for it the count and newest id of its rows suffice. Audit rows with outcome FAILURE or
 * DENIED are left out on purpose: they are how a refusal is recorded (a wrong signature password, a
 * failed sign-in, a refused read), and recording a refusal is not a write the refusal should have avoided.
 */
const SNAPSHOT_SQL = `
WITH clinic AS (SELECT unnest($1::text[]) AS id),
  u AS (SELECT * FROM "User" WHERE "clinicId" IN (SELECT id FROM clinic)),
  pr AS (SELECT * FROM "Protocol" WHERE "clinicId" IN (SELECT id FROM clinic)),
  ph AS (SELECT * FROM "ProtocolPhase" WHERE "protocolId" IN (SELECT id FROM pr)),
  pa AS (SELECT * FROM "Patient" WHERE "clinicId" IN (SELECT id FROM clinic)),
  ep AS (SELECT * FROM "Episode" WHERE "patientId" IN (SELECT id FROM pa)),
  pl AS (SELECT * FROM "Plan" WHERE "episodeId" IN (SELECT id FROM ep)),
  pv AS (SELECT * FROM "PlanVersion" WHERE "planId" IN (SELECT id FROM pl)),
  so AS (SELECT * FROM "SurgeonOrder" WHERE "episodeId" IN (SELECT id FROM ep)),
  me AS (SELECT * FROM "ExerciseMedia" WHERE "clinicId" IN (SELECT id FROM clinic))
SELECT json_build_object(
  'Clinic', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "Clinic" t WHERE id IN (SELECT id FROM clinic)),
  'User', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM u t),
  'UserSession', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "UserSession" t WHERE "userId" IN (SELECT id FROM u)),
  -- A user's second factors, recovery codes and passkey challenges (lib/server/second-factor, lib/server/auth).
  'Passkey', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "Passkey" t WHERE "userId" IN (SELECT id FROM u)),
  'TotpFactor', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "TotpFactor" t WHERE "userId" IN (SELECT id FROM u)),
  'RecoveryCode', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "RecoveryCode" t WHERE "userId" IN (SELECT id FROM u)),
  -- A passkey challenge is used up by any answer, right or wrong (single use), so "usedAt" is left out: a refusal
  -- may spend the challenge it was answering, but may make or delete none.
  'AuthChallenge', (SELECT count(*) || ':' || coalesce(md5(string_agg(concat_ws('#', t."id", t."userId", t."purpose", t."challenge", t."expiresAt"), '|' ORDER BY t."id")), '') FROM "AuthChallenge" t WHERE "userId" IN (SELECT id FROM u)),
  'Invitation', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "Invitation" t WHERE "userId" IN (SELECT id FROM u)),
  'Exercise', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "Exercise" t WHERE "clinicId" IN (SELECT id FROM clinic)),
  'Protocol', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM pr t),
  'ProtocolPhase', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ph t),
  'ProtocolPhaseExercise', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "ProtocolPhaseExercise" t WHERE "phaseId" IN (SELECT id FROM ph)),
  'Patient', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM pa t),
  'CareTeamMember', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "CareTeamMember" t WHERE "patientId" IN (SELECT id FROM pa)),
  'Episode', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ep t),
  'Plan', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM pl t),
  'PlanVersion', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM pv t),
  'PlanItem', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "PlanItem" t WHERE "versionId" IN (SELECT id FROM pv)),
  'SignOff', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "SignOff" t WHERE "patientId" IN (SELECT id FROM pa)),
  'SessionLog', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "SessionLog" t WHERE "patientId" IN (SELECT id FROM pa)),
  'WarningSignReport', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "WarningSignReport" t WHERE "patientId" IN (SELECT id FROM pa)),
  'Alert', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "Alert" t WHERE "patientId" IN (SELECT id FROM pa)),
  'ReminderPreference', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "ReminderPreference" t WHERE "patientId" IN (SELECT id FROM pa)),
  'CalendarFeed', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "CalendarFeed" t WHERE "patientId" IN (SELECT id FROM pa)),
  'MailMessage', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "MailMessage" t WHERE "clinicId" IN (SELECT id FROM clinic)),
  'SurgeonOrder', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM so t),
  'SurgeonOrderRestriction', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "SurgeonOrderRestriction" t WHERE "orderId" IN (SELECT id FROM so)),
  'ExerciseMedia', (SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM me t),
  -- The stored bytes of the clinics' photos and videos (each chunk by its hash), kept and half-written alike:
  -- media storage keys start with exercise-media/<clinic id>/ (lib/server/media/store-exercise-media.ts).
  'MediaChunk', (SELECT count(*) || ':' || coalesce(md5(string_agg(t."storageKey" || '#' || t."position" || '#' || md5(t."bytes"), '|' ORDER BY t."storageKey", t."position")), '')
    FROM "MediaChunk" t WHERE EXISTS (SELECT 1 FROM clinic c WHERE t."storageKey" LIKE 'exercise-media/' || c.id || '/%')),
  'AuditEvent', (SELECT count(*) || ':' || coalesce(max(id)::text, '') FROM "AuditEvent" WHERE "clinicId" IN (SELECT id FROM clinic) AND outcome NOT IN ('FAILURE', 'DENIED'))
) AS snapshot`;

export type Snapshot = Record<string, string>;

export async function snapshotOf(clinicIds: readonly string[]): Promise<Snapshot> {
  const [row] = await db.$queryRawUnsafe<{ snapshot: Snapshot }[]>(SNAPSHOT_SQL, clinicIds);
  if (!row) throw new Error('snapshot query returned no row');
  return row.snapshot;
}

/** The tables whose rows differ between two snapshots. */
function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}

// ---------------------------------------------------------------------------------------------------
// Values printed briefly in a counterexample and made only when the input is used: a 100,000-character
// string, or the current lock number of a draft (which changes as the fuzzing saves).

export class Deferred {
  constructor(
    readonly label: string,
    /** Makes the value; calls wrote() when doing so wrote to the database (set-up such as reopening a draft). */
    readonly make: (wrote: () => void) => unknown,
  ) {}
  [fc.toStringMethod](): string {
    return `«${this.label}»`;
  }
}

export const deferred = (label: string, make: (wrote: () => void) => unknown) => new Deferred(label, make);

// fc.record builds objects with a null prototype; they are made into ordinary objects here, as any caller
// of the data layer would have them.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The input with every Deferred in it made, in plain objects and arrays (a few levels deep). */
export async function materialize(value: unknown, scope: FuzzScope, depth = 0): Promise<unknown> {
  // A labelled choice can name a live value: make until it is a value.
  if (value instanceof Deferred) return materialize(await value.make(() => invalidate(scope)), scope, depth);
  if (depth > 3) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(await materialize(item, scope, depth + 1));
    return items;
  }
  if (!isPlainObject(value)) return value;
  const made: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty keeps a key such as "__proto__" an ordinary own field, as JSON.parse would.
    Object.defineProperty(made, key, { value: await materialize(value[key], scope, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return made;
}

// ---------------------------------------------------------------------------------------------------
// Running one input.

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The clinics whose rows property 2 watches, and the last snapshot of them while it is known to be current.
 * It stops being current when a call succeeds, when a property starts (set-up ran in between), and when an
 * input's set-up writes (invalidate()). A missed invalidation can only make a refusal look like a write
 * (a false alarm), never hide one.
 */
export type FuzzScope = { clinicIds: readonly string[]; known?: Snapshot | null };

export function invalidate(scope: FuzzScope): void {
  scope.known = null;
}

/**
 * One fuzz input: counts it, calls the function, and checks properties 1 to 3. Returns what happened so
 * the caller can check what an accepted input stored.
 *
 * A refusal that sent no statement able to write (most malformed input is refused by zod before any
 * query; most other refusals only read) cannot have written anything, so the rows are compared only after
 * one that did (see watchStatements()). The same goes for a read, and for a sign-in answered with null.
 */
export async function probe<T>(
  fn: string,
  scope: FuzzScope,
  call: () => Promise<T>,
  {
    allowed = REFUSAL_CODES,
    isReadOnly = false,
    readMayChange = [],
    isRefusal = () => false,
  }: {
    allowed?: readonly AppErrorCode[];
    /** A read: it must write nothing even when it answers. */
    isReadOnly?: boolean;
    /**
     * Tables a read may still change when it answers: a read of a patient's record appends its own audit row
     * (the caller checks that row). A refusal may change none.
     */
    readMayChange?: readonly string[];
    /** For a function that refuses by returning (sign-in answers null): such an answer must write nothing. */
    isRefusal?: (value: T) => boolean;
  } = {},
): Promise<Outcome<T>> {
  scope.known ??= await snapshotOf(scope.clinicIds);
  const before = scope.known;
  const writesBefore = writeStatements;
  let value: T;
  try {
    value = await call();
  } catch (error) {
    countInput(fn, false);
    const problem = cleanRefusalProblem(error, allowed);
    if (problem) reportProblem(problem);
    if (writeStatements === writesBefore) return { ok: false, error };
    const after = await snapshotOf(scope.clinicIds);
    scope.known = after;
    const changed = changedTables(before, after);
    if (changed.length > 0) {
      const code = error instanceof AppError ? error.code : 'an error';
      reportProblem(`${fn} refused (${code}: ${clip(error instanceof Error ? error.message : String(error), 200)}) but changed ${changed.join(', ')}`);
    }
    return { ok: false, error };
  }
  const isRefused = isRefusal(value);
  countInput(fn, !isRefused);
  if (!isReadOnly && !isRefused) {
    invalidate(scope);
    return { ok: true, value };
  }
  if (writeStatements === writesBefore) return { ok: true, value };
  const after = await snapshotOf(scope.clinicIds);
  scope.known = after;
  const changed = changedTables(before, after).filter((table) => isRefused || !readMayChange.includes(table));
  if (changed.length > 0) reportProblem(`${fn} ${isRefused ? 'refused' : 'only reads'}, but changed ${changed.join(', ')}`);
  return { ok: true, value };
}

// Statements that may write: anything but a SELECT (an INSERT, UPDATE or DELETE, and, to be safe, any
// other kind). Counted from Prisma's query events, which lib/server/db.ts emits when
// REGIMEN_COUNT_QUERIES=1 (set by fuzz.test.ts before the client is made).
let statementsSeen = 0;
let writeStatements = 0;
let isWatching = false;

/**
 * Starts counting statements, and fails unless it works: property 2 compares rows only after a refusal
 * that sent a statement able to write, so a counter that missed statements would hide writes.
 */
export async function watchStatements(): Promise<void> {
  if (!isWatching) {
    const client = db as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void };
    client.$on('query', (event) => {
      statementsSeen += 1;
      if (!/^\s*SELECT\b/i.test(event.query)) writeStatements += 1;
    });
    isWatching = true;
  }
  const [seen, writes] = [statementsSeen, writeStatements];
  await db.clinic.findFirst({ select: { id: true } });
  await db.$transaction(async (tx) => tx.clinic.updateMany({ where: { id: { in: [] } }, data: { name: 'never' } }));
  if (statementsSeen - seen < 2 || writeStatements - writes < 1) {
    throw new Error('SQL statements are not being seen: set REGIMEN_COUNT_QUERIES=1 before lib/server/db is imported');
  }
}

/** A stable number for a property's name, so each property has its own fixed seed. */
function seedFor(name: string): number {
  let hash = FUZZ_SEED;
  for (const character of name) hash = (Math.imul(hash, 31) + character.charCodeAt(0)) | 0;
  return hash;
}

/** fc.assert for one property, with its own fixed seed and FUZZ_SCALE applied to the number of runs. */
export async function fuzz<T>(name: string, scope: FuzzScope, runs: number, arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>): Promise<void> {
  invalidate(scope);
  await fc.assert(
    fc.asyncProperty(arbitrary, check),
    { numRuns: Math.max(1, Math.round(runs * FUZZ_SCALE)), seed: seedFor(name) },
  );
}

/** A field of an input that may not be an object at all (a hostile input can be null, a string, a list). */
export function fieldOf(input: unknown, key: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
}
