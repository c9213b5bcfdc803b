import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXERCISE_DRAWINGS } from '../../../lib/domain/drawings/exercise-drawings';
import { shapeBox, shapesBox } from '../../../lib/domain/drawings/geometry';
import { layoutIllustration } from '../../../lib/domain/drawings/layout';
import { easeInOut, illustrationShapes, progressAt, renderIllustrationSvg, safePrefix } from '../../../lib/domain/drawings/render-svg';
import { PANEL } from '../../../lib/domain/drawings/style';
import type { Illustration, Shape } from '../../../lib/domain/drawings/types';
import { anyIllustration, parseXml } from './support';

const drawings = Object.entries(EXERCISE_DRAWINGS);
const bridging = EXERCISE_DRAWINGS['Bridging'] as Illustration;
const EPSILON = 1e-6;

function isInside(shape: Shape, width: number, height: number): boolean {
  const box = shapeBox(shape);
  return box.minX >= -EPSILON && box.minY >= -EPSILON && box.maxX <= width + EPSILON && box.maxY <= height + EPSILON;
}

function outside(shapes: readonly Shape[], width: number, height: number): Shape[] {
  return shapes.filter((shape) => !isInside(shape, width, height));
}

describe('renderIllustrationSvg', () => {
  it.each(drawings)('writes well-formed SVG for %s, still and moving', (_name, illustration) => {
    for (const variant of ['static', 'animated'] as const) {
      const elements = parseXml(renderIllustrationSvg(illustration, { variant, idPrefix: 'x' }));
      const root = elements[0];
      expect(root?.name).toBe('svg');
      expect(root?.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
      expect(root?.attributes.viewBox).toMatch(/^0 0 \d+ \d+$/);
    }
  });

  it('writes well-formed SVG for any valid pose', () => {
    fc.assert(
      fc.property(anyIllustration, (illustration) => {
        for (const variant of ['static', 'animated'] as const) {
          const svg = renderIllustrationSvg(illustration, { variant, idPrefix: 'p' });
          expect(svg).not.toMatch(/NaN|Infinity|undefined/);
          expect(parseXml(svg)[0]?.name).toBe('svg');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every shape of any valid pose inside the frame, still and at every moment of the movement', () => {
    fc.assert(
      fc.property(anyIllustration, fc.double({ min: 0, max: 1, noNaN: true }), (illustration, t) => {
        const still = illustrationShapes(illustration);
        expect(outside(still.shapes, still.width, still.height)).toEqual([]);
        const layout = layoutIllustration(illustration);
        const moment = illustration.end ? layout.at(t) : layout.start;
        expect(outside([...layout.backdrop, ...moment.body.shapes], PANEL.width, PANEL.height)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(drawings)('keeps %s inside its frame at every moment of the movement', (_name, illustration) => {
    const layout = layoutIllustration(illustration);
    const frames = [layout.start, ...layout.between, ...(layout.end ? [layout.end] : [])];
    for (const frame of frames) expect(outside([...layout.backdrop, ...frame.body.shapes], PANEL.width, PANEL.height)).toEqual([]);
  });

  it('draws one panel for a position held still and two with an arrow for a movement', () => {
    const still = illustrationShapes({ ...bridging, end: null });
    expect(still.width).toBe(PANEL.width);
    expect(still.shapes.some((shape) => shape.part === 'arrow')).toBe(false);
    const moving = illustrationShapes(bridging);
    expect(moving.width).toBe(2 * PANEL.width + PANEL.gap);
    expect(moving.shapes.some((shape) => shape.part === 'arrow')).toBe(true);
    // The end panel is the start panel's backdrop moved right, with the end pose on it.
    expect(shapesBox(moving.shapes.filter((shape) => shape.part === 'bed')).maxX).toBeGreaterThan(PANEL.width + PANEL.gap);
  });

  it('gives every id, class and animation name of one drawing its own prefix', () => {
    const names = (svg: string) => {
      const found = new Set<string>();
      for (const match of svg.matchAll(/(?:id|class)="([^"]+)"|animation-name:([\w-]+)|@keyframes ([\w-]+)|href="#([^"]+)"|\.([A-Za-z][\w-]*)[ {]/g)) {
        const name = match.slice(1).find(Boolean);
        if (name) found.add(name);
      }
      return found;
    };
    for (const [, illustration] of drawings) {
      for (const variant of ['static', 'animated'] as const) {
        const first = names(renderIllustrationSvg(illustration, { variant, idPrefix: 'r1' }));
        const second = names(renderIllustrationSvg(illustration, { variant, idPrefix: 'r2' }));
        expect(first.size).toBeGreaterThan(0);
        expect([...first].filter((name) => second.has(name))).toEqual([]);
        for (const name of first) expect(name.startsWith('dr1')).toBe(true);
      }
    }
  });

  it('refers only to ids and keyframes inside the same drawing, and never repeats an id', () => {
    for (const [, illustration] of drawings) {
      for (const variant of ['static', 'animated'] as const) {
        const svg = renderIllustrationSvg(illustration, { variant, idPrefix: 'q' });
        const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
        expect(new Set(ids).size).toBe(ids.length);
        for (const [, target] of svg.matchAll(/href="#([^"]+)"|aria-labelledby="([^"]+)"/g)) if (target) expect(ids).toContain(target);
        const keyframes = new Set([...svg.matchAll(/@keyframes ([\w-]+)/g)].map((match) => match[1]));
        for (const [, name] of svg.matchAll(/animation-name:([\w-]+)/g)) expect(keyframes.has(name)).toBe(true);
      }
    }
  });

  it('stops the movement for a reader who asked for less motion, and lets the page play or pause it', () => {
    for (const [, illustration] of drawings.filter(([, drawing]) => drawing.end !== null)) {
      const svg = renderIllustrationSvg(illustration, { variant: 'animated', idPrefix: 'm' });
      expect(svg).toContain('@keyframes');
      expect(svg).toMatch(/@media \(prefers-reduced-motion:reduce\)\{\.dm g\{animation-play-state:var\(--drawing-motion,paused\)\}\}/);
      expect(svg).toMatch(/\.dm g\{[^}]*animation-play-state:var\(--drawing-motion,running\)/);
    }
  });

  it('does not animate a position held still', () => {
    const svg = renderIllustrationSvg({ ...bridging, end: null }, { variant: 'animated', idPrefix: 's' });
    expect(svg).not.toContain('@keyframes');
  });

  it('names itself with the description, escaped, or hides itself when the page shows the description', () => {
    const description = 'Lying down. <b>Bold</b> & "quoted" it\'s fine.';
    const labelled = parseXml(renderIllustrationSvg({ ...bridging, description }, { variant: 'static', idPrefix: 't' }));
    const [svg] = labelled;
    expect(svg?.attributes.role).toBe('img');
    const title = labelled.find((element) => element.name === 'title');
    expect(title?.text).toBe(description);
    expect(svg?.attributes['aria-labelledby']).toBe(title?.attributes.id);

    const hidden = parseXml(renderIllustrationSvg({ ...bridging, description }, { variant: 'static', idPrefix: 't', a11y: 'hidden' }));
    expect(hidden[0]?.attributes['aria-hidden']).toBe('true');
    expect(hidden.some((element) => element.name === 'title')).toBe(false);
  });

  it('makes a safe prefix of any id React gives', () => {
    for (const id of ['«r1»', ':r2:', '_S_1_', '', '<script>']) expect(safePrefix(id)).toMatch(/^d[A-Za-z0-9_-]+$/);
    expect(safePrefix('«r1»')).not.toBe(safePrefix('«r2»'));
  });

  it('writes each set of keyframes once, shared by the joints that turn alike', () => {
    for (const [, illustration] of drawings.filter(([, drawing]) => drawing.end !== null)) {
      const svg = renderIllustrationSvg(illustration, { variant: 'animated', idPrefix: 'k' });
      const bodies = [...svg.matchAll(/@keyframes [\w-]+(\{(?:[^{}]|\{[^{}]*\})*\})/g)].map((match) => match[1]);
      expect(new Set(bodies).size).toBe(bodies.length);
    }
  });

  it.each(drawings)('keeps %s small', (_name, illustration) => {
    expect(Buffer.byteLength(renderIllustrationSvg(illustration, { variant: 'static', idPrefix: 'abc12' }))).toBeLessThan(4096);
    expect(Buffer.byteLength(renderIllustrationSvg(illustration, { variant: 'animated', idPrefix: 'abc12' }))).toBeLessThan(6144);
  });
});

describe('a box carried in the hands', () => {
  const lifting = drawings.filter(([, drawing]) => drawing.props.some((prop) => prop.kind === 'box'));
  const corners = (shapes: readonly Shape[]) =>
    shapes.flatMap((shape) => (shape.part === 'box' && shape.kind === 'polygon' ? [shape.points] : []));

  it('is drawn for the lifting practice', () => {
    expect(lifting.map(([name]) => name)).toContain('Lifting practice');
  });

  it.each(lifting)('stays level and in the hand of %s at every moment', (_name, illustration) => {
    const layout = layoutIllustration(illustration);
    for (const frame of [layout.start, ...layout.between, ...(layout.end ? [layout.end] : [])]) {
      const boxes = corners(frame.body.shapes);
      expect(boxes.length).toBeGreaterThan(0);
      for (const [a, b, c] of boxes) {
        if (!a || !b || !c) throw new Error('a box has four corners');
        expect(Math.abs(a[1] - b[1])).toBeLessThan(1e-6);
        expect(Math.abs(b[0] - c[0])).toBeLessThan(1e-6);
      }
      const box = shapesBox(frame.body.shapes.filter((shape) => shape.part === 'box'));
      const [handX, handY] = frame.body.joints.get('nearHand') ?? [Number.NaN, Number.NaN];
      expect(handX).toBeGreaterThan(box.minX);
      expect(handX).toBeLessThan(box.maxX);
      expect(handY).toBeGreaterThan(box.minY);
      expect(handY).toBeLessThan(box.maxY);
    }
  });

  it.each(lifting)('rests on its table at the start of %s', (_name, illustration) => {
    const layout = layoutIllustration(illustration);
    const table = shapesBox(layout.backdrop.filter((shape) => shape.part === 'table'));
    const box = shapesBox(layout.start.body.shapes.filter((shape) => shape.part === 'box'));
    expect(Math.abs(table.minY - box.maxY)).toBeLessThanOrEqual(1);
    expect(table.minX).toBeLessThanOrEqual(box.minX);
    expect(table.maxX).toBeGreaterThanOrEqual(box.maxX);
  });
});

describe('easing', () => {
  it("follows CSS's ease-in-out from the start to the end, always forward", () => {
    expect(easeInOut(0)).toBeCloseTo(0, 6);
    expect(easeInOut(1)).toBeCloseTo(1, 6);
    expect(easeInOut(0.5)).toBeCloseTo(0.5, 6);
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
      if (a <= b) expect(easeInOut(a)).toBeLessThanOrEqual(easeInOut(b) + 1e-9);
    }));
  });

  it('rests at each end and passes the half-way pose half-way', () => {
    expect(progressAt(0, false)).toBe(0);
    expect(progressAt(15, false)).toBe(0);
    expect(progressAt(85, true)).toBe(1);
    expect(progressAt(100, false)).toBe(1);
    expect(progressAt(50, true)).toBeCloseTo(0.5, 6);
  });
});
