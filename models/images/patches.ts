/**
 * Patches for sparse coding: p×p windows cut from a set of images, flattened row-major
 * into a [count, p·p] Float32Array, then per-patch contrast normalisation
 *
 *   x ← (x − mean(x)) / (std(x) + ε)
 *
 * (mean removal and divisive contrast normalisation, as in Olshausen & Field's patch
 * pipeline and Coates, Lee & Ng 2011, who use √(var + ε) instead of std + ε).
 * A flat patch (std = 0) becomes all zeros. `minStd` rejects patches whose raw std is
 * below it and draws again, so a picture with large uniform regions still gives
 * textured patches. Positions are either random (seeded: an image uniformly at random,
 * then a position uniformly within it) or every `stride` pixels on a grid.
 */
import type { Rng } from '../rng.js';
import { describeSize, type GreyImage } from './image.js';

export interface PatchNormalisation {
  /** Subtract each patch's mean and divide by its std + ε; default true. */
  readonly normalise?: boolean;
  /** ε of the contrast normalisation; default 0.01 (pixel values in [0, 1] or unit variance). */
  readonly epsilon?: number;
}

export interface RandomPatchOptions extends PatchNormalisation {
  /** p: patches are p×p pixels. */
  readonly size: number;
  /** How many patches. */
  readonly count: number;
  /** Redraw patches whose raw std is below this; default 0 (keep every patch). */
  readonly minStd?: number;
  /** Give up after count × maxTriesPerPatch draws; default 50. */
  readonly maxTriesPerPatch?: number;
}

/** Throws unless every image is at least p×p. The message names both sizes. */
export function checkPatchSize(images: readonly GreyImage[], size: number): void {
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`The patch size must be a whole number of pixels ≥ 1; got ${size}.`);
  }
  if (images.length === 0) throw new Error('There are no images to cut patches from.');
  images.forEach((image, index) => {
    if (image.width < size || image.height < size) {
      throw new Error(
        `Patches of ${size}×${size} pixels are larger than image ${index + 1} (${describeSize(image)} pixels); choose a patch size of at most ${Math.min(image.width, image.height)}.`,
      );
    }
  });
}

/** Copies the p×p window at (x, y) of `image` into out[offset … offset + p²). */
export function copyPatch(
  image: GreyImage,
  x: number,
  y: number,
  size: number,
  out: Float32Array,
  offset: number,
): void {
  for (let r = 0; r < size; r++) {
    const row = (y + r) * image.width + x;
    out.set(image.pixels.subarray(row, row + size), offset + r * size);
  }
}

/** Mean and standard deviation of out[offset … offset + dim). */
function moments(data: Float32Array, offset: number, dim: number): { mean: number; std: number } {
  let mean = 0;
  for (let j = 0; j < dim; j++) mean += data[offset + j] as number;
  mean /= dim;
  let variance = 0;
  for (let j = 0; j < dim; j++) variance += ((data[offset + j] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(variance / dim) };
}

/** In place on [count, dim]: each row ← (row − mean) / (std + ε). */
export function normalisePatches(patches: Float32Array, dim: number, epsilon = 0.01): Float32Array {
  const count = patches.length / dim;
  for (let i = 0; i < count; i++) {
    const { mean, std } = moments(patches, i * dim, dim);
    const scale = 1 / (std + epsilon);
    for (let j = 0; j < dim; j++) patches[i * dim + j] = ((patches[i * dim + j] as number) - mean) * scale;
  }
  return patches;
}

/** `count` random p×p patches [count, p²], normalised unless told not to. */
export function samplePatches(
  images: readonly GreyImage[],
  options: RandomPatchOptions,
  rng: Rng,
): Float32Array {
  const { size, count } = options;
  checkPatchSize(images, size);
  const dim = size * size;
  const out = new Float32Array(count * dim); // [count, p²]
  const minStd = options.minStd ?? 0;
  const maxDraws = count * (options.maxTriesPerPatch ?? 50);
  let draws = 0;
  for (let i = 0; i < count; i++) {
    for (;;) {
      if (draws++ >= maxDraws) {
        throw new Error(
          `Only ${i} of ${count} patches of ${size}×${size} have a contrast (std) of at least ${minStd}; lower the minimum or use more textured images.`,
        );
      }
      const image = images[rng.int(images.length)] as GreyImage;
      const x = rng.int(image.width - size + 1);
      const y = rng.int(image.height - size + 1);
      copyPatch(image, x, y, size, out, i * dim);
      if (minStd <= 0 || moments(out, i * dim, dim).std >= minStd) break;
    }
  }
  return options.normalise === false ? out : normalisePatches(out, dim, options.epsilon);
}

/** Every p×p patch whose corner lies on a `stride` grid, image after image: [count, p²]. */
export function gridPatches(
  images: readonly GreyImage[],
  size: number,
  stride: number,
  normalisation: PatchNormalisation = {},
): Float32Array {
  checkPatchSize(images, size);
  if (!Number.isInteger(stride) || stride < 1)
    throw new Error(`The patch stride must be a whole number ≥ 1; got ${stride}.`);
  const dim = size * size;
  const corners: [GreyImage, number, number][] = [];
  for (const image of images)
    for (let y = 0; y + size <= image.height; y += stride)
      for (let x = 0; x + size <= image.width; x += stride) corners.push([image, x, y]);
  const out = new Float32Array(corners.length * dim); // [count, p²]
  corners.forEach(([image, x, y], i) => copyPatch(image, x, y, size, out, i * dim));
  return normalisation.normalise === false ? out : normalisePatches(out, dim, normalisation.epsilon);
}
