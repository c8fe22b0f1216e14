/**
 * A small stroke font for text inside pictures that are written without a browser (the
 * trainer's PNG exports): each glyph is a few polylines in em units, drawn as round-capped
 * strokes with anti-aliased edges at any size, so a label is as crisp at 15 px as at 90 px
 * (a bitmap font blown up turns into blocks). Lower-case letters, digits and the symbols the
 * labels use; capitals are drawn as lower-case, anything else as an empty box.
 *
 * Coordinates: x to the right from the glyph's left edge, y down from the top of the tallest
 * letters (0) to the baseline (1); the x-height is at 0.45 and descenders reach 1.3.
 */

type Point = readonly [number, number];
type Stroke = readonly Point[];

interface Glyph {
  readonly advance: number;
  readonly strokes: readonly Stroke[];
}

/** Points along an elliptic arc from angle a0 to a1 (degrees, y down: 90° is the bottom). */
function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): Point[] {
  const n = Math.max(4, Math.ceil(Math.abs(a1 - a0) / 15));
  return Array.from({ length: n + 1 }, (_, i) => {
    const a = ((a0 + ((a1 - a0) * i) / n) * Math.PI) / 180;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as const;
  });
}

const bowl = (x0: number, x1: number): Point[] => arc((x0 + x1) / 2, 0.725, (x1 - x0) / 2, 0.275, 0, 360);
/** A dot: a stroke of (almost) no length. */
const dot = (x: number, y: number): string => `${x},${y} ${x},${y + 0.01}`;
/** Points written "x,y x,y …". */
const points = (text: string): Point[] =>
  text.split(' ').map((pair) => pair.split(',').map(Number) as unknown as Point);
/** A glyph of `advance` em whose strokes are point lists or "x,y x,y …" strings. */
const g = (advance: number, ...strokes: (Stroke | string)[]): Glyph => ({
  advance,
  strokes: strokes.map((s) => (typeof s === 'string' ? points(s) : s)),
});

const glyphs: Readonly<Record<string, Glyph>> = {
  ' ': g(0.35),
  a: g(0.62, bowl(0, 0.46), '.46,.45 .46,1'),
  b: g(0.62, bowl(0, 0.5), '0,.02 0,1'),
  c: g(0.58, arc(0.25, 0.725, 0.25, 0.275, 40, 320)),
  d: g(0.62, bowl(0, 0.5), '.5,.02 .5,1'),
  e: g(0.62, [[0, 0.72], [0.5, 0.72], ...arc(0.25, 0.725, 0.25, 0.275, 360, 45)]),
  f: g(0.42, [...arc(0.38, 0.22, 0.22, 0.2, 300, 180), [0.16, 1]], '0,.45 .36,.45'),
  g: g(0.62, bowl(0, 0.5), [[0.5, 0.45], [0.5, 1.1], ...arc(0.25, 1.1, 0.25, 0.2, 0, 150)]),
  h: g(0.62, '0,.02 0,1', [...arc(0.25, 0.7, 0.25, 0.25, 180, 360), [0.5, 1]]),
  i: g(0.24, '.04,.45 .04,1', dot(0.04, 0.22)),
  j: g(0.3, [[0.2, 0.45], ...arc(0, 1.1, 0.2, 0.2, 0, 120)], dot(0.2, 0.22)),
  k: g(0.54, '0,.02 0,1', '.46,.45 0,.8', '.16,.68 .48,1'),
  l: g(0.24, '.04,.02 .04,1'),
  m: g(
    0.86,
    '0,.45 0,1',
    [...arc(0.18, 0.68, 0.18, 0.23, 180, 360), [0.36, 1]],
    [...arc(0.54, 0.68, 0.18, 0.23, 180, 360), [0.72, 1]],
  ),
  n: g(0.62, '0,.45 0,1', [...arc(0.25, 0.7, 0.25, 0.25, 180, 360), [0.5, 1]]),
  o: g(0.62, bowl(0, 0.5)),
  p: g(0.62, bowl(0, 0.5), '0,.45 0,1.3'),
  q: g(0.62, bowl(0, 0.5), '.5,.45 .5,1.3'),
  r: g(0.42, '0,.45 0,1', arc(0.3, 0.73, 0.3, 0.28, 180, 290)),
  s: g(0.56, '.45,.52 .36,.46 .12,.46 .02,.54 .04,.64 .44,.8 .47,.92 .37,1 .1,1 0,.93'),
  t: g(0.42, [[0.14, 0.15], ...arc(0.34, 0.8, 0.2, 0.2, 180, 90)], '0,.45 .34,.45'),
  u: g(0.62, [[0, 0.45], ...arc(0.25, 0.75, 0.25, 0.25, 180, 0)], '.5,.45 .5,1'),
  v: g(0.56, '0,.45 .25,1 .5,.45'),
  w: g(0.8, '0,.45 .17,1 .35,.55 .53,1 .7,.45'),
  x: g(0.56, '0,.45 .48,1', '.48,.45 0,1'),
  y: g(0.56, '0,.45 .25,1', '.5,.45 .14,1.3'),
  z: g(0.54, '0,.45 .46,.45 0,1 .48,1'),
  '0': g(0.62, arc(0.25, 0.525, 0.25, 0.475, 0, 360)),
  '1': g(0.62, '.08,.22 .3,.05 .3,1', '.08,1 .5,1'),
  '2': g(0.62, [...arc(0.25, 0.3, 0.24, 0.25, 200, 380), [0, 1], [0.5, 1]]),
  '3': g(0.62, arc(0.23, 0.28, 0.23, 0.23, 205, 450), arc(0.23, 0.755, 0.26, 0.245, 270, 515)),
  '4': g(0.62, '.38,1 .38,.05 0,.72 .52,.72'),
  '5': g(0.62, [[0.46, 0.05], [0.06, 0.05], [0.03, 0.47], ...arc(0.24, 0.7, 0.26, 0.3, 235, 510)]),
  '6': g(0.62, arc(0.25, 0.72, 0.25, 0.28, 0, 360), arc(0.47, 0.72, 0.47, 0.67, 250, 180)),
  '7': g(0.62, '0,.05 .5,.05 .14,1'),
  '8': g(0.62, arc(0.25, 0.28, 0.21, 0.23, 0, 360), arc(0.25, 0.755, 0.25, 0.245, 0, 360)),
  '9': g(0.62, arc(0.25, 0.3, 0.25, 0.27, 0, 360), [
    [0.5, 0.3],
    [0.5, 0.62],
    ...arc(0.12, 0.62, 0.38, 0.38, 0, 115),
  ]),
  '=': g(0.62, '.02,.56 .5,.56', '.02,.8 .5,.8'),
  '×': g(0.56, '.04,.5 .44,.9', '.44,.5 .04,.9'),
  '-': g(0.46, '.04,.7 .36,.7'),
  '.': g(0.24, dot(0.05, 0.98)),
  ',': g(0.24, '.08,.96 .02,1.14'),
  ':': g(0.24, dot(0.05, 0.55), dot(0.05, 0.98)),
  '·': g(0.24, dot(0.05, 0.68)),
  '/': g(0.46, '.4,.02 0,1.1'),
  '(': g(0.34, arc(0.34, 0.6, 0.3, 0.62, 120, 240)),
  ')': g(0.34, arc(-0.06, 0.6, 0.3, 0.62, -60, 60)),
};

