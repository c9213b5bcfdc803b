import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { ANGLE_RANGES } from '../../../lib/domain/drawings/validate';
import {
  ANCHORS,
  BODY_PARTS,
  FOCUS_SPOTS,
  LIMB_SIDES,
  PILLOW_PLACES,
  SURFACES,
  VIEWS,
  type Illustration,
  type LimbAngles,
  type Pose,
  type Prop,
} from '../../../lib/domain/drawings/types';

export type XmlElement = { name: string; attributes: Record<string, string>; text: string };

/** Parses `xml` with a conforming XML parser; throws on the first well-formedness error. */
export function parseXml(xml: string): XmlElement[] {
  const parser = new SaxesParser({ xmlns: false });
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.write(xml).close();
  return elements;
}

const angle = (range: readonly [number, number]) => fc.double({ min: range[0], max: range[1], noNaN: true, noDefaultInfinity: true });

const limb: fc.Arbitrary<LimbAngles> = fc.record({
  shoulder: angle(ANGLE_RANGES.shoulder),
  elbow: angle(ANGLE_RANGES.elbow),
  hip: angle(ANGLE_RANGES.hip),
  knee: angle(ANGLE_RANGES.knee),
  ankle: angle(ANGLE_RANGES.ankle),
});

export const anyPose: fc.Arbitrary<Pose> = fc.record({
  trunk: angle(ANGLE_RANGES.trunk),
  lumbar: angle(ANGLE_RANGES.lumbar),
  neck: angle(ANGLE_RANGES.neck),
  near: limb,
  far: limb,
  contacts: fc.subarray([...BODY_PARTS]),
  raise: fc.double({ min: 0, max: 40, noNaN: true }),
  belly: fc.double({ min: 0, max: 1, noNaN: true }),
  focus: fc.subarray([...FOCUS_SPOTS]),
});

const anyProp: fc.Arbitrary<Prop> = fc.oneof(
  fc.record({ kind: fc.constant('pillow' as const), under: fc.constantFrom(...PILLOW_PLACES) }),
  fc.record({ kind: fc.constant('counter' as const), hand: fc.constantFrom(...LIMB_SIDES) }),
  fc.constantFrom<Prop>({ kind: 'rolledTowel' }, { kind: 'towel' }, { kind: 'chair' }, { kind: 'wall' }, { kind: 'step' }, { kind: 'bike' }, { kind: 'box' }),
);

export const anyIllustration: fc.Arbitrary<Illustration> = fc
  .record({
    view: fc.constantFrom(...VIEWS),
    surface: fc.constantFrom(...SURFACES),
    props: fc.uniqueArray(anyProp, { maxLength: 4, selector: (prop) => prop.kind }),
    anchor: fc.constantFrom(...ANCHORS),
    start: anyPose,
    end: fc.option(anyPose, { nil: null }),
    via: fc.option(anyPose, { nil: undefined }),
    description: fc.string({ minLength: 1, maxLength: 80 }).filter((text) => text.trim() !== ''),
  })
  .map(({ via, ...illustration }) => (via && illustration.end ? { ...illustration, via } : illustration));

/** Flesch-Kincaid grade level, with a plain vowel-group syllable count: a rough guide, good enough to catch long words and sentences. */
export function readingGrade(text: string): number {
  const sentences = text.split(/[.!?]+/).filter((s) => s.trim() !== '');
  const words = text.match(/[A-Za-z']+/g) ?? [];
  const syllables = words.reduce((sum, word) => sum + syllableCount(word), 0);
  return 0.39 * (words.length / sentences.length) + 11.8 * (syllables / words.length) - 15.59;
}

export function syllableCount(word: string): number {
  const w = word.toLowerCase().replace(/'/g, '');
  const groups = w.match(/[aeiouy]+/g)?.length ?? 0;
  const silentE = /[^aeiouy]e$/.test(w) && !/le$/.test(w) ? 1 : 0;
  return Math.max(1, groups - silentE);
}
