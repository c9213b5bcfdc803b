// The data that describes a drawing. Everything here is plain JSON (numbers, strings, arrays), so an
// illustration can be stored in a database Json column and checked with `illustrationProblems`.

/** Side: the body seen from its side, facing right. Front: the body seen from in front (or from above when lying on the side). */
export const VIEWS = ['side', 'front'] as const;
export type View = (typeof VIEWS)[number];

/** What the body rests on. A bed stands on the floor; a mat lies on it. */
export const SURFACES = ['floor', 'bed', 'mat'] as const;
export type Surface = (typeof SURFACES)[number];

/** In the side view the near limbs are drawn in front of the body, the far ones behind it; in the front view
 * the near limbs are on the viewer's right. */
export const LIMB_SIDES = ['near', 'far'] as const;
export type LimbSide = (typeof LIMB_SIDES)[number];

/**
 * Joint angles of one arm and one leg, in degrees, 0 being a person standing with arms by the sides.
 * shoulder and hip: + moves the limb forward (flexion; in the front view, out to the side).
 * elbow and knee: + bends. ankle: + pulls the toes up, - points them.
 */
export type LimbAngles = {
  shoulder: number;
  elbow: number;
  hip: number;
  knee: number;
  ankle: number;
};

export const BODY_PARTS = [
  'head',
  'chest',
  'pelvis',
  'nearUpperArm',
  'nearForearm',
  'nearHand',
  'nearThigh',
  'nearShin',
  'nearFoot',
  'farUpperArm',
  'farForearm',
  'farHand',
  'farThigh',
  'farShin',
  'farFoot',
] as const;
export type BodyPart = (typeof BODY_PARTS)[number];

/** Points that can be held still between the start and the end of a movement. */
export const ANCHORS = ['hip', 'shoulder', 'head', 'nearKnee', 'nearAnkle', 'farKnee', 'farAnkle', 'nearWrist', 'farWrist'] as const;
export type Anchor = (typeof ANCHORS)[number];

/** Where the patient tightens a muscle, shown as a highlight on the body. */
export const FOCUS_SPOTS = ['tummy', 'buttocks', 'nearThigh', 'nearCalf'] as const;
export type FocusSpot = (typeof FOCUS_SPOTS)[number];

export type Pose = {
  /** Lower trunk from upright, + leaning forward: 90 is lying face down (head to the right), -90 lying on the back (head to the left). */
  trunk: number;
  /** Upper trunk against the lower trunk: + rounds forward, - arches back. */
  lumbar: number;
  /** + tucks the chin. */
  neck: number;
  near: LimbAngles;
  far: LimbAngles;
  /** Parts that rest on the surface: the lowest of them is placed on it. */
  contacts: BodyPart[];
  /** How far above the surface the contacts are (feet on a bike's pedals). */
  raise: number;
  /** 0 a flat tummy, 1 a tummy full of breath. */
  belly: number;
  focus: FocusSpot[];
};

export const PROP_KINDS = ['pillow', 'rolledTowel', 'towel', 'chair', 'wall', 'counter', 'step', 'bike', 'box'] as const;
export type PropKind = (typeof PROP_KINDS)[number];

export const PILLOW_PLACES = ['head', 'pelvis'] as const;
export type PillowPlace = (typeof PILLOW_PLACES)[number];

/**
 * Props are placed from the start pose, so that they fit the body: a chair's seat is under the hips, a pillow fills
 * the gap under the head, a counter's top is under the hand. Only the towel and the box move with the body.
 */
export type Prop =
  | { kind: 'pillow'; under: PillowPlace }
  /** Under the near knee. */
  | { kind: 'rolledTowel' }
  /** A towel or strap from the hands round the near foot. */
  | { kind: 'towel' }
  | { kind: 'chair' }
  /** Behind the back. */
  | { kind: 'wall' }
  /** A kitchen counter or chair back under one hand. */
  | { kind: 'counter'; hand: LimbSide }
  /** A low step under the near foot. */
  | { kind: 'step' }
  | { kind: 'bike' }
  /** A light box held in the near hand, which rests on a low table at the start. */
  | { kind: 'box' };

export type Illustration = {
  view: View;
  surface: Surface;
  props: Prop[];
  /** The point that stays still from start to end (the feet when standing up from a chair). */
  anchor: Anchor;
  start: Pose;
  /** Null for a position held still. */
  end: Pose | null;
  /**
   * A pose half-way, for a movement whose straight path from start to end would not be the real one (a foot that
   * slides along the floor would dip through it). Drawn only in the moving picture.
   */
  via?: Pose;
  /** The text alternative, in plain words a patient reads: what the body does. */
  description: string;
};

export type Point = readonly [number, number];

/** One drawn primitive in absolute coordinates. The same list draws the SVG and a PDF (react-pdf's Svg primitives). */
export type Shape =
  | { kind: 'line'; part: string; x1: number; y1: number; x2: number; y2: number; stroke: string; strokeWidth: number; cap: 'round' | 'butt' }
  | { kind: 'circle'; part: string; cx: number; cy: number; r: number; fill: string; stroke: string | null; strokeWidth: number }
  | { kind: 'rect'; part: string; x: number; y: number; width: number; height: number; rx: number; fill: string; stroke: string | null; strokeWidth: number }
  | { kind: 'polygon'; part: string; points: Point[]; fill: string; stroke: string | null; strokeWidth: number }
  /** Paths use only absolute M, L and Q commands and Z, so their control points bound them. */
  | { kind: 'path'; part: string; d: string; fill: string | null; stroke: string | null; strokeWidth: number; cap: 'round' | 'butt' };
