import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ItemMode, SignOffStatus } from './types';
import { itemsNeedingSignOff } from './clearance';

type Item = { itemId: string; mode: ItemMode; contentHash: string };
const self = (itemId: string, contentHash: string): Item => ({ itemId, mode: 'SELF_DIRECTED', contentHash });
const supervised = (itemId: string, contentHash: string): Item => ({ itemId, mode: 'SUPERVISED', contentHash });

describe('itemsNeedingSignOff', () => {
  it('sends a new self-directed item', () => {
    expect(itemsNeedingSignOff([self('i1', 'h1')], [])).toEqual([self('i1', 'h1')]);
  });

  it('never sends a supervised item', () => {
    expect(itemsNeedingSignOff([supervised('i1', 'h1')], [])).toEqual([]);
  });

  it('does not resend an unchanged item whose content is already signed', () => {
    expect(itemsNeedingSignOff([self('i2', 'h1')], [{ contentHash: 'h1', status: 'SIGNED' }])).toEqual([]);
  });

  it('does not resend content already waiting for the surgeon', () => {
    expect(itemsNeedingSignOff([self('i2', 'h1')], [{ contentHash: 'h1', status: 'PENDING' }])).toEqual([]);
  });

  it('sends again content that was declined and approved again', () => {
    expect(itemsNeedingSignOff([self('i2', 'h1')], [{ contentHash: 'h1', status: 'DECLINED' }])).toEqual([self('i2', 'h1')]);
  });

  it('does not resend declined content that was later signed', () => {
    const existing = [
      { contentHash: 'h1', status: 'DECLINED' as const },
      { contentHash: 'h1', status: 'SIGNED' as const },
    ];
    expect(itemsNeedingSignOff([self('i3', 'h1')], existing)).toEqual([]);
  });

  it('sends an item whose dosage changed, since its hash changed', () => {
    expect(itemsNeedingSignOff([self('i2', 'h1-changed')], [{ contentHash: 'h1', status: 'SIGNED' }])).toEqual([
      self('i2', 'h1-changed'),
    ]);
  });

  it('sends only the first of two items sharing a hash', () => {
    expect(itemsNeedingSignOff([self('i1', 'h'), self('i2', 'h')], [])).toEqual([self('i1', 'h')]);
  });

  it('keeps the input order', () => {
    const items = [self('i1', 'c'), supervised('i2', 'x'), self('i3', 'a'), self('i4', 'b')];
    expect(itemsNeedingSignOff(items, [{ contentHash: 'a', status: 'SIGNED' }]).map((i) => i.itemId)).toEqual(['i1', 'i4']);
  });

  it('keeps the caller\'s extra fields', () => {
    const rich = { ...self('i1', 'h'), exerciseName: 'Bridge' };
    expect(itemsNeedingSignOff([rich], [])[0]?.exerciseName).toBe('Bridge');
  });

  const HASHES = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5'];
  const itemsArb = fc.array(
    fc.record({
      itemId: fc.uuid(),
      mode: fc.constantFrom<ItemMode>('SUPERVISED', 'SELF_DIRECTED'),
      contentHash: fc.constantFrom(...HASHES),
    }),
    { maxLength: 10 },
  );
  const existingArb = fc.array(
    fc.record({
      contentHash: fc.constantFrom(...HASHES),
      status: fc.constantFrom<SignOffStatus>('PENDING', 'SIGNED', 'DECLINED'),
    }),
    { maxLength: 10 },
  );

  it('never sends a supervised item or content already signed or pending, and never the same content twice', () => {
    fc.assert(
      fc.property(itemsArb, existingArb, (items, existing) => {
        const covered = new Set(existing.filter((s) => s.status !== 'DECLINED').map((s) => s.contentHash));
        const sent = itemsNeedingSignOff(items, existing);
        for (const i of sent) {
          expect(i.mode).toBe('SELF_DIRECTED');
          expect(covered.has(i.contentHash)).toBe(false);
        }
        expect(new Set(sent.map((i) => i.contentHash)).size).toBe(sent.length);
      }),
    );
  });

  it('leaves no self-directed content uncovered after the requests are sent', () => {
    fc.assert(
      fc.property(itemsArb, existingArb, (items, existing) => {
        const sent = itemsNeedingSignOff(items, existing);
        const afterwards = [...existing, ...sent.map((i) => ({ contentHash: i.contentHash, status: 'PENDING' as const }))];
        const covered = new Set(afterwards.filter((s) => s.status !== 'DECLINED').map((s) => s.contentHash));
        for (const i of items) {
          if (i.mode === 'SELF_DIRECTED') expect(covered.has(i.contentHash)).toBe(true);
        }
        expect(itemsNeedingSignOff(items, afterwards)).toEqual([]);
      }),
    );
  });
});
