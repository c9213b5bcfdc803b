// The body as a tree of joints. Each joint is a node: a fixed offset from its parent joint, then a rotation
// that the pose sets. The same tree draws a still picture (flatten it to absolute shapes) and an animation
// (nest one SVG group per joint and turn the groups with CSS), so a moving limb stays attached at every frame.

import { BODY, BOX, INK, WIDTH } from './style';
import { direction } from './geometry';
import type { BodyPart, FocusSpot, LimbAngles, LimbSide, Point, Pose, Prop, View } from './types';

/** A shape in the frame of its joint: the segment runs from the joint (0, 0) towards (0, -length); +x is the segment's front in the side view. */
export type LocalShape =
  | { kind: 'capsule'; part: string; from: Point; to: Point; width: number; color: string }
  | { kind: 'disc'; part: string; at: Point; r: number; fill: string }
  | { kind: 'poly'; part: string; points: Point[]; fill: string; round: number }
  /** An ellipse along the frame's axes. */
  | { kind: 'blob'; part: string; at: Point; rx: number; ry: number; fill: string }
  /** The part of a disc on one side of a chord: a cap of hair. Angles clockwise from up. */
  | { kind: 'cap'; part: string; at: Point; r: number; from: number; to: number; fill: string };

export type SceneNode = {
  kind: 'node';
  key: string;
  offset: Point;
  rotate: number;
  scale: Point;
  opacity: number;
  content: Array<LocalShape | SceneNode>;
};

/** What is drawn at all in either pose, so that the start and end trees have the same shape and can be animated. */
export type BodyFeatures = { focus: readonly FocusSpot[]; belly: boolean; towel: boolean; box: boolean };

export function bodyFeatures(poses: readonly Pose[], props: readonly Prop[]): BodyFeatures {
  const focus = new Set<FocusSpot>();
  for (const pose of poses) for (const spot of pose.focus) focus.add(spot);
  const has = (kind: Prop['kind']) => props.some((prop) => prop.kind === kind);
  return { focus: [...focus], belly: poses.some((pose) => pose.belly > 0), towel: has('towel'), box: has('box') };
}

function node(key: string, offset: Point, rotate: number, content: Array<LocalShape | SceneNode>, scale: Point = [1, 1], opacity = 1): SceneNode {
  return { kind: 'node', key, offset, rotate, scale, opacity, content };
}

function focusNode(spot: FocusSpot, pose: Pose, features: BodyFeatures, blob: Omit<Extract<LocalShape, { kind: 'blob' }>, 'kind' | 'part' | 'fill'>): SceneNode[] {
  if (!features.focus.includes(spot)) return [];
  return [node(`focus-${spot}`, [0, 0], 0, [{ kind: 'blob', part: `focus-${spot}`, ...blob, fill: INK.focus }], [1, 1], pose.focus.includes(spot) ? 1 : 0)];
}

type Paint = { sleeve: string; skin: string; leg: string; shoe: string };

function paint(side: LimbSide): Paint {
  switch (side) {
    case 'near':
      return { sleeve: INK.shirt, skin: INK.skin, leg: INK.trousers, shoe: INK.shoe };
    case 'far':
      return { sleeve: INK.shirtFar, skin: INK.skinFar, leg: INK.trousersFar, shoe: INK.shoeFar };
  }
}

/** In the front view the far limbs mirror the near ones, so the same angles spread both legs apart. */
function mirror(view: View, side: LimbSide): number {
  return view === 'front' && side === 'far' ? -1 : 1;
}

/** Where the hand's centre is in its forearm's frame. */
const HAND_CENTRE: Point = [0, -BODY.forearm - BODY.handR + 0.8];

/**
 * A box held in the hand, drawn under the forearm and the hand. `level` turns it back by everything above it, so that
 * it stays level in every pose and, the turns being summed as they are interpolated, in every frame between.
 */
function carriedBox(level: number): SceneNode {
  const w = BOX.width / 2;
  const top = BOX.lift - BOX.height / 2;
  const bottom = BOX.lift + BOX.height / 2;
  const inset = 1.2;
  return node('box', HAND_CENTRE, level, [
    { kind: 'poly', part: 'box', points: [[-w, top], [w, top], [w, bottom], [-w, bottom]], fill: INK.woodEdge, round: 0 },
    { kind: 'poly', part: 'box', points: [[-w + inset, top + inset], [w - inset, top + inset], [w - inset, bottom - inset], [-w + inset, bottom - inset]], fill: INK.wood, round: 0 },
  ]);
}

