// Hostile values for every field of every form, and builders for "a valid form with something wrong in it".
//
// Two spaces of values are fuzzed:
// - what a browser or a crafted POST can put in a form field: any string, a file, or nothing (form.get()
//   gives string | File | null);
// - what any caller of a data-access function could pass as `input: unknown`: the values a server action can
//   receive from React's wire format (JSON values plus undefined, NaN, ±Infinity, -0, bigint, Date, Map,
//   Set, File, typed arrays). Objects with a null prototype and symbols are left out: nothing that calls
//   the data layer can produce them.
import fc from 'fast-check';
import { SIDES } from '@/lib/domain/types';
import { deferred, type Deferred } from './harness';

/** A string made only when used and printed as a short label (a counterexample stays readable). */
export function huge(character: string, length = 100_000): Deferred {
  const count = Math.ceil(length / character.length);
  return deferred(`${JSON.stringify(character)} × ${count}`, () => character.repeat(count));
}

const CONTROL_CHARACTERS = fc.oneof(
  fc.integer({ min: 0x01, max: 0x1f }).map((code) => String.fromCharCode(code)),
  // DEL, C1 NEL, line/paragraph separators, a right-to-left override, zero-width space, BOM, non-characters.
  fc.constantFrom('\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u200b', '\ufeff', '\ufffe', '\uffff'),
);

// Half of a surrogate pair: valid in a JavaScript string, not encodable as UTF-8.
const LONE_SURROGATES = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');

const TRICKY_STRINGS = [
  '',
  ' ',
  ' \t\r\n ',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e3',
  '1e400',
  '0x10',
  ' 7 ',
  '2147483647',
  '2147483648',
  '9007199254740993',
  'true',
  'false',
  'on',
  '[object Object]',
  '{"a":1}',
  '["a"]',
  "' OR '1'='1",
  `'); DROP TABLE "User"; --`,
  '%',
  '_',
  '\\',
  '%_\\%',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'SIGN',
  'DECLINE',
  'SELF_DIRECTED',
  'ADMIN',
  'APPROVED',
  '2026-02-30',
  '0000-01-01',
  '+275760-09-13',
  'ÅÄÖ ß ﬁ İ ǅ',
  '👩🏽‍⚕️🦴',
  'Z̴̡̛͖a̷l̶g̴o̷',
];

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  // Past what a PostgreSQL integer column holds.
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, -1, 0, 0.5, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
);

/** Text around one character that is hard to store or to show. */
const around = (character: fc.Arbitrary<string>) => fc.tuple(fc.string({ maxLength: 12 }), character, fc.string({ maxLength: 12 })).map((parts) => parts.join(''));

export const nastyString: fc.Arbitrary<string | Deferred> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  // Numbers as a form sends them.
  { weight: 2, arbitrary: nastyNumber.map(String) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: around(CONTROL_CHARACTERS) },
  { weight: 2, arbitrary: around(LONE_SURROGATES) },
  { weight: 1, arbitrary: around(fc.constant('\u0000')) },
  { weight: 1, arbitrary: fc.constantFrom(huge('a'), huge('é'), huge('😀'), huge(' '), huge('\u0000', 1_000), huge('%_', 100_000)) },
);

export const uploadedFile = fc.string({ maxLength: 20 }).map((content) => new File([content], 'upload.txt', { type: 'text/plain' }));

/** Keys a caller may not set, or that only confuse a careless parser. */
export const TAMPER_KEYS = [
  'id',
  'status',
  'patientId',
  'clinicId',
  'userId',
  'role',
  'isActive',
  'passwordHash',
  'sessionVersion',
  'approvedById',
  'approvedAt',
  'approvedHash',
  'contentHash',
  'signatureHash',
  'lockVersion',
  'createdById',
  'surgeonId',
  'retiredAt',
  'decidedAt',
  'position',
  'number',
  '__proto__',
  'constructor',
  'prototype',
  '$ACTION_ID_0',
  '',
] as const;

/** A plain object with an own property for each entry (so "__proto__" is a field, as JSON.parse makes it). */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const tamperObject = fc.array(fc.tuple(fc.constantFrom(...TAMPER_KEYS), fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean())), { maxLength: 3 }).map(objectOf);

/** Any value a server action could receive and pass on. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
  { weight: 1, arbitrary: uploadedFile },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)), { maxLength: 4 }) },
  { weight: 1, arbitrary: tamperObject },
  {
    weight: 1,
    arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, stringUnit: 'binary' }),
  },
);

/** What form.get() can give for a field: any string, a file, or null when the field is missing. */
export const nastyFormValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 8, arbitrary: nastyString }, { weight: 1, arbitrary: uploadedFile }, { weight: 1, arbitrary: fc.constant(null) });

type Mutation = { kind: 'replace'; key: string; value: unknown } | { kind: 'delete'; key: string } | { kind: 'add'; key: string; value: unknown };

function mutationOf(keys: readonly string[], values: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), key: fc.constantFrom(...keys), value: values }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...keys) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom(...TAMPER_KEYS), value: values }) },
  );
}

function applyMutations(record: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const entries = new Map(Object.entries(record));
  for (const mutation of mutations) {
    if (mutation.kind === 'delete') entries.delete(mutation.key);
    else entries.set(mutation.key, mutation.value);
  }
  return objectOf([...entries.entries()]);
}

