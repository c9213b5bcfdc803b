import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../../../prisma/data/catalog';
import { EXERCISE_DRAWINGS, drawingFor } from '../../../lib/domain/drawings/exercise-drawings';
import { shapesBox } from '../../../lib/domain/drawings/geometry';
import { layoutIllustration, type PlacedPose } from '../../../lib/domain/drawings/layout';
import { illustrationProblems } from '../../../lib/domain/drawings/validate';
import type { Illustration, Pose } from '../../../lib/domain/drawings/types';
import { readingGrade } from './support';

// The catalogue has no retired exercises today; when it gains a flag, a retired one needs no drawing.
function isRetired(exercise: object): boolean {
  return ('retired' in exercise && exercise.retired === true) || ('retiredAt' in exercise && exercise.retiredAt != null);
}

const current = EXERCISES.filter((exercise) => !isRetired(exercise));
const drawings = Object.entries(EXERCISE_DRAWINGS);

/** How far the lowest point of `part` is above the surface (negative: through it). */
function heightAbove(layout: ReturnType<typeof layoutIllustration>, pose: PlacedPose, part: string): number {
  return layout.surfaceY - shapesBox(pose.body.shapes.filter((shape) => shape.part === part)).maxY;
}

function keyPoses(illustration: Illustration): Array<[string, Pose]> {
  const poses: Array<[string, Pose]> = [['start', illustration.start]];
  if (illustration.via) poses.push(['via', illustration.via]);
  if (illustration.end) poses.push(['end', illustration.end]);
  return poses;
}

describe('EXERCISE_DRAWINGS', () => {
  it('has the seeded catalogue to draw', () => {
    expect(current.length).toBeGreaterThan(20);
  });

  it.each(current.map((exercise) => [exercise.name]))('has a drawing of %s with a text alternative', (name) => {
    const drawing = drawingFor(name);
    expect(drawing, `no drawing for "${name}"`).not.toBeNull();
    expect(illustrationProblems(drawing)).toEqual([]);
    expect(drawing?.description.trim()).not.toBe('');
  });

  it('names only exercises of the catalogue, exactly as spelled there', () => {
    const names = new Set(EXERCISES.map((exercise) => exercise.name));
    expect(Object.keys(EXERCISE_DRAWINGS).filter((name) => !names.has(name))).toEqual([]);
  });

  it('is plain data that survives a trip through a JSON column', () => {
    const copy: unknown = JSON.parse(JSON.stringify(EXERCISE_DRAWINGS));
    expect(copy).toEqual(EXERCISE_DRAWINGS);
    for (const drawing of Object.values(copy as Record<string, unknown>)) expect(illustrationProblems(drawing)).toEqual([]);
  });
});

describe('descriptions', () => {
  // Words a patient should not have to look up.
  const JARGON = /\b(supine|prone|flex|flexion|extend|extension|abduct|abduction|quadriceps?|gluteal|glute|lumbar|hamstring|isometric|dorsiflex\w*|plantar\w*|neutral|contract\w*)\b/i;

  it.each(drawings)('says what the body does in %s in short plain sentences', (_name, { description }) => {
    const sentences = description.split(/(?<=\.)\s+/);
    expect(sentences.length).toBeLessThanOrEqual(3);
    for (const sentence of sentences) {
      expect(sentence).toMatch(/^[A-Z].*\.$/);
      expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(18);
    }
    expect(description).not.toMatch(JARGON);
    expect(readingGrade(description)).toBeLessThanOrEqual(6);
  });
});

describe('poses on their surface', () => {
  it.each(drawings)('rests %s on what it says it rests on', (_name, illustration) => {
    const layout = layoutIllustration(illustration);
    const placed: Record<string, PlacedPose | null> = { start: layout.start, via: layout.via, end: layout.end };
    for (const [label, pose] of keyPoses(illustration)) {
      const body = placed[label];
      if (!body) throw new Error(`${label} was not laid out`);
      for (const part of pose.contacts) {
        expect(Math.abs(heightAbove(layout, body, part) - pose.raise * layout.scale), `${label} ${part}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each(drawings)('keeps %s out of the surface, still and moving', (_name, illustration) => {
    const layout = layoutIllustration(illustration);
    const parts = (pose: PlacedPose) => new Set(pose.body.shapes.map((shape) => shape.part));
    for (const pose of [layout.start, layout.via, layout.end]) {
      if (!pose) continue;
      for (const part of parts(pose)) expect(heightAbove(layout, pose, part), part).toBeGreaterThanOrEqual(-0.6);
    }
    // Part-way the joints turn together, so a foot can brush the surface; it must not sink into it.
    for (const pose of layout.between) {
      for (const part of parts(pose)) expect(heightAbove(layout, pose, part), part).toBeGreaterThanOrEqual(-1.5);
    }
  });

  it.each(drawings)('draws %s at the common size', (_name, illustration) => {
    expect(layoutIllustration(illustration).scale).toBe(1);
  });

  it('keeps a body that leans on a wall out of the wall', () => {
    for (const [, illustration] of drawings.filter(([, drawing]) => drawing.props.some((prop) => prop.kind === 'wall'))) {
      const layout = layoutIllustration(illustration);
      const wall = shapesBox(layout.backdrop.filter((shape) => shape.part === 'wall' && shape.kind === 'rect')).maxX;
      for (const pose of [layout.start, ...layout.between, ...(layout.end ? [layout.end] : [])]) {
        expect(shapesBox(pose.body.shapes).minX).toBeGreaterThanOrEqual(wall - 0.01);
      }
    }
  });

  it('keeps the hand that holds a counter on its top, at the start and at the end', () => {
    for (const [, illustration] of drawings) {
      const counter = illustration.props.find((prop) => prop.kind === 'counter');
      if (counter?.kind !== 'counter') continue;
      const layout = layoutIllustration(illustration);
      const top = shapesBox(layout.backdrop.filter((shape) => shape.part === 'counter')).minY;
      const [start] = layout.start.body.shapes.filter((shape) => shape.part === `${counter.hand}Hand`).map((shape) => shapesBox([shape]));
      for (const pose of [layout.start, layout.end]) {
        if (!pose || !start) continue;
        const hand = shapesBox(pose.body.shapes.filter((shape) => shape.part === `${counter.hand}Hand`));
        expect(Math.abs(hand.maxY - top)).toBeLessThanOrEqual(1);
        expect(Math.abs(hand.minX - start.minX)).toBeLessThanOrEqual(1.5);
      }
    }
  });
});
