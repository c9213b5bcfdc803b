import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ItemMode, SignOffStatus } from './types';
import type { ApprovedVersionView, PrescriptionView } from './visibility';
import { clearedOn, isCleared, portalPrescriptions } from './visibility';

type Item = PrescriptionView;
type Version = ApprovedVersionView<Item>;

function item(itemId: string, exerciseId: string, mode: ItemMode, contentHash: string): Item {
  return { itemId, exerciseId, mode, contentHash };
}

const none = new Set<string>();
const ids = (items: readonly Item[]): string[] => items.map((i) => i.itemId);

describe('isCleared', () => {
  it('clears a supervised prescription by approval alone', () => {
    expect(isCleared(item('i', 'e', 'SUPERVISED', 'h'), none)).toBe(true);
  });

  it('clears a self-directed prescription only once its content is signed', () => {
    expect(isCleared(item('i', 'e', 'SELF_DIRECTED', 'h'), none)).toBe(false);
    expect(isCleared(item('i', 'e', 'SELF_DIRECTED', 'h'), new Set(['h']))).toBe(true);
  });

  it('does not clear a self-directed prescription on a signature for other content', () => {
    expect(isCleared(item('i', 'e', 'SELF_DIRECTED', 'h2'), new Set(['h1']))).toBe(false);
  });
});

describe('portalPrescriptions', () => {
  it('shows nothing without approved versions', () => {
    expect(portalPrescriptions([], new Set(['h']))).toEqual({ home: [], withTherapist: [] });
  });

  it('puts supervised exercises under "with your therapist"', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SUPERVISED', 'ha')] };
    expect(portalPrescriptions([v1], none)).toEqual({ home: [], withTherapist: [v1.items[0]] });
  });

  it('puts signed self-directed exercises under "at home"', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'ha')] };
    expect(portalPrescriptions([v1], new Set(['ha']))).toEqual({ home: [v1.items[0]], withTherapist: [] });
  });

  it('hides a self-directed exercise that has never been signed', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'ha')] };
    expect(portalPrescriptions([v1], none)).toEqual({ home: [], withTherapist: [] });
  });

  it('keeps the last signed prescription while a changed dosage waits for the surgeon', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'old')] };
    const v2: Version = { number: 2, items: [item('a2', 'a', 'SELF_DIRECTED', 'new')] };
    expect(ids(portalPrescriptions([v1, v2], new Set(['old'])).home)).toEqual(['a1']);
  });

  it('keeps the last signed prescription when the change was declined', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'old')] };
    const v2: Version = { number: 2, items: [item('a2', 'a', 'SELF_DIRECTED', 'declined')] };
    const v3: Version = { number: 3, items: [item('a3', 'a', 'SELF_DIRECTED', 'declined')] };
    expect(ids(portalPrescriptions([v3, v1, v2], new Set(['old'])).home)).toEqual(['a1']);
  });

  it('switches to the new prescription once it is signed', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'old')] };
    const v2: Version = { number: 2, items: [item('a2', 'a', 'SELF_DIRECTED', 'new')] };
    expect(ids(portalPrescriptions([v1, v2], new Set(['old', 'new'])).home)).toEqual(['a2']);
  });

  it('shows an unchanged carried-forward item from the current version', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'same')] };
    const v2: Version = { number: 2, items: [item('a2', 'a', 'SELF_DIRECTED', 'same')] };
    expect(ids(portalPrescriptions([v1, v2], new Set(['same'])).home)).toEqual(['a2']);
  });

  it('never shows an exercise removed in the current version', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SUPERVISED', 'ha'), item('b1', 'b', 'SUPERVISED', 'hb')] };
    const v2: Version = { number: 2, items: [item('b2', 'b', 'SUPERVISED', 'hb')] };
    expect(ids(portalPrescriptions([v1, v2], none).withTherapist)).toEqual(['b2']);
  });

  it('uses the highest version number as current whatever the input order', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SUPERVISED', 'ha')] };
    const v5: Version = { number: 5, items: [item('b5', 'b', 'SUPERVISED', 'hb')] };
    const v3: Version = { number: 3, items: [item('a3', 'a', 'SUPERVISED', 'ha'), item('b3', 'b', 'SUPERVISED', 'hb')] };
    expect(ids(portalPrescriptions([v5, v1, v3], none).withTherapist)).toEqual(['b5']);
  });

  it('moves an exercise home only when the self-directed version is signed', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SUPERVISED', 'sup')] };
    const v2: Version = { number: 2, items: [item('a2', 'a', 'SELF_DIRECTED', 'self')] };
    expect(portalPrescriptions([v1, v2], none)).toEqual({ home: [], withTherapist: [v1.items[0]] });
    expect(portalPrescriptions([v1, v2], new Set(['self']))).toEqual({ home: [v2.items[0]], withTherapist: [] });
  });

  it('moves an exercise back to the clinic at once, since supervision needs no sign-off', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'self')] };
    const v2: Version = { number: 2, items: [item('a2', 'a', 'SUPERVISED', 'sup')] };
    expect(portalPrescriptions([v1, v2], new Set(['self']))).toEqual({ home: [], withTherapist: [v2.items[0]] });
  });

  it('skips a pending newest prescription and finds an older signed one two versions back', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'h1')] };
    const v2: Version = { number: 2, items: [item('a2', 'a', 'SELF_DIRECTED', 'h2')] };
    const v3: Version = { number: 3, items: [item('a3', 'a', 'SELF_DIRECTED', 'h3')] };
    expect(ids(portalPrescriptions([v1, v2, v3], new Set(['h1'])).home)).toEqual(['a1']);
  });

  it('shows a re-added exercise from its older cleared prescription', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SELF_DIRECTED', 'h1')] };
    const v2: Version = { number: 2, items: [] };
    const v3: Version = { number: 3, items: [item('a3', 'a', 'SELF_DIRECTED', 'h3')] };
    expect(ids(portalPrescriptions([v1, v2, v3], new Set(['h1'])).home)).toEqual(['a1']);
  });

  it('keeps the current version order', () => {
    const v1: Version = {
      number: 1,
      items: [item('a1', 'a', 'SELF_DIRECTED', 'ha'), item('b1', 'b', 'SELF_DIRECTED', 'hb')],
    };
    const v2: Version = {
      number: 2,
      items: [item('b2', 'b', 'SELF_DIRECTED', 'hb'), item('c2', 'c', 'SELF_DIRECTED', 'hc'), item('a2', 'a', 'SELF_DIRECTED', 'ha2')],
    };
    expect(ids(portalPrescriptions([v1, v2], new Set(['ha', 'hb', 'hc'])).home)).toEqual(['b2', 'c2', 'a1']);
  });

  it('shows an exercise listed twice in the current version only once', () => {
    const v1: Version = { number: 1, items: [item('a1', 'a', 'SUPERVISED', 'x'), item('a1b', 'a', 'SUPERVISED', 'y')] };
    expect(ids(portalPrescriptions([v1], none).withTherapist)).toEqual(['a1']);
  });

  it('keeps the caller\'s extra fields on what it returns', () => {
    const rich = { ...item('a1', 'a', 'SUPERVISED', 'ha'), exerciseName: 'Bridge' };
    const plan = portalPrescriptions([{ number: 1, items: [rich] }], none);
    expect(plan.withTherapist[0]?.exerciseName).toBe('Bridge');
  });
});

