import type { Point, Shape } from './types';

/** An affine transform as SVG writes it: x' = a x + c y + e, y' = b x + d y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** translate, then rotate (degrees, clockwise on screen), then scale: the order an SVG transform list applies them. */
export function nodeMatrix(offset: Point, rotate: number, scale: Point): Matrix {
  const r = (rotate * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return [cos * scale[0], sin * scale[0], -sin * scale[1], cos * scale[1], offset[0], offset[1]];
}

export function apply(m: Matrix, p: Point): Point {
  return [m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]];
}

/** How much a transform scales lengths (the geometric mean of its two axes), for stroke widths and radii. */
export function lengthScale(m: Matrix): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
}

/** The unit vector at `degrees` clockwise from straight up, on a screen whose y grows downwards. */
export function direction(degrees: number): Point {
  const r = (degrees * Math.PI) / 180;
  return [Math.sin(r), -Math.cos(r)];
}

export type Box = { minX: number; minY: number; maxX: number; maxY: number };

export const EMPTY_BOX: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

export function isEmptyBox(box: Box): boolean {
  return box.minX > box.maxX || box.minY > box.maxY;
}

export function unionBox(a: Box, b: Box): Box {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

function pointsBox(points: readonly Point[], pad: number): Box {
  let box = EMPTY_BOX;
  for (const [x, y] of points) box = unionBox(box, { minX: x - pad, minY: y - pad, maxX: x + pad, maxY: y + pad });
  return box;
}

/** The numbers of an M/L/Q/Z path taken as points: for quadratic curves the control points bound the curve. */
export function pathPoints(d: string): Point[] {
  const numbers = d.match(/-?\d*\.?\d+(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
  const points: Point[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i] ?? 0, numbers[i + 1] ?? 0]);
  return points;
}

/** Everything a shape paints, strokes included. */
export function shapeBox(shape: Shape): Box {
  switch (shape.kind) {
    case 'line':
      return pointsBox(
        [
          [shape.x1, shape.y1],
          [shape.x2, shape.y2],
        ],
        shape.strokeWidth / 2,
      );
    case 'circle': {
      const r = shape.r + (shape.stroke ? shape.strokeWidth / 2 : 0);
      return { minX: shape.cx - r, minY: shape.cy - r, maxX: shape.cx + r, maxY: shape.cy + r };
    }
    case 'rect': {
      const pad = shape.stroke ? shape.strokeWidth / 2 : 0;
      return { minX: shape.x - pad, minY: shape.y - pad, maxX: shape.x + shape.width + pad, maxY: shape.y + shape.height + pad };
    }
    case 'polygon':
      return pointsBox(shape.points, shape.stroke ? shape.strokeWidth / 2 : 0);
    case 'path':
      return pointsBox(pathPoints(shape.d), shape.stroke ? shape.strokeWidth / 2 : 0);
  }
}

export function shapesBox(shapes: readonly Shape[]): Box {
  return shapes.reduce((box, shape) => unionBox(box, shapeBox(shape)), EMPTY_BOX);
}

/** Numbers in the SVG are rounded to a tenth of a unit: far finer than a printed line, and it keeps drawings small. */
export function fmt(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