const unknown = g(0.56, '0,.45 .46,.45 .46,1 0,1 0,.45');

const glyphOf = (ch: string): Glyph => glyphs[ch] ?? glyphs[ch.toLowerCase()] ?? unknown;

/** Stroke width, in em. */
const WEIGHT = 0.1;
/** Space added after every glyph, in em. */
const TRACKING = 0.09;

/** Width in pixels of `text` drawn `size` pixels tall (top of the tallest letters to the baseline). */
export function strokeTextWidth(text: string, size: number): number {
  const advances = [...text].reduce((sum, ch) => sum + glyphOf(ch).advance + TRACKING, 0);
  return Math.ceil((advances + WEIGHT) * size);
}

/** Distance from (px, py) to the segment a–b. */
function segmentDistance(px: number, py: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t =
    dx || dy ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / (dx * dx + dy * dy))) : 0;
  return Math.hypot(px - a[0] - t * dx, py - a[1] - t * dy);
}

/**
 * Draws `text` into a grey picture (`pixels`, row-major, `width` wide) with its top-left corner
 * at (x, y), `size` pixels from the top of the tallest letters to the baseline, in grey `ink`,
 * blending anti-aliased edges with what is there.
 */
export function drawStrokeText(
  pixels: Uint8Array,
  width: number,
  x: number,
  y: number,
  text: string,
  size: number,
  ink: number,
): void {
  const height = Math.floor(pixels.length / width);
  const half = (WEIGHT * size) / 2;
  let left = x + half;
  for (const ch of text) {
    const glyph = glyphOf(ch);
    const segments: [Point, Point][] = [];
    for (const stroke of glyph.strokes) {
      const points = stroke.map(([gx, gy]): Point => [left + gx * size, y + half + gy * size]);
      for (let i = 0; i < points.length; i++)
        segments.push([points[i]!, points[Math.min(i + 1, points.length - 1)]!]);
    }
    if (segments.length) {
      const xs = segments.flatMap(([a, b]) => [a[0], b[0]]);
      const ys = segments.flatMap(([a, b]) => [a[1], b[1]]);
      const x0 = Math.max(0, Math.floor(Math.min(...xs) - half - 1));
      const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs) + half + 1));
      const y0 = Math.max(0, Math.floor(Math.min(...ys) - half - 1));
      const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys) + half + 1));
      for (let py = y0; py <= y1; py++)
        for (let px = x0; px <= x1; px++) {
          let d = Infinity;
          for (const [a, b] of segments) d = Math.min(d, segmentDistance(px + 0.5, py + 0.5, a, b));
          const cover = Math.max(0, Math.min(1, half + 0.5 - d));
          if (cover <= 0) continue;
          const at = py * width + px;
          pixels[at] = Math.round((pixels[at] as number) * (1 - cover) + ink * cover);
        }
    }
    left += (glyph.advance + TRACKING) * size;
  }
}
