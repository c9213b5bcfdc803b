import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXERCISE_DRAWINGS } from '../../../lib/domain/drawings/exercise-drawings';
import { illustrationProblems, isIllustration } from '../../../lib/domain/drawings/validate';
import type { Illustration } from '../../../lib/domain/drawings/types';
import { anyIllustration } from './support';

const bridging = EXERCISE_DRAWINGS['Bridging'] as Illustration;

function edited(change: (copy: Record<string, unknown> & { start: Record<string, unknown> & { near: Record<string, unknown> } }) => void): unknown {
  const copy = JSON.parse(JSON.stringify(bridging));
  change(copy);
  return copy;
}

describe('illustrationProblems', () => {
  it('accepts every well-formed illustration', () => {
    fc.assert(
      fc.property(anyIllustration, (illustration) => {
        expect(illustrationProblems(JSON.parse(JSON.stringify(illustration)))).toEqual([]);
      }),
    );
  });

  it('refuses what is not an illustration at all', () => {
    for (const value of [null, 42, 'Bridging', [], undefined]) expect(illustrationProblems(value).length).toBeGreaterThan(0);
    expect(isIllustration({})).toBe(false);
  });

  it.each([
    ['an unknown view', (x: Record<string, unknown>) => (x.view = 'top'), /view/],
    ['an unknown surface', (x: Record<string, unknown>) => (x.surface = 'sofa'), /surface/],
    ['an unknown anchor', (x: Record<string, unknown>) => (x.anchor = 'nose'), /anchor/],
    ['an unknown prop', (x: Record<string, unknown>) => (x.props = [{ kind: 'trampoline' }]), /props\[0\]\.kind/],
    ['a pillow under nothing', (x: Record<string, unknown>) => (x.props = [{ kind: 'pillow' }]), /props\[0\]\.under/],
    ['a counter without a hand', (x: Record<string, unknown>) => (x.props = [{ kind: 'counter', hand: 'left' }]), /props\[0\]\.hand/],
    ['an empty description', (x: Record<string, unknown>) => (x.description = '  '), /description/],
    ['a description that is not text', (x: Record<string, unknown>) => (x.description = 7), /description/],
    ['an overlong description', (x: Record<string, unknown>) => (x.description = 'word '.repeat(100)), /description/],
    ['an extra field', (x: Record<string, unknown>) => (x.colour = 'red'), /unknown field "colour"/],
    ['a half-way pose without an end', (x: Record<string, unknown>) => ((x.via = x.start), (x.end = null)), /via needs an end/],
  ])('refuses %s', (_what, change, message) => {
    const problems = illustrationProblems(edited(change));
    expect(problems.join(' ')).toMatch(message);
  });

  it.each([
    ['a knee bent past its range', (x: { start: { near: Record<string, unknown> } }) => (x.start.near.knee = 400), /start\.near\.knee must be between/],
    ['an angle given as text', (x: { start: { near: Record<string, unknown> } }) => (x.start.near.hip = '45'), /start\.near\.hip must be a number/],
    ['an angle that is not a number', (x: { start: { near: Record<string, unknown> } }) => (x.start.near.elbow = Number.NaN), /start\.near\.elbow must be a number/],
    ['a missing joint', (x: { start: { near: Record<string, unknown> } }) => delete x.start.near.ankle, /start\.near\.ankle/],
    ['a trunk beyond a turn', (x: { start: Record<string, unknown> }) => (x.start.trunk = 720), /start\.trunk/],
    ['an unknown body part resting on the surface', (x: { start: Record<string, unknown> }) => (x.start.contacts = ['tail']), /start\.contacts\[0\]/],
    ['a body part listed twice', (x: { start: Record<string, unknown> }) => (x.start.contacts = ['chest', 'chest']), /twice/],
    ['an unknown focus', (x: { start: Record<string, unknown> }) => (x.start.focus = ['elbow']), /start\.focus\[0\]/],
    ['a belly more than full', (x: { start: Record<string, unknown> }) => (x.start.belly = 2), /start\.belly/],
    ['an end that is not a pose', (x: Record<string, unknown>) => (x.end = 'up'), /end must be an object/],
  ])('refuses %s', (_what, change, message) => {
    const problems = illustrationProblems(edited(change as (x: unknown) => void));
    expect(problems.join(' ')).toMatch(message);
  });
});
