import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { PrescriptionContent } from './content-hash';
import { canonicalJson, hashApproval, hashPrescription, hashSignature, sha256Hex } from './content-hash';
import { ITEM_MODES, SIDES } from './types';

// Rebuilds every object with its keys in reverse insertion order; fromEntries keeps keys such as
// "__proto__" as ordinary data.
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('sorts nested keys and keeps array order', () => {
    expect(canonicalJson({ z: [{ y: 1, x: 2 }, 3], a: { d: null, c: 'c' } })).toBe(
      '{"a":{"c":"c","d":null},"z":[{"x":2,"y":1},3]}',
    );
  });

  it('drops undefined fields', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('keeps array slots for undefined as null', () => {
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
  });

  it('writes dates as ISO strings', () => {
    expect(canonicalJson({ at: new Date('2025-03-04T05:06:07.089Z') })).toBe('{"at":"2025-03-04T05:06:07.089Z"}');
  });

  it('encodes primitives like JSON', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(1.5)).toBe('1.5');
  });

  it('refuses values JSON would silently lose', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson({ m: new Map() })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date('nope') })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('refuses circular structures', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/circular/);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).toBe(canonicalJson(value));
      }),
    );
  });

  it('is valid JSON that re-encodes to itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('sha256Hex', () => {
  it('matches the known digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes text as UTF-8', () => {
    expect(sha256Hex('é')).not.toBe(sha256Hex('e'));
    expect(sha256Hex('é')).toMatch(/^[0-9a-f]{64}$/);
  });
});

const content: PrescriptionContent = {
  exerciseId: 'ex-bridge',
  exerciseName: 'Bridge',
  instructions: 'Lie on your back and lift your hips.',
  mode: 'SELF_DIRECTED',
  dosage: { sets: 2, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7, minutes: null, side: 'NONE' },
  patientNotes: 'Stop if it hurts.',
};

const nullableCount = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null });
const contentArb: fc.Arbitrary<PrescriptionContent> = fc.record({
  exerciseId: fc.string(),
  exerciseName: fc.string(),
  instructions: fc.string(),
  mode: fc.constantFrom(...ITEM_MODES),
  dosage: fc.record({
    sets: nullableCount,
    reps: nullableCount,
    holdSeconds: nullableCount,
    timesPerDay: nullableCount,
    daysPerWeek: nullableCount,
    minutes: nullableCount,
    side: fc.constantFrom(...SIDES),
  }),
  patientNotes: fc.string(),
});

type Change = (c: PrescriptionContent) => PrescriptionContent;
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.constant<Change>((c) => ({ ...c, exerciseId: `${c.exerciseId}x` })),
  fc.constant<Change>((c) => ({ ...c, exerciseName: `${c.exerciseName}x` })),
  fc.constant<Change>((c) => ({ ...c, instructions: `${c.instructions} ` })),
  fc.constant<Change>((c) => ({ ...c, patientNotes: `${c.patientNotes}.` })),
  fc.constant<Change>((c) => ({ ...c, mode: c.mode === 'SUPERVISED' ? 'SELF_DIRECTED' : 'SUPERVISED' })),
  fc.constant<Change>((c) => ({ ...c, dosage: { ...c.dosage, side: c.dosage.side === 'EACH' ? 'LEFT' : 'EACH' } })),
  fc.constantFrom('sets', 'reps', 'holdSeconds', 'timesPerDay', 'daysPerWeek', 'minutes').map(
    (field): Change =>
      (c) => ({ ...c, dosage: { ...c.dosage, [field]: c.dosage[field] === null ? 1 : c.dosage[field] + 1 } }),
  ),
  fc.constantFrom('sets', 'reps', 'holdSeconds', 'timesPerDay', 'daysPerWeek', 'minutes').map(
    (field): Change =>
      (c) => ({ ...c, dosage: { ...c.dosage, [field]: c.dosage[field] === null ? 0 : null } }),
  ),
);

