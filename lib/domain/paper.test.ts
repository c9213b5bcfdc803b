import { describe, expect, it } from 'vitest';
import { otherPaper, paperForLanguages } from './paper';

describe('paperForLanguages', () => {
  it.each([
    ['en-US,en;q=0.9', 'LETTER'],
    ['es-MX', 'LETTER'],
    ['fr-CA,fr;q=0.8', 'LETTER'],
    ['en-GB,en;q=0.9', 'A4'],
    ['de-DE', 'A4'],
    ['zh-Hant-TW', 'A4'],
    ['en, en-US;q=0.5', 'LETTER'],
    ['en', 'A4'],
    ['', 'A4'],
    [null, 'A4'],
    ['*', 'A4'],
  ] as const)('%j prints on %s', (header, paper) => {
    expect(paperForLanguages(header)).toBe(paper);
  });

  it('offers the other size as the alternative', () => {
    expect(otherPaper('A4')).toBe('LETTER');
    expect(otherPaper('LETTER')).toBe('A4');
  });
});
