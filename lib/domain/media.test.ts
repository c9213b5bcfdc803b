import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byteRangeOf } from './media';

describe('byteRangeOf', () => {
  it('reads the ranges a video player asks for', () => {
    expect(byteRangeOf('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(byteRangeOf('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 });
    expect(byteRangeOf('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRangeOf('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
  });

  it('answers the whole file without a usable header, and 416 past the end', () => {
    expect(byteRangeOf(null, 1000)).toBeNull();
    expect(byteRangeOf('bytes=0-1,5-9', 1000)).toBeNull();
    expect(byteRangeOf('items=0-5', 1000)).toBeNull();
    expect(byteRangeOf('bytes=5-1', 1000)).toBeNull();
    expect(byteRangeOf('bytes=1000-', 1000)).toBe('UNSATISFIABLE');
    expect(byteRangeOf('bytes=-0', 1000)).toBe('UNSATISFIABLE');
  });

  it('always gives a range inside the file', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1e9 }), (header, size) => {
        const range = byteRangeOf(`bytes=${header}`, size);
        if (range === null || range === 'UNSATISFIABLE') return;
        expect(range.start).toBeGreaterThanOrEqual(0);
        expect(range.end).toBeLessThan(size);
        expect(range.start).toBeLessThanOrEqual(range.end);
      }),
    );
  });
});