function arm(view: View, side: LimbSide, angles: LimbAngles, box: { level: number } | null = null): SceneNode {
  const s = mirror(view, side);
  const ink = paint(side);
  const offset: Point = view === 'front' ? [s * BODY.shoulderHalf, -BODY.chest + 1.5] : [0, -BODY.chest];
  const hand = `${side}Hand` satisfies BodyPart;
  const forearm = node(`${side}Elbow`, [0, -BODY.upperArm], -s * angles.elbow, [
    ...(box ? [carriedBox(box.level)] : []),
    { kind: 'capsule', part: `${side}Forearm` satisfies BodyPart, from: [0, 0], to: [0, -BODY.forearm], width: WIDTH.forearm, color: ink.skin },
    { kind: 'disc', part: hand, at: HAND_CENTRE, r: BODY.handR, fill: ink.skin },
  ]);
  return node(`${side}Shoulder`, offset, 180 - s * angles.shoulder, [
    { kind: 'capsule', part: `${side}UpperArm` satisfies BodyPart, from: [0, 0], to: [0, -BODY.upperArm], width: WIDTH.upperArm, color: ink.sleeve },
    forearm,
  ]);
}

/** Where a towel looped under the forefoot touches the sole, in the foot's frame. */
// Under the sole but barely: a foot flat on the bed stands on the towel, not on a thick strap.
export const TOWEL_ON_SOLE: Point = [BODY.heelDrop + WIDTH.foot / 2 - 0.4, -BODY.toe * 0.55];

function foot(view: View, side: LimbSide, features: BodyFeatures): Array<LocalShape | SceneNode> {
  const ink = paint(side);
  const part = `${side}Foot` satisfies BodyPart;
  if (view === 'front') {
    const x = mirror(view, side) * BODY.heelDrop;
    return [{ kind: 'capsule', part, from: [x, 0.5], to: [x, -3], width: WIDTH.foot + 1, color: ink.shoe }];
  }
  const shapes: Array<LocalShape | SceneNode> = [
    { kind: 'capsule', part, from: [BODY.heelDrop, BODY.heel], to: [BODY.heelDrop, -BODY.toe], width: WIDTH.foot, color: ink.shoe },
  ];
  if (features.towel && side === 'near') {
    const x = TOWEL_ON_SOLE[0];
    shapes.push(
      { kind: 'capsule', part: 'towel', from: [x, -BODY.toe * 0.3], to: [x, -BODY.toe * 0.8], width: WIDTH.strap, color: INK.strap },
      node('nearTowel', TOWEL_ON_SOLE, 0, []),
    );
  }
  return shapes;
}

function leg(view: View, side: LimbSide, pose: Pose, features: BodyFeatures): SceneNode {
  const angles = pose[side];
  const s = mirror(view, side);
  const ink = paint(side);
  const offset: Point = view === 'front' ? [s * BODY.hipHalf, 0] : [0, 0];
  const ankle = node(`${side}Ankle`, [0, -BODY.shin], s * (-90 - angles.ankle), foot(view, side, features));
  const knee = node(`${side}Knee`, [0, -BODY.thigh], s * angles.knee, [
    { kind: 'capsule', part: `${side}Shin` satisfies BodyPart, from: [0, 0], to: [0, -BODY.shin], width: WIDTH.shin, color: ink.leg },
    ...(side === 'near' ? focusNode('nearCalf', pose, features, { at: [1.6, -8], rx: 2.2, ry: 6 }) : []),
    ankle,
  ]);
  return node(`${side}Hip`, offset, 180 - s * angles.hip, [
    { kind: 'capsule', part: `${side}Thigh` satisfies BodyPart, from: [0, 0], to: [0, -BODY.thigh], width: WIDTH.thigh, color: ink.leg },
    ...(side === 'near' ? focusNode('nearThigh', pose, features, { at: [-2, -13], rx: 2.6, ry: 7.5 }) : []),
    knee,
  ]);
}

