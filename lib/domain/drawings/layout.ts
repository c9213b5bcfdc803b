// Puts the body on its surface, holds the anchor still between start and end, fits everything in the panel,
// and builds the surface and the props around the body of the start pose.

import { BODY, INK, PANEL, WIDTH } from './style';
import { EMPTY_BOX, isEmptyBox, shapeBox, shapesBox, unionBox, type Box } from './geometry';
import { bodyFeatures, bodyTree, type BodyFeatures, type SceneNode } from './skeleton';
import { flatten, interpolateTree, type FlatBody } from './flatten';
import type { Anchor, BodyPart, Illustration, Point, Pose, Prop, Shape, Surface } from './types';

const ANCHOR_JOINT: Record<Anchor, string> = {
  hip: 'hip',
  shoulder: 'nearShoulder',
  head: 'head',
  nearKnee: 'nearKnee',
  nearAnkle: 'nearAnkle',
  farKnee: 'farKnee',
  farAnkle: 'farAnkle',
  nearWrist: 'nearHand',
  farWrist: 'farHand',
};

/** Where the top of the surface is in a panel. */
export function surfaceTop(surface: Surface): number {
  switch (surface) {
    case 'floor':
      return PANEL.floorY;
    case 'mat':
      return PANEL.floorY - PANEL.matThickness;
    case 'bed':
      return PANEL.bedTop;
  }
}

export type PlacedPose = { tree: SceneNode; body: FlatBody };

export type Layout = {
  width: number;
  height: number;
  surfaceY: number;
  /** Below 1 only when a pose would not fit the panel at the common size. */
  scale: number;
  start: PlacedPose;
  via: PlacedPose | null;
  end: PlacedPose | null;
  /** Poses part-way through the movement, as the animation shows them. */
  between: PlacedPose[];
  /** The body at `t` of the movement: 0 the start, 0.5 the half-way pose if any, 1 the end. */
  at: (t: number) => PlacedPose;
  /** The surface and the props, drawn behind the body. */
  backdrop: Shape[];
};

function partsBox(body: FlatBody, parts: readonly string[]): Box {
  return shapesBox(body.shapes.filter((shape) => parts.includes(shape.part)));
}

function bodyBox(body: FlatBody): Box {
  return shapesBox(body.shapes);
}

function joint(body: FlatBody, key: string): Point {
  return body.joints.get(key) ?? body.joints.get('hip') ?? [0, 0];
}

function withRoot(tree: SceneNode, offset: Point, scale: number): SceneNode {
  return { ...tree, offset, scale: [scale, scale] };
}

/** The hip joint's position that puts the lowest contact on the surface (y = 0) and the anchor at x = 0. */
function rootOnSurface(tree: SceneNode, contacts: readonly BodyPart[], raise: number, anchor: Anchor): Point {
  const body = flatten(withRoot(tree, [0, 0], 1));
  const resting = partsBox(body, contacts);
  const lowest = isEmptyBox(resting) ? bodyBox(body).maxY : resting.maxY;
  const [anchorX] = joint(body, ANCHOR_JOINT[anchor]);
  return [-anchorX, -raise - lowest];
}

function rect(part: string, x: number, y: number, width: number, height: number, fill: string, stroke: string | null = null, rx = 0): Shape {
  return { kind: 'rect', part, x, y, width: Math.max(0, width), height: Math.max(0, height), rx, fill, stroke, strokeWidth: stroke ? 1 : 0 };
}

function line(part: string, from: Point, to: Point, stroke: string, strokeWidth: number, cap: 'round' | 'butt' = 'round'): Shape {
  return { kind: 'line', part, x1: from[0], y1: from[1], x2: to[0], y2: to[1], stroke, strokeWidth, cap };
}

/**
 * Props that fit the body of the start pose, in the same coordinates as that body; `u` is the drawing's scale and
 * `floor` the y of the surface the body is on.
 */
