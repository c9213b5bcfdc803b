// Writes an illustration as an SVG string: a still "start -> end" picture, or one panel that moves between
// the two. The still picture is the flat shape list (`illustrationShapes`), which a PDF can draw too.

import { IDENTITY, fmt } from './geometry';
import { placeShape } from './flatten';
import { layoutIllustration, towelLine, type Layout, type PlacedPose } from './layout';
import type { LocalShape, SceneNode } from './skeleton';
import { INK, PANEL, WIDTH } from './style';
import type { Illustration, Point, Shape } from './types';

export type DrawingVariant = 'static' | 'animated';

export type SvgOptions = {
  variant: DrawingVariant;
  /**
   * Makes every id, class and animation name in this SVG its own: inline SVG styles apply to the whole page, so two
   * drawings on one page need different prefixes. Letters, digits, '-' and '_' only.
   */
  idPrefix?: string;
  /** 'label': the SVG names itself with the description (role="img"). 'hidden': the page shows the description next to it. */
  a11y?: 'label' | 'hidden';
};

/** A still drawing as absolute shapes: the start panel, an arrow, and the end panel to its right. */
export type DrawingShapes = { width: number; height: number; shapes: Shape[] };

/** The custom property a page sets on an ancestor to pause ('paused') or play ('running') the movement. */
export const MOTION_PROPERTY = '--drawing-motion';

const SECONDS = 4;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function safePrefix(prefix: string | undefined): string {
  const cleaned = (prefix ?? '').replace(/[^A-Za-z0-9_-]/g, '');
  return `d${cleaned || '0'}`;
}

function panelOffset(): number {
  return PANEL.width + PANEL.gap;
}

function shift(shape: Shape, dx: number): Shape {
  switch (shape.kind) {
    case 'line':
      return { ...shape, x1: shape.x1 + dx, x2: shape.x2 + dx };
    case 'circle':
      return { ...shape, cx: shape.cx + dx };
    case 'rect':
      return { ...shape, x: shape.x + dx };
    case 'polygon':
      return { ...shape, points: shape.points.map(([x, y]): Point => [x + dx, y]) };
    case 'path': {
      let index = 0;
      // Path numbers come in x y pairs (M, L and Q only), so every other number is an x.
      const d = shape.d.replace(/-?\d*\.?\d+/g, (n) => (index++ % 2 === 0 ? fmt(Number(n) + dx) : n));
      return { ...shape, d };
    }
  }
}

function arrowShapes(layout: Layout): Shape[] {
  const x0 = PANEL.width + 4;
  const x1 = PANEL.width + PANEL.gap - 4;
  const y = Math.round(layout.surfaceY - 26);
  return [
    { kind: 'line', part: 'arrow', x1: x0, y1: y, x2: x1 - 1, y2: y, stroke: INK.arrow, strokeWidth: 2, cap: 'round' },
    {
      kind: 'polygon',
      part: 'arrow',
      points: [
        [x1 - 5, y - 4],
        [x1 + 0.5, y],
        [x1 - 5, y + 4],
      ],
      fill: INK.arrow,
      stroke: INK.arrow,
      strokeWidth: 1,
    },
  ];
}

function poseShapes(illustration: Illustration, layout: Layout, pose: PlacedPose): Shape[] {
  const towel = towelLine(illustration, pose, layout.scale);
  return towel ? [...pose.body.shapes, towel] : pose.body.shapes;
}

export function illustrationShapes(illustration: Illustration): DrawingShapes {
  const layout = layoutIllustration(illustration);
  const first = [...layout.backdrop, ...poseShapes(illustration, layout, layout.start)];
  if (!layout.end) return { width: layout.width, height: layout.height, shapes: first };
  const dx = panelOffset();
  const second = [...layout.backdrop, ...poseShapes(illustration, layout, layout.end)].map((shape) => shift(shape, dx));
  return { width: layout.width + dx, height: layout.height, shapes: [...first, ...arrowShapes(layout), ...second] };
}

// ---------------------------------------------------------------- writing SVG

function paintAttributes(fill: string | null, stroke: string | null, strokeWidth: number): string {
  let attributes = fill ? ` fill="${fill}"` : '';
  if (stroke && strokeWidth > 0) attributes += ` stroke="${stroke}" stroke-width="${fmt(strokeWidth)}"`;
  return attributes;
}

function lineKey(shape: Extract<Shape, { kind: 'line' }>): string {
  return `${shape.stroke}|${fmt(shape.strokeWidth)}|${shape.cap}`;
}

