/**
 * Grey images (0..255 or probabilities 0..1) into RGBA pixels for a canvas, and the layout
 * of an image grid. Ink and paper colours follow the theme: dark digits on light paper, or
 * light digits on dark paper; intensity v blends paper → ink as paper + v·(ink − paper).
 */

export type Rgb = readonly [number, number, number];

export interface GridLayout {
  readonly columns: number;
  readonly rows: number;
  /** Canvas size in image pixels (before CSS scaling). */
  readonly width: number;
  readonly height: number;
}

/** A grid of `count` images of w×h with `gap` pixels between them. */
export function gridLayout(count: number, columns: number, w: number, h: number, gap: number): GridLayout {
  const cols = Math.max(1, Math.min(columns, count || 1));
  const rows = Math.max(1, Math.ceil(count / cols));
  return { columns: cols, rows, width: cols * w + (cols - 1) * gap, height: rows * h + (rows - 1) * gap };
}

/**
 * Paints images (count × w × h bytes, row-major, image after image) into `rgba`, the pixels
 * of a canvas of layout.width × layout.height; the gaps take the `gapColor`.
 */
export function paintGreyGrid(
  pixels: Uint8Array,
  count: number,
  w: number,
  h: number,
  layout: GridLayout,
  gap: number,
  ink: Rgb,
  paper: Rgb,
  gapColor: Rgb,
  rgba: Uint8ClampedArray,
): void {
  fillRgb(rgba, gapColor);
  const lut = blendTable(ink, paper);
  for (let n = 0; n < count; n++) {
    const col = n % layout.columns;
    const row = Math.floor(n / layout.columns);
    const x0 = col * (w + gap);
    const y0 = row * (h + gap);
    for (let y = 0; y < h; y++) {
      let src = n * w * h + y * w;
      let dst = ((y0 + y) * layout.width + x0) * 4;
      for (let x = 0; x < w; x++, src++, dst += 4) {
        const v = (pixels[src] ?? 0) * 3;
        rgba[dst] = lut[v]!;
        rgba[dst + 1] = lut[v + 1]!;
        rgba[dst + 2] = lut[v + 2]!;
        rgba[dst + 3] = 255;
      }
    }
  }
}

/** One image of probabilities (0..1) into `rgba` (w × h × 4). */
export function paintProbabilities(probs: Float32Array, ink: Rgb, paper: Rgb, rgba: Uint8ClampedArray): void {
  const lut = blendTable(ink, paper);
  for (let i = 0, dst = 0; i < probs.length; i++, dst += 4) {
    const p = probs[i]!;
    const v = (p <= 0 ? 0 : p >= 1 ? 255 : Math.round(p * 255)) * 3;
    rgba[dst] = lut[v]!;
    rgba[dst + 1] = lut[v + 1]!;
    rgba[dst + 2] = lut[v + 2]!;
    rgba[dst + 3] = 255;
  }
}

/** Probabilities 0..1 into bytes 0..255 (appended at `offset` of `out`). */
export function probabilitiesToBytes(probs: Float32Array, out: Uint8Array, offset = 0): Uint8Array {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    out[offset + i] = p <= 0 ? 0 : p >= 1 ? 255 : Math.round(p * 255);
  }
  return out;
}

/** RGB of paper + v/255·(ink − paper) for v = 0..255, flattened [256 × 3]. */
function blendTable(ink: Rgb, paper: Rgb): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let v = 0; v < 256; v++) {
    const t = v / 255;
    for (let c = 0; c < 3; c++) lut[v * 3 + c] = Math.round(paper[c]! + t * (ink[c]! - paper[c]!));
  }
  return lut;
}

function fillRgb(rgba: Uint8ClampedArray, color: Rgb): void {
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = color[0];
    rgba[i + 1] = color[1];
    rgba[i + 2] = color[2];
    rgba[i + 3] = 255;
  }
}