function head(view: View): LocalShape[] {
  const r = BODY.headR;
  const centre: Point = [0, -BODY.neck - r];
  const shapes: LocalShape[] = [
    { kind: 'capsule', part: 'head', from: [0, 1], to: [0, -BODY.neck], width: WIDTH.neck, color: INK.skin },
    { kind: 'disc', part: 'head', at: centre, r, fill: INK.skin },
  ];
  switch (view) {
    case 'side':
      shapes.push(
        { kind: 'cap', part: 'head', at: centre, r: r + 0.3, from: 35, to: -165, fill: INK.hair },
        {
          kind: 'poly',
          part: 'head',
          points: [
            [r - 1, centre[1] - 1.2],
            [r + 2, centre[1] + 1.6],
            [r - 1, centre[1] + 2.4],
          ],
          fill: INK.skin,
          round: 0,
        },
      );
      return shapes;
    case 'front':
      shapes.push({ kind: 'cap', part: 'head', at: centre, r: r + 0.3, from: -100, to: 100, fill: INK.hair });
      return shapes;
  }
}

function trunkShapes(view: View): { pelvis: LocalShape; chest: LocalShape } {
  switch (view) {
    case 'side':
      return {
        pelvis: { kind: 'capsule', part: 'pelvis', from: [0, -0.5], to: [0, -BODY.pelvis + 1], width: WIDTH.pelvis, color: INK.trousers },
        chest: { kind: 'capsule', part: 'chest', from: [0, 0], to: [0, -BODY.chest + WIDTH.chest / 2 - 1], width: WIDTH.chest, color: INK.shirt },
      };
    case 'front':
      return {
        pelvis: {
          kind: 'poly',
          part: 'pelvis',
          points: [
            [-10, 4],
            [10, 4],
            [9.5, -BODY.pelvis - 1],
            [-9.5, -BODY.pelvis - 1],
          ],
          fill: INK.trousers,
          round: 3,
        },
        chest: {
          kind: 'poly',
          part: 'chest',
          points: [
            [-9, 1],
            [9, 1],
            [12, -BODY.chest + 4],
            [10.5, -BODY.chest - 1],
            [-10.5, -BODY.chest - 1],
            [-12, -BODY.chest + 4],
          ],
          fill: INK.shirt,
          round: 3,
        },
      };
  }
}

/**
 * The body for one pose, rooted at the hip joint. The arms hang from copies of the upper-trunk joint so that the
 * far arm is drawn behind the whole trunk and the near arm in front of it; the copies turn together.
 */
export function bodyTree(view: View, pose: Pose, features: BodyFeatures): SceneNode {
  const trunk = trunkShapes(view);
  const lumbar: Point = [0, -BODY.pelvis];
  const belly: SceneNode[] = features.belly
    ? [node('belly', [WIDTH.chest / 2 - 2, -1.5], 0, [{ kind: 'blob', part: 'chest', at: [0, 0], rx: 6, ry: 7, fill: INK.shirt }], [Math.max(pose.belly, 0.001), 1])]
    : [];
  return node('hip', [0, 0], pose.trunk, [
    node('chestBack', lumbar, pose.lumbar, [arm(view, 'far', pose.far)]),
    leg(view, 'far', pose, features),
    trunk.pelvis,
    ...focusNode('buttocks', pose, features, { at: [-3.6, -4.5], rx: 3, ry: 5 }),
    node('chest', lumbar, pose.lumbar, [
      trunk.chest,
      ...belly,
      ...focusNode('tummy', pose, features, { at: [3.8, 1], rx: 2.8, ry: 5.5 }),
      node('neck', [0, -BODY.chest], pose.neck, head(view)),
    ]),
    leg(view, 'near', pose, features),
    node('chestFront', lumbar, pose.lumbar, [arm(view, 'near', pose.near, features.box ? { level: boxLevel(view, pose) } : null)]),
  ]);
}

/** The turn that brings a box in the near hand back level: minus the turns of the hip, chest, shoulder and elbow joints. */
function boxLevel(view: View, pose: Pose): number {
  const s = mirror(view, 'near');
  return -(pose.trunk + pose.lumbar + 180 - s * pose.near.shoulder - s * pose.near.elbow);
}

/** A point on the head's outline `degrees` clockwise from the top of the head. */
export function onCircle(centre: Point, r: number, degrees: number): Point {
  const [dx, dy] = direction(degrees);
  return [centre[0] + r * dx, centre[1] + r * dy];
}