function bodyProps(props: readonly Prop[], body: FlatBody, floor: number, u: number): Shape[] {
  const shapes: Shape[] = [];
  const hip = joint(body, 'hip');
  for (const prop of props) {
    switch (prop.kind) {
      case 'pillow': {
        const under = prop.under === 'head' ? partsBox(body, ['head']) : partsBox(body, ['pelvis']);
        const width = (prop.under === 'head' ? 22 : 26) * u;
        const centre = (under.minX + under.maxX) / 2;
        const top = Math.min(under.maxY - 1.2 * u, floor - 2.5 * u);
        shapes.push(rect('pillow', centre - width / 2, top, width, floor - top, INK.pillow, INK.pillowEdge, Math.min((floor - top) / 2, 4 * u)));
        break;
      }
      case 'rolledTowel': {
        const [kx, ky] = joint(body, 'nearKnee');
        const gap = floor - (ky + (WIDTH.thigh / 2) * u);
        const r = Math.min(Math.max(gap / 2, 2 * u), 6 * u);
        shapes.push({ kind: 'circle', part: 'rolledTowel', cx: kx, cy: floor - r, r, fill: INK.towelRoll, stroke: INK.woodEdge, strokeWidth: 0.8 * u });
        shapes.push({ kind: 'circle', part: 'rolledTowel', cx: kx + r * 0.15, cy: floor - r * 1.05, r: r * 0.45, fill: INK.towelRoll, stroke: INK.woodEdge, strokeWidth: 0.6 * u });
        break;
      }
      case 'chair': {
        const seatTop = partsBox(body, ['pelvis']).maxY;
        const back = Math.min(partsBox(body, ['pelvis']).minX, partsBox(body, ['chest']).minX);
        const front = hip[0] + 11 * u;
        const rear = Math.min(back - 0.8 * u, front - 20 * u);
        const seat = 3 * u;
        shapes.push(
          line('chair', [rear + 1.5 * u, seatTop + seat], [rear + 1.5 * u, floor], INK.woodEdge, 2.4 * u, 'butt'),
          line('chair', [front - 1.5 * u, seatTop + seat], [front - 1.5 * u, floor], INK.woodEdge, 2.4 * u, 'butt'),
          rect('chair', rear - 3 * u, seatTop - 30 * u, 3 * u, 30 * u + seat, INK.wood, INK.woodEdge, 1 * u),
          rect('chair', rear - 3 * u, seatTop, front - rear + 3 * u, seat, INK.wood, INK.woodEdge, 1 * u),
        );
        break;
      }
      case 'step': {
        const foot = partsBox(body, ['nearFoot']);
        shapes.push(rect('step', foot.minX - 5 * u, foot.maxY, foot.maxX - foot.minX + 10 * u, floor - foot.maxY, INK.wood, INK.woodEdge, 1 * u));
        break;
      }
      case 'bike': {
        const saddle = partsBox(body, ['pelvis']).maxY;
        const near = partsBox(body, ['nearFoot']);
        const far = partsBox(body, ['farFoot']);
        const crank: Point = [(near.minX + near.maxX + far.minX + far.maxX) / 4, (near.minY + near.maxY + far.minY + far.maxY) / 4];
        const [handX, handY] = joint(body, 'nearHand');
        const wheel: Point = [handX + 6 * u, floor - 13 * u];
        const base = floor - 1.5 * u;
        shapes.push(
          line('bike', [hip[0] - 14 * u, base], [wheel[0] + 10 * u, base], INK.metal, 3 * u),
          { kind: 'circle', part: 'bike', cx: wheel[0], cy: wheel[1], r: 10 * u, fill: INK.surface, stroke: INK.metal, strokeWidth: 2.2 * u },
          line('bike', [hip[0] - 10 * u, base], [hip[0] - 1 * u, saddle + 2 * u], INK.metal, 3 * u),
          line('bike', crank, [hip[0] - 5 * u, base - 10 * u], INK.metal, 3 * u),
          line('bike', crank, [handX + 1 * u, handY + 3 * u], INK.metal, 3 * u),
          line('bike', [handX + 1 * u, handY + 3 * u], wheel, INK.metal, 3 * u),
          line('bike', [handX - 2 * u, handY + 1.5 * u], [handX + 3 * u, handY + 2 * u], INK.metal, 3 * u),
          rect('bike', hip[0] - 8 * u, saddle, 13 * u, 3 * u, INK.metal, null, 1.5 * u),
          { kind: 'circle', part: 'bike', cx: crank[0], cy: crank[1], r: 2.8 * u, fill: INK.metal, stroke: null, strokeWidth: 0 },
        );
        break;
      }
      case 'box': {
        // A low table with the box on it at the start, reaching away from the body.
        const box = partsBox(body, ['box']);
        if (isEmptyBox(box)) break;
        const away = (box.minX + box.maxX) / 2 >= hip[0] ? 1 : -1;
        const x0 = away > 0 ? box.minX - 3 * u : box.minX - 14 * u;
        const x1 = away > 0 ? box.maxX + 14 * u : box.maxX + 3 * u;
        const top = 3 * u;
        shapes.push(
          line('table', [x0 + 2 * u, box.maxY + top], [x0 + 2 * u, floor], INK.woodEdge, 2.4 * u, 'butt'),
          line('table', [x1 - 2 * u, box.maxY + top], [x1 - 2 * u, floor], INK.woodEdge, 2.4 * u, 'butt'),
          rect('table', x0, box.maxY, x1 - x0, top, INK.surface, INK.surfaceEdge, 1 * u),
        );
        break;
      }
      case 'towel':
      case 'wall':
      case 'counter':
        break;
    }
  }
  return shapes;
}