/** SVG elements for shapes; neighbouring lines with the same stroke become one path. */
export function shapesToSvg(shapes: readonly Shape[]): string {
  let out = '';
  let run: Extract<Shape, { kind: 'line' }>[] = [];
  const flush = () => {
    const first = run[0];
    if (!first) return;
    const d = run.map((l) => `M${fmt(l.x1)} ${fmt(l.y1)} ${fmt(l.x2)} ${fmt(l.y2)}`).join('');
    const cap = first.cap === 'butt' ? ' stroke-linecap="butt"' : '';
    out += `<path d="${d}"${paintAttributes(null, first.stroke, first.strokeWidth)}${cap}/>`;
    run = [];
  };
  for (const shape of shapes) {
    if (shape.kind === 'line') {
      const first = run[0];
      if (first && lineKey(first) !== lineKey(shape)) flush();
      run.push(shape);
      continue;
    }
    flush();
    switch (shape.kind) {
      case 'circle':
        out += `<circle cx="${fmt(shape.cx)}" cy="${fmt(shape.cy)}" r="${fmt(shape.r)}"${paintAttributes(shape.fill, shape.stroke, shape.strokeWidth)}/>`;
        break;
      case 'rect': {
        const rx = shape.rx > 0 ? ` rx="${fmt(shape.rx)}"` : '';
        out += `<rect x="${fmt(shape.x)}" y="${fmt(shape.y)}" width="${fmt(shape.width)}" height="${fmt(shape.height)}"${rx}${paintAttributes(shape.fill, shape.stroke, shape.strokeWidth)}/>`;
        break;
      }
      case 'polygon':
        out += `<polygon points="${shape.points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ')}"${paintAttributes(shape.fill, shape.stroke, shape.strokeWidth)}/>`;
        break;
      case 'path': {
        const cap = shape.stroke && shape.cap === 'butt' ? ' stroke-linecap="butt"' : '';
        out += `<path d="${shape.d}"${paintAttributes(shape.fill, shape.stroke, shape.strokeWidth)}${cap}/>`;
        break;
      }
    }
  }
  flush();
  return out;
}

function svgOpen(p: string, width: number, height: number, illustration: Illustration, options: SvgOptions): string {
  const a11y =
    options.a11y === 'hidden'
      ? ' aria-hidden="true" focusable="false"'
      : ` role="img" aria-labelledby="${p}-t"`;
  const title = options.a11y === 'hidden' ? '' : `<title id="${p}-t">${escapeXml(illustration.description)}</title>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" class="${p}"${a11y} fill="none" stroke-linecap="round" stroke-linejoin="round">${title}`;
}

function renderStatic(illustration: Illustration, p: string, options: SvgOptions): string {
  const layout = layoutIllustration(illustration);
  const backdrop = shapesToSvg(layout.backdrop);
  const start = shapesToSvg(poseShapes(illustration, layout, layout.start));
  if (!layout.end) return `${svgOpen(p, layout.width, layout.height, illustration, options)}${backdrop}${start}</svg>`;
  const dx = panelOffset();
  const end = shapesToSvg(poseShapes(illustration, layout, layout.end));
  return (
    svgOpen(p, layout.width + dx, layout.height, illustration, options) +
    `<g id="${p}-b">${backdrop}</g>${start}${shapesToSvg(arrowShapes(layout))}` +
    `<use href="#${p}-b" x="${dx}"/><g transform="translate(${dx} 0)">${end}</g></svg>`
  );
}

// ---------------------------------------------------------------- animation

/** The keyframes written so far; joints that turn alike (both legs in a squat) share one set, by its steps. */
type Motion = { css: string[]; next: number; named: Map<string, string> };

/** Per cent of the animation spent resting at each end. */
const HOLD = 15;
const ROOT_SAMPLES = 8;

/** CSS's ease-in-out, cubic-bezier(0.42, 0, 0.58, 1): the progress at `u` of the time. */
export function easeInOut(u: number): number {
  if (u <= 0) return 0;
  if (u >= 1) return 1;
  const bezier = (s: number, p1: number, p2: number) => 3 * (1 - s) ** 2 * s * p1 + 3 * (1 - s) * s ** 2 * p2 + s ** 3;
  let low = 0;
  let high = 1;
  for (let i = 0; i < 30; i += 1) {
    const mid = (low + high) / 2;
    if (bezier(mid, 0.42, 0.58) < u) low = mid;
    else high = mid;
  }
  return bezier((low + high) / 2, 0, 1);
}

/** Where the movement is (0 start, 1 end) at `percent` of the animation: each stretch between poses eases in and out. */
export function progressAt(percent: number, hasVia: boolean): number {
  const u = Math.min(Math.max((percent - HOLD) / (100 - 2 * HOLD), 0), 1);
  if (!hasVia) return easeInOut(u);
  return u <= 0.5 ? easeInOut(u * 2) / 2 : 0.5 + easeInOut(u * 2 - 1) / 2;
}

const isSame = (a: number, b: number) => Math.abs(a - b) < 0.01;

