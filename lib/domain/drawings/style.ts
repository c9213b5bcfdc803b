// One style for every drawing. Colours are chosen to stay apart in greyscale too (printed programmes are often
// copied in black and white): dark trousers and shoes, a mid-tone shirt, light skin, the far limbs paler than the
// near ones, the furniture and surfaces light grey or a light wood tone.

export const INK = {
  skin: '#e2b793',
  skinFar: '#efd6c0',
  hair: '#4a3a30',
  shirt: '#4a7ca6',
  shirtFar: '#a3c0d8',
  trousers: '#33485c',
  trousersFar: '#8d9cad',
  shoe: '#1f2b36',
  shoeFar: '#7b8896',
  focus: '#e0795c',
  strap: '#b8502b',
  surface: '#e4e8ec',
  surfaceEdge: '#a7b0ba',
  bedFrame: '#b3bcc6',
  wood: '#c9ab84',
  woodEdge: '#94784f',
  pillow: '#f6f2ea',
  pillowEdge: '#b5aa94',
  towelRoll: '#d9cbb5',
  wall: '#eef0f3',
  metal: '#5e6c79',
  ghost: '#c9d1d9',
  arrow: '#7f8b97',
} as const;

/** Lengths in drawing units: a standing person is about 100 units tall. */
export const BODY = {
  pelvis: 12,
  chest: 18,
  neck: 5,
  headR: 7,
  upperArm: 16,
  forearm: 14,
  handR: 2.9,
  thigh: 25,
  shin: 24,
  /** From the ankle joint to the middle of the sole, along the shin. */
  heelDrop: 3,
  /** From the ankle to the toes, and to the back of the heel. */
  toe: 9.5,
  heel: 2.5,
  /** Front view: half the distance between the hip joints and between the shoulders. */
  hipHalf: 5.5,
  shoulderHalf: 10,
} as const;

export const WIDTH = {
  pelvis: 15,
  chest: 15.5,
  neck: 5.5,
  upperArm: 6.5,
  forearm: 5.2,
  thigh: 10.5,
  shin: 8,
  foot: 4.5,
  strap: 1.8,
} as const;

/** The box lifted in the lifting practice, held by its side; lift moves the box's centre below (+) the hand's. */
export const BOX = {
  width: 16,
  height: 12,
  lift: -1,
} as const;

/** One panel of a drawing, in drawing units. */
export const PANEL = {
  width: 160,
  height: 120,
  /** Between the start and end panels of the static drawing, where the arrow goes. */
  gap: 22,
  margin: 2,
  floorY: 112,
  bedTop: 74,
  bedThickness: 9,
  matThickness: 2.5,
} as const;
