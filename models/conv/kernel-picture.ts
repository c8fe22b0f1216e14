/**
 * Kernels as one 8-bit grey picture (plain arrays, no DOM): the lecture's filter sweep, one row
 * per model (n = 1, 2, 4, … 64 kernels), or the kernels of one model on a grid.
 *
 * Each kernel is contrast-normalised on its own: v ↦ 128 + 127·v / max|v| (0 stays mid-grey,
 * the kernel's extreme goes to black or white). Cells are `scale` pixels per kernel pixel,
 * separated and framed by `gap` pixels of `background`.
 */

export interface GreyPicture {
  readonly width: number;
  readonly height: number;
  /** [height, width] row-major, 0 = black, 255 = white. */
  readonly pixels: Uint8Array;
}

export interface KernelPictureOptions {
  /** Picture pixels per kernel pixel; default 4. */
  readonly scale?: number;
  /** Pixels between and around cells; default 2. */
  readonly gap?: number;
  /** Grey of the gaps; default 255 (white). */
  readonly background?: number;
}

/** Contrast-normalised 8-bit greys of one kernel. */
export function kernelGreys(kernel: ArrayLike<number>): Uint8Array {
  let peak = 0;
  for (let i = 0; i < kernel.length; i++) peak = Math.max(peak, Math.abs(kernel[i] as number));
  const out = new Uint8Array(kernel.length);
  for (let i = 0; i < kernel.length; i++) {
    out[i] = peak > 0 ? Math.round(128 + (127 * (kernel[i] as number)) / peak) : 128;
  }
  return out;
}

/** Lays out rows of k×k kernels (row r holds rows[r].length kernels, left-aligned). */
export function layoutKernelRows(
  rows: readonly (readonly ArrayLike<number>[])[],
  k: number,
  options: KernelPictureOptions = {},
): GreyPicture {
  const scale = options.scale ?? 4;
  const gap = options.gap ?? 2;
  if (!(Number.isInteger(scale) && scale >= 1))
    throw new Error(`The scale must be a whole number ≥ 1, got ${scale}.`);
  if (!(Number.isInteger(gap) && gap >= 0))
    throw new Error(`The gap must be a whole number ≥ 0, got ${gap}.`);
  const cell = k * scale;
  const columns = Math.max(1, ...rows.map((row) => row.length));
  const width = gap + columns * (cell + gap);
  const height = gap + Math.max(rows.length, 1) * (cell + gap);
  const pixels = new Uint8Array(width * height).fill(options.background ?? 255);
  rows.forEach((row, r) => {
    row.forEach((kernel, c) => {
      if (kernel.length !== k * k)
        throw new Error(`Kernel ${c + 1} of row ${r + 1} has ${kernel.length} values, not ${k}×${k}.`);
      const greys = kernelGreys(kernel);
      const top = gap + r * (cell + gap);
      const left = gap + c * (cell + gap);
      for (let y = 0; y < cell; y++) {
        for (let x = 0; x < cell; x++) {
          pixels[(top + y) * width + left + x] = greys[
            Math.floor(y / scale) * k + Math.floor(x / scale)
          ] as number;
        }
      }
    });
  });
  return { width, height, pixels };
}

/** The filter sweep: one row per trained model, in the order given (e.g. n = 1, 2, 4 … 64). */
export function layoutKernelSweep(
  sweep: readonly { readonly kernels: readonly ArrayLike<number>[] }[],
  k: number,
  options: KernelPictureOptions = {},
): GreyPicture {
  return layoutKernelRows(
    sweep.map((model) => model.kernels),
    k,
    options,
  );
}

/** One model's kernels on a grid of `columns` cells per row (default: a near-square grid). */
export function layoutKernelGrid(
  kernels: readonly ArrayLike<number>[],
  k: number,
  columns = Math.ceil(Math.sqrt(kernels.length)),
  options: KernelPictureOptions = {},
): GreyPicture {
  const rows: ArrayLike<number>[][] = [];
  for (let i = 0; i < kernels.length; i += columns) rows.push(kernels.slice(i, i + columns));
  return layoutKernelRows(rows, k, options);
}
