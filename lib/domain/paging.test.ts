import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pageCountOf, pageSlice } from './paging';

describe('pageSlice and pageCountOf', () => {
  it('page n of any list holds rows (n-1)*size up to n*size, and page numbers below 1 or not numbers mean page 1', () => {
    expect(pageSlice(3, 20)).toEqual({ page: 3, skip: 40, take: 20 });
    for (const odd of [0, -4, Number.NaN, Number.POSITIVE_INFINITY, 0.5]) expect(pageSlice(odd, 20)).toEqual({ page: 1, skip: 0, take: 20 });
    expect(pageSlice(2.9, 10)).toEqual({ page: 2, skip: 10, take: 10 });
  });

  it('the pages together hold every row exactly once, and an empty list has one page', () => {
    fc.assert(
      fc.property(fc.nat({ max: 500 }), fc.integer({ min: 1, max: 60 }), (total, size) => {
        const pages = pageCountOf(total, size);
        const covered = Array.from({ length: pages }, (_, index) => pageSlice(index + 1, size)).flatMap(({ skip, take }) => Array.from({ length: Math.max(0, Math.min(take, total - skip)) }, (_, row) => skip + row));
        expect(covered).toEqual(Array.from({ length: total }, (_, row) => row));
        expect(pages).toBe(total === 0 ? 1 : Math.ceil(total / size));
      }),
    );
  });
});
