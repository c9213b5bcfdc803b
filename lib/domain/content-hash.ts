import { createHash } from 'node:crypto';
import type { Dosage, ItemMode } from './types';

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasToJson(value: object): value is { toJSON: () => unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function encode(value: unknown, seen: WeakSet<object>): string {
  if (value === null) return 'null';
  const kind = typeof value;
  switch (kind) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // JSON would silently turn NaN/Infinity into null, making different content hash alike.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: cannot encode ${String(value)}`);
      return JSON.stringify(value);
    case 'object':
      return encodeObject(value as object, seen);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      // Anything JSON would drop or reject must not vanish silently from hashed content.
      throw new TypeError(`canonicalJson: cannot encode a ${kind}`);
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

function encodeObject(value: object, seen: WeakSet<object>): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('canonicalJson: invalid Date');
    return JSON.stringify(value.toISOString());
  }
  if (seen.has(value)) throw new TypeError('canonicalJson: circular structure');
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      // Same as JSON: a hole or undefined in an array keeps its slot as null, so positions hold.
      const elements = Array.from(value, (el: unknown) => (el === undefined ? 'null' : encode(el, seen)));
      return `[${elements.join(',')}]`;
    }
    if (!isPlainObject(value)) {
      if (hasToJson(value)) return encode(value.toJSON(), seen);
      // A Map or Set would otherwise encode as {} and two different ones would hash the same.
      throw new TypeError(`canonicalJson: cannot encode ${value.constructor?.name ?? 'object'}`);
    }
    const record = value as Record<string, unknown>;
    const fields: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const field = record[key];
      if (field === undefined) continue;
      fields.push(`${JSON.stringify(key)}:${encode(field, seen)}`);
    }
    return `{${fields.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}

/** JSON that is the same for the same content whatever order its keys were written in. */
export function canonicalJson(value: unknown): string {
  return encode(value, new WeakSet());
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type PrescriptionContent = {
  exerciseId: string;
  exerciseName: string;
  instructions: string;
  mode: ItemMode;
  dosage: Dosage;
  patientNotes: string;
};

/**
 * The hash a surgeon's sign-off is bound to. Fields are picked one by one so that extra
 * properties on a database row can never leak in and make equal content hash differently.
 */
export function hashPrescription(content: PrescriptionContent): string {
  const { dosage } = content;
  return sha256Hex(
    canonicalJson({
      exerciseId: content.exerciseId,
      exerciseName: content.exerciseName,
      instructions: content.instructions,
      mode: content.mode,
      dosage: {
        sets: dosage.sets,
        reps: dosage.reps,
        holdSeconds: dosage.holdSeconds,
        timesPerDay: dosage.timesPerDay,
        daysPerWeek: dosage.daysPerWeek,
        minutes: dosage.minutes,
        side: dosage.side,
      },
      patientNotes: content.patientNotes,
    }),
  );
}

/** What a therapist's approval covers: this version and exactly these prescriptions. */
export function hashApproval(args: {
  versionId: string;
  number: number;
  items: Array<{ position: number; contentHash: string }>;
  /** The precautions the patient will read with this version. */
  precautions?: string;
}): string {
  // Sorting makes the hash independent of the order rows came back from the database.
  const items = args.items
    .map((item) => ({ position: item.position, contentHash: item.contentHash }))
    .sort((a, b) => a.position - b.position || (a.contentHash < b.contentHash ? -1 : a.contentHash > b.contentHash ? 1 : 0));
  return sha256Hex(canonicalJson({ versionId: args.versionId, number: args.number, items, precautions: args.precautions ?? '' }));
}

/** The signature record: who decided what about which content, and when. */
export function hashSignature(args: {
  contentHash: string;
  signerId: string;
  decision: string;
  at: Date;
  reason?: string | null;
}): string {
  return sha256Hex(
    canonicalJson({
      contentHash: args.contentHash,
      signerId: args.signerId,
      decision: args.decision,
      at: args.at,
      // Absent and null reasons mean the same thing and must verify the same way.
      reason: args.reason ?? null,
    }),
  );
}

/** What a surgeon's order covers: this episode's version and exactly these restrictions. */
export function hashSurgeonOrder(args: {
  episodeId: string;
  version: number;
  note: string;
  restrictions: ReadonlyArray<{ kind: string; isAllowed: boolean; limit: number | null; unit: string | null; untilDate: Date | null; untilPhaseId: string | null }>;
}): string {
  // Sorted by kind, so the hash does not depend on the order rows come back in.
  const restrictions = [...args.restrictions]
    .map((restriction) => ({
      kind: restriction.kind,
      isAllowed: restriction.isAllowed,
      limit: restriction.limit,
      unit: restriction.unit,
      untilDate: restriction.untilDate ? restriction.untilDate.toISOString().slice(0, 10) : null,
      untilPhaseId: restriction.untilPhaseId,
    }))
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return sha256Hex(canonicalJson({ episodeId: args.episodeId, version: args.version, note: args.note, restrictions }));
}
