import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXERCISE_DRAWINGS } from '../../../lib/domain/drawings/exercise-drawings';
import { renderIllustrationSvg, safePrefix, type SvgOptions } from '../../../lib/domain/drawings/render-svg';
import { renderIllustrationSvgMemo } from '../../../lib/domain/drawings/svg-memo';
import type { Illustration } from '../../../lib/domain/drawings/types';
import { anyIllustration } from './support';

const drawings = Object.entries(EXERCISE_DRAWINGS);
const bridging = EXERCISE_DRAWINGS['Bridging'] as Illustration;
const OPTIONS: SvgOptions[] = (['static', 'animated'] as const).flatMap((variant) => (['label', 'hidden', undefined] as const).map((a11y) => ({ variant, a11y })));

describe('renderIllustrationSvgMemo', () => {
  it.each(drawings)('gives exactly what renderIllustrationSvg gives for %s, every variant, again and again', { timeout: 60_000 }, (_name, illustration) => {
    for (const options of OPTIONS) {
      for (const idPrefix of ['a1', 'R2', '', undefined, 'x-y_z', 'dZq7memoprefixAz']) {
        const direct = renderIllustrationSvg(illustration, { ...options, idPrefix });
        expect(renderIllustrationSvgMemo(illustration, { ...options, idPrefix })).toBe(direct);
        expect(renderIllustrationSvgMemo(illustration, { ...options, idPrefix })).toBe(direct);
      }
    }
  });

  it('never carries one drawing prefix into another: each call has its own ids only', () => {
    const first = renderIllustrationSvgMemo(bridging, { variant: 'animated', idPrefix: 'first1' });
    const second = renderIllustrationSvgMemo(bridging, { variant: 'animated', idPrefix: 'second2' });
    expect(first).toContain(safePrefix('first1'));
    expect(first).not.toContain(safePrefix('second2'));
    expect(second).toContain(safePrefix('second2'));
    expect(second).not.toContain(safePrefix('first1'));
  });

  it('keeps drawings apart: a changed pose or description is drawn anew', () => {
    const original = renderIllustrationSvgMemo(bridging, { variant: 'static', idPrefix: 'p' });
    const described = { ...bridging, description: `${bridging.description} Slowly.` };
    const changed = renderIllustrationSvgMemo(described, { variant: 'static', idPrefix: 'p' });
    expect(changed).not.toBe(original);
    expect(changed).toBe(renderIllustrationSvg(described, { variant: 'static', idPrefix: 'p' }));
  });

  it('is still right when the description holds the very text it cuts at', () => {
    for (const marker of ['dZq7memoprefixAz', 'dYr3memoprefixBy', 'dZq7memoprefixAz dYr3memoprefixBy']) {
      const tricky = { ...bridging, description: `Lift ${marker} hips` };
      for (const options of OPTIONS) {
        expect(renderIllustrationSvgMemo(tricky, { ...options, idPrefix: 'k9' })).toBe(renderIllustrationSvg(tricky, { ...options, idPrefix: 'k9' }));
      }
    }
  });

  it('equals renderIllustrationSvg for any valid drawing and any prefix', () => {
    fc.assert(
      fc.property(anyIllustration, fc.string({ maxLength: 12 }), fc.constantFrom(...OPTIONS), (illustration, idPrefix, options) => {
        expect(renderIllustrationSvgMemo(illustration, { ...options, idPrefix })).toBe(renderIllustrationSvg(illustration, { ...options, idPrefix }));
      }),
      { numRuns: 60 },
    );
    // A hang guard, not a timing: rendering 180 drawings takes seconds on a busy machine.
  }, 60_000);
});