/** The surface, the wall and the counter: they reach the panel's edges, so they are built in panel coordinates. */
function panelProps(illustration: Illustration, start: FlatBody, extent: Box, surfaceY: number, u: number, bodies: readonly FlatBody[]): Shape[] {
  const { width, height } = PANEL;
  const back: Shape[] = [];
  const front: Shape[] = [];
  for (const prop of illustration.props) {
    if (prop.kind === 'wall') {
      const wallX = Math.min(...bodies.map((body) => partsBox(body, ['chest', 'pelvis', 'head']).minX));
      back.push(rect('wall', 0, 0, wallX, surfaceY, INK.wall), line('wall', [wallX, 0], [wallX, surfaceY], INK.surfaceEdge, 1.2, 'butt'));
    }
    if (prop.kind === 'counter') {
      const [handX, handY] = joint(start, prop.hand === 'near' ? 'nearHand' : 'farHand');
      const [hipX] = joint(start, 'hip');
      const away = handX >= hipX ? 1 : -1;
      const edge = handX - away * 3 * u;
      const top = handY + BODY.handR * u - 0.3 * u;
      const x0 = away > 0 ? edge : 0;
      const x1 = away > 0 ? width : edge;
      front.push(
        rect('counter', x0 + (away > 0 ? 2 * u : 0), top + 4 * u, x1 - x0 - 2 * u, surfaceY - top - 4 * u, INK.surface, INK.surfaceEdge),
        rect('counter', x0, top, x1 - x0, 4 * u, INK.wood, INK.woodEdge, 1 * u),
      );
    }
  }
  const surface: Shape[] = [];
  switch (illustration.surface) {
    case 'floor':
      surface.push(rect('floor', 0, surfaceY, width, height - surfaceY, INK.surface), line('floor', [0, surfaceY], [width, surfaceY], INK.surfaceEdge, 1, 'butt'));
      break;
    case 'mat': {
      const floorY = PANEL.floorY;
      surface.push(
        rect('floor', 0, floorY, width, height - floorY, INK.surface),
        line('floor', [0, floorY], [width, floorY], INK.surfaceEdge, 1, 'butt'),
        rect('mat', Math.max(1, extent.minX - 6), surfaceY, Math.min(width - 1, extent.maxX + 6) - Math.max(1, extent.minX - 6), PANEL.matThickness, INK.bedFrame, null, 1),
      );
      break;
    }
    case 'bed': {
      const floorY = height - 5;
      const x0 = Math.max(2, extent.minX - 6);
      const x1 = Math.min(width - 2, extent.maxX + 6);
      const mattress = PANEL.bedThickness;
      surface.push(
        rect('floor', 0, floorY, width, height - floorY, INK.surface),
        line('floor', [0, floorY], [width, floorY], INK.surfaceEdge, 1, 'butt'),
        rect('bed', x0 + 2, surfaceY + mattress, 4, floorY - surfaceY - mattress, INK.bedFrame),
        rect('bed', x1 - 6, surfaceY + mattress, 4, floorY - surfaceY - mattress, INK.bedFrame),
        rect('bed', x0, surfaceY + mattress, x1 - x0, 4, INK.bedFrame),
        rect('bed', x0, surfaceY, x1 - x0, mattress, INK.surface, INK.surfaceEdge, 3),
      );
      break;
    }
  }
  return [...back, ...surface, ...front];
}