// ---- Model-based test --------------------------------------------------------------------

const EXERCISES = ['ex-a', 'ex-b', 'ex-c', 'ex-d', 'ex-e'] as const;
// A small pool makes carried-forward (same content in several versions) common.
const HASHES = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'] as const;
type Status = SignOffStatus | 'NEVER_SENT';

type History = { versions: Version[]; statusByHash: Map<string, Status> };

const versionsArb: fc.Arbitrary<Version[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 0, maxLength: 6 })
  .chain((numbers) =>
    fc.tuple(
      ...numbers.map((number) =>
        fc
          .uniqueArray(
            fc.record({
              exerciseId: fc.constantFrom(...EXERCISES),
              mode: fc.constantFrom<ItemMode>('SUPERVISED', 'SELF_DIRECTED'),
              contentHash: fc.constantFrom(...HASHES),
            }),
            // Matches the database: one row per exercise per version.
            { selector: (i) => i.exerciseId, maxLength: EXERCISES.length },
          )
          .map((items): Version => ({
            number,
            items: items.map((i, index) => ({ ...i, itemId: `v${number}-${index}` })),
          })),
      ),
    ),
  );

const historyArb: fc.Arbitrary<History> = fc.record({
  versions: versionsArb,
  statusByHash: fc
    .tuple(...HASHES.map(() => fc.constantFrom<Status>('SIGNED', 'PENDING', 'DECLINED', 'NEVER_SENT')))
    .map((statuses) => new Map(HASHES.map((h, i) => [h, statuses[i]!]))),
});

function signedSet(statusByHash: Map<string, Status>): Set<string> {
  return new Set([...statusByHash].filter(([, s]) => s === 'SIGNED').map(([h]) => h));
}

// Written from the rule as the clinic states it, without reusing the implementation's search.
function oracle(history: History): Item[] {
  const clearedInModel = (i: Item): boolean => i.mode === 'SUPERVISED' || history.statusByHash.get(i.contentHash) === 'SIGNED';
  if (history.versions.length === 0) return [];
  const currentNumber = Math.max(...history.versions.map((v) => v.number));
  const current = history.versions.find((v) => v.number === currentNumber)!;
  const all = history.versions.flatMap((v) => v.items.map((i, index) => ({ item: i, number: v.number, index })));
  const shown: Item[] = [];
  for (const exerciseId of new Set(current.items.map((i) => i.exerciseId))) {
    const candidates = all.filter((c) => c.item.exerciseId === exerciseId && clearedInModel(c.item));
    if (candidates.length === 0) continue;
    const newest = candidates.reduce((best, c) =>
      c.number > best.number || (c.number === best.number && c.index < best.index) ? c : best,
    );
    shown.push(newest.item);
  }
  return shown;
}