/**
 * A valid form, then up to three things wrong with it: a field replaced by a hostile value, a field left
 * out, or a field added that the caller may not set. Some inputs get no change at all and stay valid in
 * shape, so the fuzzing also reaches the permission checks and the database with other clinics' ids and
 * stale locks.
 */
export function mutatedForm(valid: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[], { values = nastyValue }: { values?: fc.Arbitrary<unknown> } = {}): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.array(mutationOf(keys, values), { maxLength: 3 })).map(([record, mutations]) => applyMutations(record, mutations));
}

/** Text that is valid JavaScript but hard to store or to show: the edge of every text column. */
export const hardText: fc.Arbitrary<string | Deferred> = fc.oneof(
  { weight: 3, arbitrary: around(LONE_SURROGATES) },
  { weight: 2, arbitrary: around(CONTROL_CHARACTERS) },
  { weight: 1, arbitrary: around(fc.constant('\u0000')) },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 1, arbitrary: fc.constantFrom(huge('a'), huge('😀'), huge(' ')) },
);

/** A valid form with exactly one of its text fields replaced by hard text, and nothing else wrong. */
function oneHardTextField(valid: fc.Arbitrary<Record<string, unknown>>, textKeys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.constantFrom(...textKeys), hardText).map(([record, key, value]) => applyMutations(record, [{ kind: 'replace', key, value }]));
}

/**
 * Every shape of input a data-access function taking `input: unknown` must survive: mostly mutated valid
 * forms (field values as a form sends them, and as code could pass them), sometimes not an object at all,
 * and, for forms with free text, valid forms whose only fault is one field of hard text.
 */
export function hostileInput(valid: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[], { textKeys = [] }: { textKeys?: readonly string[] } = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: mutatedForm(valid, keys, { values: nastyFormValue }) },
    { weight: 5, arbitrary: mutatedForm(valid, keys) },
    { weight: 1, arbitrary: nastyValue },
    ...(textKeys.length > 0 ? [{ weight: 3, arbitrary: oneHardTextField(valid, textKeys) }] : []),
  );
}

/** Lock numbers an editor never sends: past a database integer, negative, fractional, not a number. */
export const hostileLockVersion: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }).map(String),
  fc.constantFrom(-1, 1.5, Number.NaN, Infinity, '-1', '1.5', '1e3', '0x10', 'NaN', ''),
);

/** A whole number as code passes it or as a form field sends it. */
export function wholeNumber(min: number, max: number): fc.Arbitrary<number | string> {
  return fc.oneof(fc.integer({ min, max }), fc.integer({ min, max }).map(String));
}

/** A dosage field: a number in range, or empty (a form's blank field, or null from code). */
export function dosageNumber(min: number, max: number): fc.Arbitrary<number | string | null> {
  return fc.oneof({ weight: 3, arbitrary: wholeNumber(min, max) }, { weight: 1, arbitrary: fc.constantFrom('', null) });
}

/** A dosage as a form sends it: reps always given (so the dosage says how much to do), the rest in range or blank. */
export const dosageFields = {
  sets: dosageNumber(1, 10),
  reps: wholeNumber(1, 100),
  holdSeconds: dosageNumber(1, 300),
  timesPerDay: dosageNumber(1, 10),
  daysPerWeek: dosageNumber(1, 7),
  minutes: dosageNumber(1, 180),
  side: fc.constantFrom(...SIDES, ''),
};

/**
 * Text a clinician can type: printable characters from every script, and now and then a control character
 * (a stray tab or escape pasted in). Always valid UTF-8, never NUL.
 */
export function typedText({ minLength = 0, maxLength }: { minLength?: number; maxLength: number }): fc.Arbitrary<string> {
  const printable = fc.string({ unit: 'grapheme', minLength, maxLength });
  const withControl = fc.string({ unit: fc.oneof({ weight: 8, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: CONTROL_CHARACTERS }), minLength, maxLength });
  return fc.oneof({ weight: 6, arbitrary: printable }, { weight: 1, arbitrary: withControl }).filter((text) => text.length <= maxLength && text.trim().length >= minLength);
}

/** One of a few labelled values, printed by its label in a counterexample and made by materialize(). */
export function named(choices: Record<string, unknown>): fc.Arbitrary<Deferred> {
  return fc.constantFrom(...Object.entries(choices).map(([label, value]) => deferred(label, () => value)));
}

/**
 * An id passed beside the input (exerciseId, phaseId, patientId): one the action's idSchema lets through,
 * or now and then anything at all, as another caller of the data layer could pass.
 */
export function idParameter(main: Record<string, unknown>, others: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: mostly(main, others) }, { weight: 1, arbitrary: nastyValue });
}

/** Mostly the given main choices, sometimes one of the others: refusals are cheap, the main path is not. */
export function mostly(main: Record<string, unknown>, others: Record<string, unknown>, weight = 3): fc.Arbitrary<Deferred> {
  if (Object.keys(others).length === 0) return named(main);
  return fc.oneof({ weight, arbitrary: named(main) }, { weight: 1, arbitrary: named(others) });
}