describe('hashPrescription', () => {
  it('is a hex sha256', () => {
    expect(hashPrescription(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the sha256 of the canonical JSON of the content', () => {
    expect(hashPrescription(content)).toBe(sha256Hex(canonicalJson(content)));
  });

  it('is the same for the same content', () => {
    expect(hashPrescription({ ...content, dosage: { ...content.dosage } })).toBe(hashPrescription(content));
  });

  it('ignores properties outside the prescription, such as database ids', () => {
    const row = { ...content, id: 'item-1', versionId: 'v-2', position: 3 };
    expect(hashPrescription(row)).toBe(hashPrescription(content));
  });

  it('changes when the dosage changes', () => {
    expect(hashPrescription({ ...content, dosage: { ...content.dosage, reps: 12 } })).not.toBe(hashPrescription(content));
  });

  it('changes when the notes change', () => {
    expect(hashPrescription({ ...content, patientNotes: '' })).not.toBe(hashPrescription(content));
  });

  it('distinguishes a blank dosage field from zero', () => {
    const zero = { ...content, dosage: { ...content.dosage, minutes: 0 } };
    expect(hashPrescription(zero)).not.toBe(hashPrescription(content));
  });

  it('changes when any field changes', () => {
    fc.assert(
      fc.property(contentArb, changeArb, (c, change) => {
        expect(hashPrescription(change(c))).not.toBe(hashPrescription(c));
      }),
    );
  });
});

describe('hashApproval', () => {
  const items = [
    { position: 0, contentHash: 'a' },
    { position: 1, contentHash: 'b' },
  ];

  it('does not depend on the order items arrive in', () => {
    expect(hashApproval({ versionId: 'v1', number: 1, items: [...items].reverse() })).toBe(
      hashApproval({ versionId: 'v1', number: 1, items }),
    );
  });

  it('changes when an item changes', () => {
    expect(hashApproval({ versionId: 'v1', number: 1, items: [items[0]!, { position: 1, contentHash: 'c' }] })).not.toBe(
      hashApproval({ versionId: 'v1', number: 1, items }),
    );
  });

  it('changes when items swap positions', () => {
    const swapped = [
      { position: 0, contentHash: 'b' },
      { position: 1, contentHash: 'a' },
    ];
    expect(hashApproval({ versionId: 'v1', number: 1, items: swapped })).not.toBe(
      hashApproval({ versionId: 'v1', number: 1, items }),
    );
  });

  it('changes with the version id and number', () => {
    const base = hashApproval({ versionId: 'v1', number: 1, items });
    expect(hashApproval({ versionId: 'v2', number: 1, items })).not.toBe(base);
    expect(hashApproval({ versionId: 'v1', number: 2, items })).not.toBe(base);
  });

  it('changes when an item is removed', () => {
    expect(hashApproval({ versionId: 'v1', number: 1, items: [items[0]!] })).not.toBe(
      hashApproval({ versionId: 'v1', number: 1, items }),
    );
  });

  it('does not depend on item order for any shuffle', () => {
    const itemsArb = fc.uniqueArray(fc.record({ position: fc.integer({ min: 0, max: 50 }), contentHash: fc.string() }), {
      selector: (i) => i.position,
    });
    const listAndShuffle = itemsArb.chain((list) =>
      fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
    );
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        expect(hashApproval({ versionId: 'v', number: 3, items: shuffled })).toBe(
          hashApproval({ versionId: 'v', number: 3, items: list }),
        );
      }),
    );
  });
});

describe('hashSignature', () => {
  const at = new Date('2025-06-01T10:00:00.000Z');
  const base = { contentHash: 'h', signerId: 'surgeon-1', decision: 'SIGNED', at };

  it('treats a missing reason like a null one', () => {
    expect(hashSignature(base)).toBe(hashSignature({ ...base, reason: null }));
  });

  it('changes with every part of the decision', () => {
    const h = hashSignature(base);
    expect(hashSignature({ ...base, contentHash: 'h2' })).not.toBe(h);
    expect(hashSignature({ ...base, signerId: 'surgeon-2' })).not.toBe(h);
    expect(hashSignature({ ...base, decision: 'DECLINED' })).not.toBe(h);
    expect(hashSignature({ ...base, at: new Date(at.getTime() + 1) })).not.toBe(h);
    expect(hashSignature({ ...base, reason: 'Too soon after fusion' })).not.toBe(h);
  });

  it('distinguishes an empty reason from none', () => {
    expect(hashSignature({ ...base, reason: '' })).not.toBe(hashSignature(base));
  });
});
