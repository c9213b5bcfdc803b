// Drawing an exercise as SVG is pure but not cheap (a few milliseconds: poses, layout, the movement's
// keyframes), and the busiest pages draw the same catalog drawings over and over: the portal twice per
// home exercise, the sign-off queue once per request (docs/benchmark.md). This keeps each drawing's SVG
// once per variant and only puts the page's own id prefix into it.
//
// Correct by construction, and checked on every entry: a drawing is rendered with two different marker
// prefixes, and it is kept only if the two results split into exactly the same pieces around their
// marker, i.e. the prefix only ever appears as inserted text. Anything else (a description that happens
// to hold the marker) is simply rendered every time.
import { renderIllustrationSvg, safePrefix, type SvgOptions } from './render-svg';
import type { Illustration } from './types';

const MARKER_A = 'Zq7memoprefixAz';
const MARKER_B = 'Yr3memoprefixBy';
const MAX_ENTRIES = 500;

/** The SVG cut at every place the prefix goes, or null when it cannot be kept (rendered each time). */
type Entry = readonly string[] | null;

const entries = new Map<string, Entry>();

function keyOf(illustration: Illustration, options: SvgOptions): string {
  return `${options.variant}|${options.a11y ?? ''}|${JSON.stringify(illustration)}`;
}

function piecesOf(illustration: Illustration, options: SvgOptions): Entry {
  const a = renderIllustrationSvg(illustration, { ...options, idPrefix: MARKER_A }).split(safePrefix(MARKER_A));
  const b = renderIllustrationSvg(illustration, { ...options, idPrefix: MARKER_B }).split(safePrefix(MARKER_B));
  const isParametric = a.length === b.length && a.every((piece, index) => piece === b[index]);
  return isParametric ? a : null;
}

/** The same string as renderIllustrationSvg(illustration, options), drawn once per drawing and variant. */
export function renderIllustrationSvgMemo(illustration: Illustration, options: SvgOptions): string {
  const key = keyOf(illustration, options);
  let entry = entries.get(key);
  if (entry === undefined) {
    entry = piecesOf(illustration, options);
    // A clinic's own drawings are few; a full cache starts over rather than grow without bound.
    if (entries.size >= MAX_ENTRIES) entries.clear();
    entries.set(key, entry);
  }
  if (entry === null) return renderIllustrationSvg(illustration, options);
  return entry.join(safePrefix(options.idPrefix));
}
