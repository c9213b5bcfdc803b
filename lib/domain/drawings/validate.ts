// Checks that a JSON value (say, read back from a database Json column) is a well-formed Illustration before
// anything draws it. Plain code rather than a schema library, so the drawing code stays free of dependencies.

import {
  ANCHORS,
  BODY_PARTS,
  FOCUS_SPOTS,
  LIMB_SIDES,
  PILLOW_PLACES,
  PROP_KINDS,
  SURFACES,
  VIEWS,
  type Illustration,
  type LimbAngles,
} from './types';

/**
 * Sanity ranges, in degrees, wide enough for every drawing and narrow enough to catch a typo (a knee bent 400
 * degrees) or radians given for degrees. They are angles in the picture, not clinical limits.
 */
export const ANGLE_RANGES = {
  trunk: [-180, 180],
  lumbar: [-45, 60],
  neck: [-60, 60],
  shoulder: [-90, 200],
  elbow: [0, 160],
  hip: [-90, 160],
  knee: [-160, 160],
  ankle: [-90, 60],
} as const;

export const DESCRIPTION_MAX_LENGTH = 300;
const MAX_RAISE = 40;

const JOINTS = ['shoulder', 'elbow', 'hip', 'knee', 'ankle'] as const satisfies ReadonlyArray<keyof LimbAngles>;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isOneOf<T extends string>(list: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (list as readonly string[]).includes(x);
}

function numberProblem(where: string, x: unknown, [min, max]: readonly [number, number]): string[] {
  if (typeof x !== 'number' || !Number.isFinite(x)) return [`${where} must be a number.`];
  if (x < min || x > max) return [`${where} must be between ${min} and ${max}.`];
  return [];
}

function unknownKeys(where: string, x: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(x)
    .filter((key) => !known.includes(key))
    .map((key) => `${where} has an unknown field "${key}".`);
}

function listProblems<T extends string>(where: string, x: unknown, allowed: readonly T[]): string[] {
  if (!Array.isArray(x)) return [`${where} must be a list.`];
  const problems = x.flatMap((item, i) => (isOneOf(allowed, item) ? [] : [`${where}[${i}] must be one of ${allowed.join(', ')}.`]));
  if (new Set(x).size !== x.length) problems.push(`${where} lists something twice.`);
  return problems;
}

function limbProblems(where: string, x: unknown): string[] {
  if (!isRecord(x)) return [`${where} must be an object.`];
  return [...unknownKeys(where, x, JOINTS), ...JOINTS.flatMap((joint) => numberProblem(`${where}.${joint}`, x[joint], ANGLE_RANGES[joint]))];
}

const POSE_KEYS = ['trunk', 'lumbar', 'neck', 'near', 'far', 'contacts', 'raise', 'belly', 'focus'] as const;

function poseProblems(where: string, x: unknown): string[] {
  if (!isRecord(x)) return [`${where} must be an object.`];
  return [
    ...unknownKeys(where, x, POSE_KEYS),
    ...numberProblem(`${where}.trunk`, x.trunk, ANGLE_RANGES.trunk),
    ...numberProblem(`${where}.lumbar`, x.lumbar, ANGLE_RANGES.lumbar),
    ...numberProblem(`${where}.neck`, x.neck, ANGLE_RANGES.neck),
    ...LIMB_SIDES.flatMap((side) => limbProblems(`${where}.${side}`, x[side])),
    ...listProblems(`${where}.contacts`, x.contacts, BODY_PARTS),
    ...numberProblem(`${where}.raise`, x.raise, [0, MAX_RAISE]),
    ...numberProblem(`${where}.belly`, x.belly, [0, 1]),
    ...listProblems(`${where}.focus`, x.focus, FOCUS_SPOTS),
  ];
}

function propProblems(where: string, x: unknown): string[] {
  if (!isRecord(x)) return [`${where} must be an object.`];
  if (!isOneOf(PROP_KINDS, x.kind)) return [`${where}.kind must be one of ${PROP_KINDS.join(', ')}.`];
  switch (x.kind) {
    case 'pillow':
      return [...unknownKeys(where, x, ['kind', 'under']), ...(isOneOf(PILLOW_PLACES, x.under) ? [] : [`${where}.under must be one of ${PILLOW_PLACES.join(', ')}.`])];
    case 'counter':
      return [...unknownKeys(where, x, ['kind', 'hand']), ...(isOneOf(LIMB_SIDES, x.hand) ? [] : [`${where}.hand must be one of ${LIMB_SIDES.join(', ')}.`])];
    case 'rolledTowel':
    case 'towel':
    case 'chair':
    case 'wall':
    case 'step':
    case 'bike':
    case 'box':
      return unknownKeys(where, x, ['kind']);
  }
}

const ILLUSTRATION_KEYS = ['view', 'surface', 'props', 'anchor', 'start', 'end', 'via', 'description'] as const;

/** Everything wrong with `x` as an Illustration, in words; an empty list when it is one. */
export function illustrationProblems(x: unknown): string[] {
  if (!isRecord(x)) return ['The drawing must be an object.'];
  const problems = [
    ...unknownKeys('The drawing', x, ILLUSTRATION_KEYS),
    ...(isOneOf(VIEWS, x.view) ? [] : [`view must be one of ${VIEWS.join(', ')}.`]),
    ...(isOneOf(SURFACES, x.surface) ? [] : [`surface must be one of ${SURFACES.join(', ')}.`]),
    ...(isOneOf(ANCHORS, x.anchor) ? [] : [`anchor must be one of ${ANCHORS.join(', ')}.`]),
    ...(Array.isArray(x.props) ? x.props.flatMap((prop, i) => propProblems(`props[${i}]`, prop)) : ['props must be a list.']),
    ...poseProblems('start', x.start),
    ...(x.end === null ? [] : poseProblems('end', x.end)),
    ...(x.via === undefined ? [] : poseProblems('via', x.via)),
  ];
  if (x.via !== undefined && x.end === null) problems.push('via needs an end pose.');
  if (typeof x.description !== 'string' || x.description.trim() === '') problems.push('description must say what the body does.');
  else if (x.description.length > DESCRIPTION_MAX_LENGTH) problems.push(`description must be at most ${DESCRIPTION_MAX_LENGTH} characters.`);
  return problems;
}

export function isIllustration(x: unknown): x is Illustration {
  return illustrationProblems(x).length === 0;
}