describe('portalPrescriptions against a model of the clinic rule', () => {
  it('shows exactly the newest cleared prescription of each current exercise', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const signed = signedSet(history.statusByHash);
        const plan = portalPrescriptions(history.versions, signed);
        const shown = [...plan.home, ...plan.withTherapist];
        const expected = oracle(history);
        const current = history.versions.reduce<Version | null>((c, v) => (c === null || v.number > c.number ? v : c), null);
        const currentExercises = new Set(current?.items.map((i) => i.exerciseId) ?? []);

        // (a) every shown item is cleared: supervised, or its exact content was SIGNED.
        for (const i of shown) {
          if (i.mode === 'SELF_DIRECTED') expect(history.statusByHash.get(i.contentHash)).toBe('SIGNED');
        }
        // (b) every shown exercise is in the current version.
        for (const i of shown) expect(currentExercises.has(i.exerciseId)).toBe(true);
        // (c) each current exercise with any cleared prescription shows exactly the newest one.
        expect(new Set(shown)).toEqual(new Set(expected));
        // (d) no exercise appears twice.
        expect(new Set(shown.map((i) => i.exerciseId)).size).toBe(shown.length);
        // (e) mode decides the list, and each list keeps the current version's order.
        expect(plan.home).toEqual(expected.filter((i) => i.mode === 'SELF_DIRECTED'));
        expect(plan.withTherapist).toEqual(expected.filter((i) => i.mode === 'SUPERVISED'));
      }),
    );
  });

  it('does not depend on the order versions are passed in', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) =>
          fc.tuple(fc.constant(h), fc.shuffledSubarray(h.versions, { minLength: h.versions.length, maxLength: h.versions.length })),
        ),
        ([history, shuffled]) => {
          const signed = signedSet(history.statusByHash);
          expect(portalPrescriptions(shuffled, signed)).toEqual(portalPrescriptions(history.versions, signed));
        },
      ),
    );
  });

  it('never changes what the patient sees when a new version only adds unsigned self-directed changes', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.boolean(), { minLength: EXERCISES.length, maxLength: EXERCISES.length }), (history, changed) => {
        fc.pre(history.versions.length > 0);
        const signed = signedSet(history.statusByHash);
        const current = history.versions.reduce((c, v) => (v.number > c.number ? v : c));
        const next: Version = {
          number: current.number + 1,
          items: current.items.map((i, index) =>
            changed[index]
              ? { ...i, itemId: `next-${index}`, mode: 'SELF_DIRECTED', contentHash: `unsigned-${index}` }
              : { ...i, itemId: `next-${index}` },
          ),
        };
        const before = portalPrescriptions(history.versions, signed);
        const after = portalPrescriptions([...history.versions, next], signed);
        const key = (items: readonly Item[]) => items.map((i) => `${i.exerciseId}:${i.mode}:${i.contentHash}`);
        expect(key(after.home)).toEqual(key(before.home));
        expect(key(after.withTherapist)).toEqual(key(before.withTherapist));
      }),
    );
  });

  it('shows nothing self-directed when nothing has been signed', () => {
    fc.assert(
      fc.property(versionsArb, (versions) => {
        expect(portalPrescriptions(versions, new Set()).home).toEqual([]);
      }),
    );
  });
});

describe('clearedOn', () => {
  const day = (n: number) => new Date(Date.UTC(2026, 10, n));
  const item = (exerciseId: string, contentHash: string, mode: 'SELF_DIRECTED' | 'SUPERVISED' = 'SELF_DIRECTED') => ({ itemId: `${exerciseId}-${contentHash}`, exerciseId, mode, contentHash });

  it('is the later of the approval and the signature', () => {
    const versions = [{ number: 1, approvedAt: day(1), items: [item('knee', 'k1')] }];
    expect(clearedOn('knee', versions, new Map([['k1', day(10)]]))).toEqual(day(10));
    expect(clearedOn('knee', versions, new Map())).toBeNull();
  });

  it('keeps the first clearance while the exercise stays in the plan, through a re-dose', () => {
    const versions = [
      { number: 1, approvedAt: day(1), items: [item('walk', 'w1')] },
      { number: 2, approvedAt: day(8), items: [item('walk', 'w2')] },
    ];
    expect(clearedOn('walk', versions, new Map([['w1', day(2)]]))).toEqual(day(2));
  });

  it('starts again when the exercise was taken out and added back', () => {
    const versions = [
      { number: 1, approvedAt: day(1), items: [item('walk', 'w1')] },
      { number: 2, approvedAt: day(5), items: [] },
      { number: 3, approvedAt: day(9), items: [item('walk', 'w1')] },
    ];
    expect(clearedOn('walk', versions, new Map([['w1', day(2)]]))).toEqual(day(9));
  });

  it('clears a supervised prescription on approval', () => {
    expect(clearedOn('march', [{ number: 1, approvedAt: day(3), items: [item('march', 'm1', 'SUPERVISED')] }], new Map())).toEqual(day(3));
  });
});
