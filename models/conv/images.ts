/**
 * Images for convolutional sparse coding, as plain data (GreyImage, ../images/image.ts):
 *
 * - Local contrast normalisation (Jarrett, Kavukcuoglu, Ranzato & LeCun 2009, §2; the
 *   pre-processing of Kavukcuoglu et al. 2010):
 *     v = x − G_σ ∗ x,   s = √(G_σ ∗ v²),   y = v / max(mean(s), s, ε)
 *   (subtractive, then divisive normalisation; edges by mirror reflection).
 * - Oriented edges: synthetic images made of a few straight step edges or bars at uniformly
 *   random orientations, positions and polarities, with a soft (logistic) profile.
 * - A row-major batch [b, H, W] from equal-sized images, and random square crops of images.
 */
import { gaussianBlur } from '../images/blur.js';
import { createGreyImage, describeSize, type GreyImage } from '../images/image.js';
import type { Rng } from '../rng.js';

export interface ContrastNormalisation {
  /** σ of the Gaussian neighbourhood, in pixels; default 2. */
  readonly sigma?: number;
  /** ε, the floor of the divisor; default 0.01. */
  readonly epsilon?: number;
}

/** The locally contrast-normalised image (see the header). */
export function localContrastNormalise(image: GreyImage, options: ContrastNormalisation = {}): GreyImage {
  const sigma = options.sigma ?? 2;
  const epsilon = options.epsilon ?? 0.01;
  const { width, height, pixels } = image;
  const mean = gaussianBlur(image, sigma).pixels;
  const centred = pixels.map((p, i) => p - (mean[i] as number)); // v
  const variance = gaussianBlur(
    createGreyImage(
      width,
      height,
      centred.map((v) => v * v),
    ),
    sigma,
  ).pixels;
  const local = variance.map((v) => Math.sqrt(Math.max(v, 0))); // s
  const floor = Math.max(local.reduce((a, b) => a + b, 0) / local.length, epsilon);
  return createGreyImage(
    width,
    height,
    centred.map((v, i) => v / Math.max(floor, local[i] as number)),
  );
}

export interface OrientedEdgeConfig {
  /** Width and height in pixels. */
  readonly size: number;
  readonly count: number;
  /** Straight features per image. */
  readonly features: number;
  /** 'edges': step edges (half-planes); 'bars': stripes of width `barWidth`. */
  readonly kind: 'edges' | 'bars';
  readonly barWidth: number;
  /** Width of the logistic edge profile in pixels. */
  readonly softness: number;
}

export const defaultOrientedEdgeConfig: OrientedEdgeConfig = {
  size: 32,
  count: 8,
  features: 2,
  kind: 'edges',
  barWidth: 3,
  softness: 0.5,
};

const logistic = (t: number): number => 1 / (1 + Math.exp(-t));

/** `count` images of oriented edges or bars, values around 0 (sums of ±0.5 steps). */
export function orientedEdgeImages(config: Partial<OrientedEdgeConfig>, rng: Rng): GreyImage[] {
  const c: OrientedEdgeConfig = { ...defaultOrientedEdgeConfig, ...config };
  if (!Number.isInteger(c.size) || c.size < 2)
    throw new Error(`Oriented edges: size must be a whole number ≥ 2; got ${c.size}.`);
  const images: GreyImage[] = [];
  for (let m = 0; m < c.count; m++) {
    const pixels = new Float32Array(c.size * c.size);
    for (let f = 0; f < c.features; f++) {
      const theta = rng.uniform() * 2 * Math.PI; // normal direction (and polarity)
      const nx = Math.cos(theta);
      const ny = Math.sin(theta);
      const cx = (0.2 + 0.6 * rng.uniform()) * c.size; // a point on the edge, away from the border
      const cy = (0.2 + 0.6 * rng.uniform()) * c.size;
      for (let y = 0; y < c.size; y++) {
        for (let x = 0; x < c.size; x++) {
          const d = (x + 0.5 - cx) * nx + (y + 0.5 - cy) * ny; // signed distance to the edge
          const step =
            c.kind === 'edges'
              ? logistic(d / c.softness) - 0.5
              : logistic((d + c.barWidth / 2) / c.softness) - logistic((d - c.barWidth / 2) / c.softness);
          pixels[y * c.size + x] = (pixels[y * c.size + x] as number) + step;
        }
      }
    }
    images.push(createGreyImage(c.size, c.size, pixels));
  }
  return images;
}

/** `count` random size×size crops (seeded positions) of `images`, which must be at least that big. */
export function randomCrops(
  images: readonly GreyImage[],
  size: number,
  count: number,
  rng: Rng,
): GreyImage[] {
  if (images.length === 0) throw new Error('There are no images to crop.');
  for (const image of images) {
    if (image.width < size || image.height < size) {
      throw new Error(
        `Crops of ${size}×${size} pixels are larger than an image of ${describeSize(image)} pixels.`,
      );
    }
  }
  return Array.from({ length: count }, () => {
    const image = images[rng.int(images.length)] as GreyImage;
    const x0 = rng.int(image.width - size + 1);
    const y0 = rng.int(image.height - size + 1);
    const pixels = new Float32Array(size * size);
    for (let y = 0; y < size; y++) {
      const row = (y0 + y) * image.width + x0;
      pixels.set(image.pixels.subarray(row, row + size), y * size);
    }
    return createGreyImage(size, size, pixels);
  });
}

/** Equal-sized images as one row-major batch [b, H, W] (the coder's [b, 1, H, W]). */
export function imageBatch(images: readonly GreyImage[]): Float32Array {
  const first = images[0];
  if (!first) throw new Error('An image batch needs at least one image.');
  const { width, height } = first;
  const data = new Float32Array(images.length * width * height);
  images.forEach((image, i) => {
    if (image.width !== width || image.height !== height) {
      throw new Error(
        `Images in a batch must share one size: ${describeSize(first)} and ${describeSize(image)}.`,
      );
    }
    data.set(image.pixels, i * width * height);
  });
  return data;
}
