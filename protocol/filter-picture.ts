/**
 * Filters (dictionary atoms, convolution kernels) as one picture, the same on screen, in the
 * PNG and in the SVG: a grid of `columns` cells, each filter contrast-normalised on its own,
 * v ↦ 128 + 127·v / max|v| (zero stays mid-grey, the filter's extreme goes to black or
 * white, the rule of models/conv/kernel-picture.ts), `scale` picture pixels per filter pixel,
 * cells separated and framed by `gap` pixels of the `background` grey. Pure TypeScript, shared
 * by the trainer (exports from the CLI) and the renderer (canvas, save buttons).
 */
import { base64, encodeGreyPng } from './png.js';

export interface GreyPicture {
  readonly width: number;
  readonly height: number;
  /** [height, width] row-major, 0 = black, 255 = white. */
  readonly pixels: Uint8Array;
}

/** count filters of height × width values each, filter after filter ([count, height, width]). */
export interface FilterSet {
  readonly values: Float32Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
}

export interface FilterLayoutOptions {
  /** Cells per row; default a near-square grid. */
  readonly columns?: number;
  /** Picture pixels per filter pixel; default 4. */
  readonly scale?: number;
  /** Pixels between and around cells; default 2. */
  readonly gap?: number;
  /** Grey of the gaps; default 255 (white). */
  readonly background?: number;
}

export interface FilterLayout {
  readonly columns: number;
  readonly rows: number;
  readonly scale: number;
  readonly gap: number;
  readonly background: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly width: number;
  readonly height: number;
}

export function filterLayout(
  set: Omit<FilterSet, 'values'>,
  options: FilterLayoutOptions = {},
): FilterLayout {
  const scale = options.scale ?? 4;
  const gap = options.gap ?? 2;
  if (!(Number.isInteger(scale) && scale >= 1))
    throw new Error(`The scale must be a whole number ≥ 1, got ${scale}.`);
  if (!(Number.isInteger(gap) && gap >= 0))
    throw new Error(`The gap must be a whole number ≥ 0, got ${gap}.`);
  const columns = Math.max(1, Math.min(set.count, options.columns ?? Math.ceil(Math.sqrt(set.count))));
  const rows = Math.max(1, Math.ceil(set.count / columns));
  const cellWidth = set.width * scale;
  const cellHeight = set.height * scale;
  return {
    columns,
    rows,
    scale,
    gap,
    background: options.background ?? 255,
    cellWidth,
    cellHeight,
    width: gap + columns * (cellWidth + gap),
    height: gap + rows * (cellHeight + gap),
  };
}

/** Top-left corner of cell `i` in the picture. */
export function cellOrigin(layout: FilterLayout, i: number): { readonly x: number; readonly y: number } {
  const c = i % layout.columns;
  const r = Math.floor(i / layout.columns);
  return {
    x: layout.gap + c * (layout.cellWidth + layout.gap),
    y: layout.gap + r * (layout.cellHeight + layout.gap),
  };
}

/** Contrast-normalised 8-bit greys of filter `i` ([height, width]). */
export function filterGreys(set: FilterSet, i: number): Uint8Array {
  const size = set.height * set.width;
  const v = set.values.subarray(i * size, (i + 1) * size);
  let peak = 0;
  for (let k = 0; k < size; k++) peak = Math.max(peak, Math.abs(v[k] as number));
  const out = new Uint8Array(size);
  for (let k = 0; k < size; k++) out[k] = peak > 0 ? Math.round(128 + (127 * (v[k] as number)) / peak) : 128;
  return out;
}

function checkSet(set: FilterSet): void {
  if (set.values.length !== set.count * set.height * set.width)
    throw new Error(
      `${set.count} filters of ${set.height}×${set.width} need ${set.count * set.height * set.width} values, got ${set.values.length}.`,
    );
}

/** The grid as one grey picture. */
export function filterPicture(set: FilterSet, options: FilterLayoutOptions = {}): GreyPicture {
  checkSet(set);
  const layout = filterLayout(set, options);
  const { width, scale } = layout;
  const pixels = new Uint8Array(width * layout.height).fill(layout.background);
  for (let i = 0; i < set.count; i++) {
    const greys = filterGreys(set, i);
    const { x: left, y: top } = cellOrigin(layout, i);
    for (let y = 0; y < layout.cellHeight; y++) {
      const row = Math.floor(y / scale) * set.width;
      for (let x = 0; x < layout.cellWidth; x++)
        pixels[(top + y) * width + left + x] = greys[row + Math.floor(x / scale)] as number;
    }
  }
  return { width, height: layout.height, pixels };
}

/**
 * The grid as a standalone SVG of the same size and layout: a background rectangle and one
 * pixel-exact <image> per filter (a small grey PNG, drawn without smoothing), each with a
 * <title> naming it.
 */
export function filterSvg(
  set: FilterSet,
  options: FilterLayoutOptions & { readonly title?: string } = {},
): string {
  checkSet(set);
  const layout = filterLayout(set, options);
  const grey = layout.background;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
    `<title>${escapeXml(options.title ?? `${set.count} filters of ${set.height}×${set.width}`)}</title>`,
    `<rect width="${layout.width}" height="${layout.height}" fill="rgb(${grey},${grey},${grey})"/>`,
  ];
  for (let i = 0; i < set.count; i++) {
    const { x, y } = cellOrigin(layout, i);
    const png = base64(encodeGreyPng(set.width, set.height, filterGreys(set, i)));
    lines.push(
      `<image x="${x}" y="${y}" width="${layout.cellWidth}" height="${layout.cellHeight}" preserveAspectRatio="none" style="image-rendering:pixelated;image-rendering:crisp-edges" href="data:image/png;base64,${png}"><title>filter ${i + 1}</title></image>`,
    );
  }
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Transposes W [n, atoms] (row-major) into atoms as filters [atoms, n]. */
export function atomsOfDictionary(w: Float32Array, n: number, atoms: number): Float32Array {
  const out = new Float32Array(n * atoms);
  for (let i = 0; i < n; i++) for (let j = 0; j < atoms; j++) out[j * n + i] = w[i * atoms + j] as number;
  return out;
}

/** The long side, in pixels, of a picture exported to print (a PNG of a few kernels is otherwise a thumbnail). */
export const PRINT_LONG_SIDE = 1000;

/** The smallest whole m ≥ 1 for which `longSideAt(m)` reaches `minLong` (at most 64). */
export function printMultiple(longSideAt: (m: number) => number, minLong = PRINT_LONG_SIDE): number {
  let m = 1;
  while (m < 64 && longSideAt(m) < minLong) m++;
  return m;
}

/** The atom grid's layout scaled (pixels per atom pixel and gaps) to a long side of at least `minLong`. */
export function atomPrintOptions(side: number, count: number, minLong?: number): FilterLayoutOptions {
  const base = atomGridOptions(side, count);
  const scaled = (m: number): FilterLayoutOptions => ({
    ...base,
    scale: (base.scale ?? 1) * m,
    gap: (base.gap ?? 0) * m,
  });
  const m = printMultiple((m) => {
    const { width, height } = filterLayout({ count, height: side, width: side }, scaled(m));
    return Math.max(width, height);
  }, minLong);
  return scaled(m);
}

/** The layout every atom grid uses (screen, PNG, SVG): cells of about 96 picture pixels. */
export function atomGridOptions(side: number, count: number): FilterLayoutOptions {
  return {
    scale: Math.max(1, Math.round(96 / side)),
    gap: 4,
    columns: Math.ceil(Math.sqrt(count)),
    background: 255,
  };
}
