/**
 * Random views of digits for contrastive learning: draw each switched-on augmentation's
 * parameters from the seeded generator, compose the geometric ones into one warp
 * (warp.ts), then add noise and clip. With every augmentation off a view is the image itself.
 * Plain TypeScript on Float32Array: images [count, n·n] row-major, values in [0, 1].
 *
 * A training batch's views come from a generator seeded for that batch alone (makeViewPair):
 * whoever makes them (the trainer thread or an augmentation worker, in any order), they are
 * the same for the same seed.
 */
import { createRng, type Rng } from '../rng.js';
import { fillNormal } from '../ziggurat.js';
import type { AugmentConfig } from './augment-config.js';
import { elasticField, geometryAffine, warpImage, type Geometry } from './warp.js';

/** σ of the Gaussian that smooths the elastic field, pixels (Simard et al. use 4 on MNIST). */
export const ELASTIC_SIGMA = 4;

/** MNIST's side. */
export const DIGIT_SIDE = 28;

const uniformIn = (rng: Rng, low: number, high: number) => low + (high - low) * rng.uniform();

/** The random geometry of one view (identity parts where an augmentation is off). */
export function sampleGeometry(config: AugmentConfig, n: number, rng: Rng): Geometry {
  const on = (s: { on: boolean; strength: number }) => s.on && s.strength > 0;
  const angle = on(config.rotation) ? (uniformIn(rng, -1, 1) * config.rotation.strength * Math.PI) / 180 : 0;
  const zoom = on(config.scale) ? uniformIn(rng, 1 - config.scale.strength, 1 + config.scale.strength) : 1;
  const shift = config.translation.strength;
  const shiftX = on(config.translation) ? uniformIn(rng, -shift, shift) : 0;
  const shiftY = on(config.translation) ? uniformIn(rng, -shift, shift) : 0;
  let cropWidth = 1;
  let cropHeight = 1;
  let cropX = 0;
  let cropY = 0;
  if (on(config.crop)) {
    const area = uniformIn(rng, 1 - config.crop.strength, 1);
    const aspect = Math.exp(uniformIn(rng, Math.log(3 / 4), Math.log(4 / 3)));
    cropWidth = Math.min(1, Math.sqrt(area * aspect));
    cropHeight = Math.min(1, Math.sqrt(area / aspect));
    cropX = (uniformIn(rng, -1, 1) * ((1 - cropWidth) * n)) / 2;
    cropY = (uniformIn(rng, -1, 1) * ((1 - cropHeight) * n)) / 2;
  }
  return { angle, zoom, shiftX, shiftY, cropX, cropY, cropWidth, cropHeight };
}

function isGeometric(config: AugmentConfig): boolean {
  const parts = [config.rotation, config.scale, config.translation, config.crop, config.elastic];
  return parts.some((s) => s.on && s.strength > 0);
}

/** One random view of `src` [n·n] into `out` (a new array by default). */
export function augmentImage(
  src: Float32Array,
  config: AugmentConfig,
  rng: Rng,
  n = DIGIT_SIDE,
  out: Float32Array = new Float32Array(n * n),
): Float32Array {
  if (src.length !== n * n) throw new Error(`augmentImage: expected ${n}×${n} pixels, got ${src.length}.`);
  if (isGeometric(config)) {
    const affine = geometryAffine(sampleGeometry(config, n, rng));
    const elastic = config.elastic.on && config.elastic.strength > 0;
    const field = elastic ? elasticField(n, config.elastic.strength, ELASTIC_SIGMA, rng.uniform) : null;
    warpImage(src, n, affine, field, out);
  } else {
    out.set(src);
  }
  if (config.noise.on && config.noise.strength > 0) {
    const noise = fillNormal(rng, new Float32Array(n * n), 0, config.noise.strength); // ziggurat draws
    for (let i = 0; i < n * n; i++)
      out[i] = Math.min(1, Math.max(0, (out[i] as number) + (noise[i] as number)));
  }
  return out;
}

/** One random view of each of `count` images [count, n·n] → [count, n·n] (into `out` when given). */
export function augmentBatch(
  pixels: Float32Array,
  count: number,
  config: AugmentConfig,
  rng: Rng,
  n = DIGIT_SIDE,
  out: Float32Array = new Float32Array(count * n * n),
): Float32Array {
  const size = n * n;
  if (pixels.length !== count * size || out.length !== count * size) {
    throw new Error(`augmentBatch: expected ${count}×${size} values, got ${pixels.length}.`);
  }
  for (let i = 0; i < count; i++) {
    augmentImage(
      pixels.subarray(i * size, (i + 1) * size),
      config,
      rng,
      n,
      out.subarray(i * size, (i + 1) * size),
    );
  }
  return out;
}

/** Two independent views of each image: the positive pairs of a batch. */
export function makeViews(
  pixels: Float32Array,
  count: number,
  config: AugmentConfig,
  rng: Rng,
  n = DIGIT_SIDE,
): { readonly views1: Float32Array; readonly views2: Float32Array } {
  return {
    views1: augmentBatch(pixels, count, config, rng, n),
    views2: augmentBatch(pixels, count, config, rng, n),
  };
}

/**
 * Both views of each of `count` images from the batch's own seed, in one array
 * [2·count, n·n]: the first views of every image, then the second views (what the training
 * program reads as 'views').
 */
export function makeViewPair(
  pixels: Float32Array,
  count: number,
  config: AugmentConfig,
  seed: number,
  n = DIGIT_SIDE,
): Float32Array {
  const rng = createRng(seed);
  const size = count * n * n;
  const out = new Float32Array(2 * size);
  augmentBatch(pixels, count, config, rng, n, out.subarray(0, size));
  augmentBatch(pixels, count, config, rng, n, out.subarray(size));
  return out;
}