/** Keyframes through the poses: two (start, end) or three (start, half-way, end). */
function keyframes(name: string, values: readonly string[]): string {
  const [first, ...rest] = values;
  const last = rest.pop();
  // Rests at each end, so the eye can take in the start and the end positions.
  const middle = rest.map((value) => `50%{${value}}`).join('');
  return `@keyframes ${name}{0%,${HOLD}%{${first}}${middle}${100 - HOLD}%,to{${last}}}`;
}

/** Scales need more than one decimal: a tenth of a 40-unit towel is 4 units. */
function fmt3(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function transformText(rotate: number, scale: Point): string {
  const scaled = isSame(scale[0], 1) && isSame(scale[1], 1) ? '' : ` scale(${fmt3(scale[0])},${fmt3(scale[1])})`;
  return `rotate(${fmt(rotate)}deg)${scaled}`;
}

function attributeTransform(offset: Point, rotate: number, scale: Point): string {
  const parts: string[] = [];
  if (!isSame(offset[0], 0) || !isSame(offset[1], 0)) parts.push(`translate(${fmt(offset[0])} ${fmt(offset[1])})`);
  if (!isSame(rotate, 0)) parts.push(`rotate(${fmt(rotate)})`);
  if (!isSame(scale[0], 1) || !isSame(scale[1], 1)) parts.push(`scale(${fmt3(scale[0])} ${fmt3(scale[1])})`);
  return parts.length > 0 ? ` transform="${parts.join(' ')}"` : '';
}

function localShapes(shapes: readonly LocalShape[]): string {
  return shapesToSvg(shapes.map((shape) => placeShape(shape, IDENTITY)));
}

function isEmptyNode(n: SceneNode): boolean {
  return n.content.every((item) => item.kind === 'node' && isEmptyNode(item));
}

function varies(keys: readonly SceneNode[], value: (n: SceneNode) => number): boolean {
  const first = keys[0];
  return first !== undefined && keys.some((n) => !isSame(value(n), value(first)));
}

/** One group per joint; a joint that turns between the poses gets its own keyframes. `keys` are the same node in each pose. */
function animatedNode(keys: readonly SceneNode[], p: string, motion: Motion): string {
  const a = keys[0];
  if (!a || isEmptyNode(a) || keys.every((n) => n.opacity <= 0)) return '';
  let inner = '';
  let pending: LocalShape[] = [];
  a.content.forEach((item, i) => {
    if (item.kind !== 'node') {
      pending.push(item);
      return;
    }
    const children = keys.map((n) => n.content[i]).filter((child): child is SceneNode => child?.kind === 'node');
    inner += localShapes(pending);
    pending = [];
    inner += animatedNode(children, p, motion);
  });
  inner += localShapes(pending);

  const moves = varies(keys, (n) => n.offset[0]) || varies(keys, (n) => n.offset[1]);
  const turns = varies(keys, (n) => n.rotate) || varies(keys, (n) => n.scale[0]) || varies(keys, (n) => n.scale[1]);
  const fades = varies(keys, (n) => n.opacity);
  const opacity = isSame(a.opacity, 1) ? '' : ` opacity="${fmt(a.opacity)}"`;
  if (!moves && !turns && !fades) {
    const transform = attributeTransform(a.offset, a.rotate, a.scale);
    return transform || opacity ? `<g${transform}${opacity}>${inner}</g>` : inner;
  }
  const animated = (values: (n: SceneNode) => string) => {
    const steps = keys.map(values);
    const known = steps.join('|');
    let name = motion.named.get(known);
    if (!name) {
      name = `${p}${motion.next++}`;
      motion.named.set(known, name);
      motion.css.push(keyframes(name, steps));
    }
    return ` style="animation-name:${name}"`;
  };
  const outer = moves ? animated((n) => `transform:translate(${fmt(n.offset[0])}px,${fmt(n.offset[1])}px)`) : '';
  const inside =
    turns || fades
      ? animated((n) => [turns ? `transform:${transformText(n.rotate, n.scale)}` : '', fades ? `opacity:${fmt(n.opacity)}` : ''].filter(Boolean).join(';'))
      : '';
  return `<g${outer}${attributeTransform(a.offset, 0, [1, 1])}><g${inside}${attributeTransform([0, 0], a.rotate, a.scale)}${opacity}>${inner}</g></g>`;
}

function towelNode(illustration: Illustration, layout: Layout, keys: readonly PlacedPose[], p: string, motion: Motion): string {
  const lines = keys.map((pose) => towelLine(illustration, pose, layout.scale));
  const placements: Array<{ at: Point; angle: number; length: number }> = [];
  for (const line of lines) {
    if (line?.kind !== 'line') return '';
    const angle = (Math.atan2(line.x2 - line.x1, -(line.y2 - line.y1)) * 180) / Math.PI;
    const previous = placements.at(-1);
    placements.push({
      at: [line.x1, line.y1],
      // Turn the short way round.
      angle: previous ? angle + 360 * Math.round((previous.angle - angle) / 360) : angle,
      length: Math.hypot(line.x2 - line.x1, line.y2 - line.y1),
    });
  }
  const first = placements[0];
  if (!first) return '';
  const name = `${p}${motion.next++}`;
  motion.css.push(
    keyframes(
      name,
      placements.map(({ at, angle, length }) => `transform:translate(${fmt(at[0])}px,${fmt(at[1])}px) rotate(${fmt(angle)}deg) scale(1,${fmt3(length)})`),
    ),
  );
  return (
    `<g style="animation-name:${name}"${attributeTransform(first.at, first.angle, [1, first.length])}>` +
    `<path d="M0 0 0-1" stroke="${INK.strap}" stroke-width="${fmt(WIDTH.strap * layout.scale)}" stroke-linecap="butt"/></g>`
  );
}

/** The end pose, pale, wherever it differs from the start: where the body is going. */
function ghostShapes(layout: Layout, end: PlacedPose): Shape[] {
  const byPart = (shapes: readonly Shape[]) => {
    const parts = new Map<string, string>();
    for (const shape of shapes) parts.set(shape.part, (parts.get(shape.part) ?? '') + shapesToSvg([shape]));
    return parts;
  };
  const before = byPart(layout.start.body.shapes);
  const after = byPart(end.body.shapes);
  const moved = new Set([...after].filter(([part, svg]) => !part.startsWith('focus') && before.get(part) !== svg).map(([part]) => part));
  const pale = (shape: Shape): Shape => {
    switch (shape.kind) {
      case 'line':
        return { ...shape, stroke: INK.ghost };
      case 'circle':
      case 'rect':
      case 'polygon':
        return { ...shape, fill: INK.ghost, stroke: shape.stroke ? INK.ghost : null };
      case 'path':
        return { ...shape, fill: shape.fill ? INK.ghost : null, stroke: shape.stroke ? INK.ghost : null };
    }
  };
  return end.body.shapes.filter((shape) => moved.has(shape.part) && shape.part !== 'towel').map(pale);
}

function renderAnimated(illustration: Illustration, p: string, options: SvgOptions): string {
  const layout = layoutIllustration(illustration);
  const end = layout.end;
  if (!end) return renderStatic(illustration, p, options);
  const motion: Motion = { css: [], next: 0, named: new Map() };
  const ghostName = `${p}g`;
  const ghost = `<g style="animation-name:${ghostName}">${shapesToSvg(ghostShapes(layout, end))}</g>`;
  const keys = [layout.start, ...(layout.via ? [layout.via] : []), end];
  // The hips' path is sampled rather than drawn straight, so that what rests on the surface stays on it.
  const rootName = `${p}r`;
  const samples = Array.from({ length: ROOT_SAMPLES + 1 }, (_, k) => {
    const percent = HOLD + ((100 - 2 * HOLD) * k) / ROOT_SAMPLES;
    const [x, y] = layout.at(progressAt(percent, layout.via !== null)).tree.offset;
    const value = `transform:translate(${fmt(x)}px,${fmt(y)}px)`;
    if (k === 0) return `0%,${HOLD}%{${value}}`;
    if (k === ROOT_SAMPLES) return `${100 - HOLD}%,to{${value}}`;
    return `${fmt(percent)}%{${value}}`;
  });
  motion.css.push(`@keyframes ${rootName}{${samples.join('')}}`);
  const [rootX, rootY] = layout.start.tree.offset;
  const body =
    `<g style="animation-name:${rootName};animation-timing-function:linear" transform="translate(${fmt(rootX)} ${fmt(rootY)})">` +
    animatedNode(
      keys.map((pose) => ({ ...pose.tree, offset: [0, 0] as const })),
      p,
      motion,
    ) +
    '</g>';
  const towel = towelNode(illustration, layout, keys, p, motion);
  const css =
    `.${p} g{animation:${SECONDS}s ease-in-out infinite alternate;animation-play-state:var(${MOTION_PROPERTY},running)}` +
    `@media (prefers-reduced-motion:reduce){.${p} g{animation-play-state:var(${MOTION_PROPERTY},paused)}}` +
    `@keyframes ${ghostName}{0%,12%{opacity:1}20%,to{opacity:0}}` +
    motion.css.join('');
  return `${svgOpen(p, layout.width, layout.height, illustration, options)}<style>${css}</style>${shapesToSvg(layout.backdrop)}${ghost}${body}${towel}</svg>`;
}

export function renderIllustrationSvg(illustration: Illustration, options: SvgOptions): string {
  const p = safePrefix(options.idPrefix);
  switch (options.variant) {
    case 'static':
      return renderStatic(illustration, p, options);
    case 'animated':
      return renderAnimated(illustration, p, options);
  }
}
