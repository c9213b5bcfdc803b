// Forward kinematics: walk the joint tree, multiply the transforms, and write every shape in absolute
// coordinates. The result is a flat list of primitives that an SVG string, a React component or a PDF can draw.

import { IDENTITY, apply, direction, fmt, lengthScale, multiply, nodeMatrix, type Matrix } from './geometry';
import type { LocalShape, SceneNode } from './skeleton';
import type { Point, Shape } from './types';

/** A circular arc as quadratic curves (each at most 50 degrees, closer than a tenth of a unit at these sizes), on the unit circle. */
function arcControlPoints(from: number, to: number): Point[] {
  const steps = Math.max(1, Math.ceil(Math.abs(to - from) / 50));
  const step = (to - from) / steps;
  const points: Point[] = [direction(from)];
  for (let i = 0; i < steps; i += 1) {
    const mid = from + step * (i + 0.5);
    const [cx, cy] = direction(mid);
    const k = 1 / Math.cos(((step / 2) * Math.PI) / 180);
    points.push([cx * k, cy * k], direction(from + step * (i + 1)));
  }
  return points;
}

function curvePath(points: readonly Point[], close: boolean): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${fmt(first[0])} ${fmt(first[1])}`;
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const c = rest[i] as Point;
    const p = rest[i + 1] as Point;
    d += `Q${fmt(c[0])} ${fmt(c[1])} ${fmt(p[0])} ${fmt(p[1])}`;
  }
  return close ? `${d}Z` : d;
}

/** A local shape in the coordinates `m` maps it to: absolute ones when flattening, its own joint's when nesting groups. */
export function placeShape(shape: LocalShape, m: Matrix): Shape {
  const k = lengthScale(m);
  switch (shape.kind) {
    case 'capsule': {
      const [x1, y1] = apply(m, shape.from);
      const [x2, y2] = apply(m, shape.to);
      return { kind: 'line', part: shape.part, x1, y1, x2, y2, stroke: shape.color, strokeWidth: shape.width * k, cap: 'round' };
    }
    case 'disc': {
      const [cx, cy] = apply(m, shape.at);
      return { kind: 'circle', part: shape.part, cx, cy, r: shape.r * k, fill: shape.fill, stroke: null, strokeWidth: 0 };
    }
    case 'poly':
      return {
        kind: 'polygon',
        part: shape.part,
        points: shape.points.map((p) => apply(m, p)),
        fill: shape.fill,
        stroke: shape.round > 0 ? shape.fill : null,
        strokeWidth: shape.round * k,
      };
    case 'blob': {
      const points = arcControlPoints(0, 360).map(([x, y]): Point => apply(m, [shape.at[0] + x * shape.rx, shape.at[1] + y * shape.ry]));
      return { kind: 'path', part: shape.part, d: curvePath(points, true), fill: shape.fill, stroke: null, strokeWidth: 0, cap: 'round' };
    }
    case 'cap': {
      const points = arcControlPoints(shape.from, shape.to).map(([x, y]): Point => apply(m, [shape.at[0] + x * shape.r, shape.at[1] + y * shape.r]));
      return { kind: 'path', part: shape.part, d: curvePath(points, true), fill: shape.fill, stroke: null, strokeWidth: 0, cap: 'round' };
    }
  }
}

export type FlatBody = {
  shapes: Shape[];
  /** Every joint's position by its node key ('hip', 'nearKnee', ...), and the centres of the head and hands. */
  joints: Map<string, Point>;
};

// A shape scaled this small is a breath not taken or a tummy not tight: leave it out rather than draw a speck.
const INVISIBLE = 0.05;

export function flatten(root: SceneNode, base: Matrix = IDENTITY): FlatBody {
  const shapes: Shape[] = [];
  const joints = new Map<string, Point>();
  const walk = (n: SceneNode, parent: Matrix) => {
    if (n.opacity <= 0) return;
    const m = multiply(parent, nodeMatrix(n.offset, n.rotate, n.scale));
    joints.set(n.key, apply(m, [0, 0]));
    for (const item of n.content) {
      if (item.kind === 'node') {
        walk(item, m);
        continue;
      }
      if (lengthScale(m) < INVISIBLE) continue;
      const shape = placeShape(item, m);
      if (shape.kind === 'circle') joints.set(shape.part, [shape.cx, shape.cy]);
      shapes.push(shape);
    }
  };
  walk(root, base);
  return { shapes, joints };
}

/** The tree part-way from `a` to `b` (same structure), as the browser draws it during the animation. */
export function interpolateTree(a: SceneNode, b: SceneNode, t: number): SceneNode {
  const mix = (x: number, y: number) => x + (y - x) * t;
  return {
    ...a,
    offset: [mix(a.offset[0], b.offset[0]), mix(a.offset[1], b.offset[1])],
    rotate: mix(a.rotate, b.rotate),
    scale: [mix(a.scale[0], b.scale[0]), mix(a.scale[1], b.scale[1])],
    opacity: mix(a.opacity, b.opacity),
    content: a.content.map((item, i) => {
      const other = b.content[i];
      return item.kind === 'node' && other?.kind === 'node' ? interpolateTree(item, other, t) : item;
    }),
  };
}