/** Keeps a prop inside the panel however odd the pose: every shape of a drawing lies within its frame. */
function clampShape(shape: Shape, width: number, height: number): Shape {
  const cx = (x: number) => Math.min(Math.max(x, 0), width);
  const cy = (y: number) => Math.min(Math.max(y, 0), height);
  const box = shapeBox(shape);
  if (box.minX >= 0 && box.minY >= 0 && box.maxX <= width && box.maxY <= height) return shape;
  switch (shape.kind) {
    case 'rect': {
      const x = cx(shape.x);
      const y = cy(shape.y);
      const pad = shape.stroke ? shape.strokeWidth / 2 : 0;
      return { ...shape, x: x + pad, y: y + pad, width: Math.max(0, cx(shape.x + shape.width) - x - 2 * pad), height: Math.max(0, cy(shape.y + shape.height) - y - 2 * pad) };
    }
    case 'line': {
      const pad = shape.strokeWidth / 2;
      const px = (x: number) => Math.min(Math.max(x, pad), width - pad);
      const py = (y: number) => Math.min(Math.max(y, pad), height - pad);
      return { ...shape, x1: px(shape.x1), y1: py(shape.y1), x2: px(shape.x2), y2: py(shape.y2) };
    }
    case 'circle': {
      const pad = shape.r + (shape.stroke ? shape.strokeWidth / 2 : 0);
      const r = Math.min(shape.r, width / 2, height / 2);
      return { ...shape, r, cx: Math.min(Math.max(shape.cx, pad), width - pad), cy: Math.min(Math.max(shape.cy, pad), height - pad) };
    }
    case 'polygon':
    case 'path':
      // Props are built only from rects, lines and circles.
      return shape;
  }
}

// Enough frames that no limb sweeps more than a few units between two of them, so fitting these fits the movement.
const FRAMES = 16;

/** The body at `t` (0 the start, 1 the end) of the movement, through the half-way pose when there is one. */
export function treeAt(keys: readonly SceneNode[], t: number): SceneNode {
  const [first, second, third] = keys;
  if (!first) throw new Error('A movement has at least one pose.');
  if (!second) return first;
  if (!third) return interpolateTree(first, second, t);
  return t <= 0.5 ? interpolateTree(first, second, t * 2) : interpolateTree(second, third, (t - 0.5) * 2);
}

/** A number at `t` of the movement, from its value in each pose (start, half-way, end). */
function valueAt(values: readonly number[], t: number): number {
  const [first = 0, second, third] = values;
  const mix = (a: number, b: number, u: number) => a + (b - a) * u;
  if (second === undefined) return first;
  if (third === undefined) return mix(first, second, t);
  return t <= 0.5 ? mix(first, second, t * 2) : mix(second, third, (t - 0.5) * 2);
}

