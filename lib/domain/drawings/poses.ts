// Starting positions to describe poses from: lying on the back, sitting, standing, on hands and knees...
// A pose for a new exercise is usually one of these with a few joints changed: `pose(CROOK_LYING, { near: { hip: 60 } })`.

import type { LimbAngles, Pose } from './types';

export const STRAIGHT: LimbAngles = { shoulder: 0, elbow: 0, hip: 0, knee: 0, ankle: 0 };

export type PoseChanges = Partial<Omit<Pose, 'near' | 'far'>> & {
  near?: Partial<LimbAngles>;
  far?: Partial<LimbAngles>;
  /** Changes both sides alike, before `near` and `far`. */
  both?: Partial<LimbAngles>;
};

/** A copy of `base` with some angles changed; the result is plain data. */
export function pose(base: Pose, changes: PoseChanges): Pose {
  const { near, far, both, ...rest } = changes;
  return {
    ...base,
    ...rest,
    near: { ...base.near, ...both, ...near },
    far: { ...base.far, ...both, ...far },
    contacts: [...(rest.contacts ?? base.contacts)],
    focus: [...(rest.focus ?? base.focus)],
  };
}

const NEUTRAL: Pose = {
  trunk: 0,
  lumbar: 0,
  neck: 0,
  near: STRAIGHT,
  far: STRAIGHT,
  contacts: ['nearFoot', 'farFoot'],
  raise: 0,
  belly: 0,
  focus: [],
};

/** Standing tall, arms relaxed. */
export const STANDING = pose(NEUTRAL, { near: { shoulder: 4, elbow: 12 }, far: { shoulder: -4, elbow: 12 } });

/** Lying on the back, head to the left, legs straight, arms by the sides. */
export const LYING_ON_BACK = pose(NEUTRAL, {
  trunk: -90,
  neck: 6,
  both: { shoulder: -8, elbow: 5, ankle: -18 },
  contacts: ['pelvis', 'chest'],
});

/** Lying on the back with knees bent and feet flat (crook lying). */
export const CROOK_LYING = pose(LYING_ON_BACK, {
  both: { hip: 50, knee: 115, ankle: -25 },
  contacts: ['pelvis', 'chest', 'nearFoot', 'farFoot'],
});

/** Lying face down, head to the right. */
export const LYING_ON_FRONT = pose(NEUTRAL, {
  trunk: 90,
  neck: -8,
  both: { shoulder: 10, ankle: -70 },
  contacts: ['pelvis', 'chest'],
});

/** Sitting upright, thighs level, feet flat on the floor. */
export const SITTING = pose(NEUTRAL, {
  both: { hip: 90, knee: 90, shoulder: 8, elbow: 55 },
  contacts: ['nearFoot', 'farFoot'],
});

/** On hands and knees, back flat, head to the right. */
export const HANDS_AND_KNEES = pose(NEUTRAL, {
  trunk: 80.75,
  neck: 0,
  both: { shoulder: 80.75, hip: 80.75, knee: 88, ankle: -75 },
  contacts: ['nearHand', 'farHand', 'nearThigh', 'farThigh'],
});

/** Front view: lying on the side, head to the left on the far arm, knees bent. */
export const SIDE_LYING = pose(NEUTRAL, {
  trunk: -90,
  near: { shoulder: -20, elbow: 20, hip: 0, knee: 0, ankle: 0 },
  far: { shoulder: 0, elbow: 0, hip: 0, knee: 0, ankle: 0 },
  contacts: ['chest', 'pelvis', 'farThigh', 'farShin'],
});