export function layoutIllustration(illustration: Illustration): Layout {
  const { width, height, margin } = PANEL;
  const poses: Pose[] = [illustration.start];
  if (illustration.end && illustration.via) poses.push(illustration.via);
  if (illustration.end) poses.push(illustration.end);
  const features: BodyFeatures = bodyFeatures(poses, illustration.props);
  const surfaceY = surfaceTop(illustration.surface);
  const isMoving = poses.length > 1;

  // On the surface at y = 0, anchor at x = 0.
  const keys = poses.map((pose) => {
    const tree = bodyTree(illustration.view, pose, features);
    return withRoot(tree, rootOnSurface(tree, pose.contacts, pose.raise, illustration.anchor), 1);
  });
  // Part-way, the anchor stays still and what rests on the surface in every pose stays on it (feet on the floor
  // while standing up from a chair); with nothing in common the hips simply move from one place to the other.
  const resting = poses.reduce<BodyPart[]>((common, pose) => common.filter((part) => pose.contacts.includes(part)), [...illustration.start.contacts]);
  const restingRoot = (tree: SceneNode, raise: number) => rootOnSurface(tree, resting, raise, illustration.anchor);
  // What each pose's own contacts add to that, blended along the way so the hips never jump.
  const corrections = keys.map((tree, i) => {
    const [x, y] = restingRoot(tree, poses[i]?.raise ?? 0);
    return [tree.offset[0] - x, tree.offset[1] - y] as const;
  });
  const worldAt = (t: number): SceneNode => {
    const tree = treeAt(keys, t);
    if (resting.length === 0) return tree;
    const [x, y] = restingRoot(tree, valueAt(poses.map((pose) => pose.raise), t));
    const dx = valueAt(corrections.map(([cx]) => cx), t);
    const dy = valueAt(corrections.map(([, cy]) => cy), t);
    return withRoot(tree, [x + dx, y + dy], 1);
  };
  const times = isMoving ? Array.from({ length: FRAMES + 1 }, (_, i) => i / FRAMES) : [0];
  const worldBodies = times.map((t) => flatten(worldAt(t)));
  let extent = worldBodies.reduce((box, body) => unionBox(box, bodyBox(body)), EMPTY_BOX);
  extent = unionBox(extent, shapesBox(bodyProps(illustration.props, worldBodies[0] as FlatBody, 0, 1)));

  // One size for every drawing; smaller only if this one would not fit.
  const above = Math.max(-extent.minY, 1);
  const below = Math.max(extent.maxY, 0);
  const scale = Math.min(
    1,
    (width - 2 * margin) / Math.max(extent.maxX - extent.minX, 1),
    (surfaceY - margin) / above,
    below > 0 ? (height - margin - surfaceY) / below : 1,
  );
  const centreX = (extent.minX + extent.maxX) / 2;
  const toPanel = ([x, y]: Point): Point => [(x - centreX) * scale + width / 2, y * scale + surfaceY];
  const at = (t: number): PlacedPose => {
    const world = worldAt(t);
    const tree = withRoot(world, toPanel(world.offset), scale);
    return { tree, body: flatten(tree) };
  };

  const start = at(0);
  const end = isMoving ? at(1) : null;
  const via = poses.length === 3 ? at(0.5) : null;
  const between = isMoving ? times.slice(1, -1).map(at) : [];
  const bodies = [start, ...between, ...(end ? [end] : [])].map((pose) => pose.body);

  const attached = bodyProps(illustration.props, start.body, surfaceY, scale);
  const panelExtent = bodies.reduce((box, body) => unionBox(box, bodyBox(body)), shapesBox(attached));
  const backdrop = [...panelProps(illustration, start.body, panelExtent, surfaceY, scale, bodies), ...attached].map((shape) =>
    clampShape(shape, width, height),
  );
  return { width, height, surfaceY, scale, start, via, end, between, at, backdrop };
}

/** The towel from the near hand to the sole of the near foot, when the drawing has one. */
export function towelLine(illustration: Illustration, pose: PlacedPose, scale: number): Shape | null {
  if (!illustration.props.some((prop) => prop.kind === 'towel')) return null;
  const hand = pose.body.joints.get('nearHand');
  const sole = pose.body.joints.get('nearTowel');
  if (!hand || !sole) return null;
  return line('towel', hand, sole, INK.strap, WIDTH.strap * scale, 'butt');
}
