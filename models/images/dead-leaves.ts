/**
 * Dead-leaves images: natural-like pictures made of occluding discs (Matheron 1968; as an
 * image model, Lee, Mumford & Huang 2001, "Occlusion models for natural images: a
 * statistical study of a scale-invariant dead leaves model", IJCV 41).
 *
 * Discs fall one after another; each pixel shows the first disc that covered it
 * (equivalently, the top of the pile). Rendered front to back, a pixel is painted once
 * and generation stops when every pixel is covered.
 *   centre  ~ uniform on the image grown by r_max on every side (a stationary pile)
 *   radius  ~ p(r) ∝ r^(−α) on [r_min, r_max]; α = 3 is scale invariant, giving a power
 *             spectrum close to 1/f² between 1/r_max and 1/r_min (Lee et al. §3)
 *             sampled by inverting the CDF:
 *             r = (r_min^(1−α) + u·(r_max^(1−α) − r_min^(1−α)))^(1/(1−α))
 *   grey    ~ uniform on [0, 1]
 * An optional Gaussian blur (σ in pixels) anti-aliases the sampled disc edges.
 * Deterministic for a seed: all randomness comes from the Rng passed in.
 */
import type { Rng } from '../rng.js';
import { gaussianBlur } from './blur.js';
import { createGreyImage, type GreyImage } from './image.js';

export interface DeadLeavesConfig {
  /** Width and height in pixels. */
  readonly size: number;
  /** How many images. */
  readonly count: number;
  /** Smallest disc radius in pixels. */
  readonly minRadius: number;
  /** Largest disc radius in pixels. */
  readonly maxRadius: number;
  /** α of the radius density r^(−α); 3 is scale invariant. */
  readonly exponent: number;
  /** σ of a Gaussian blur in pixels; 0 for hard edges. */
  readonly blur: number;
  /** Stop after this many discs per image even if some pixels are uncovered (they get one grey). */
  readonly maxDiscs: number;
}

export const defaultDeadLeavesConfig: DeadLeavesConfig = {
  size: 128,
  count: 8,
  minRadius: 1,
  maxRadius: 48,
  exponent: 3,
  blur: 0.5,
  maxDiscs: 200_000,
};

/** A radius from p(r) ∝ r^(−α) on [rMin, rMax] by inverse CDF (α = 1: log-uniform). */
export function sampleRadius(u: number, rMin: number, rMax: number, alpha: number): number {
  if (Math.abs(alpha - 1) < 1e-9) return rMin * Math.pow(rMax / rMin, u);
  const a = Math.pow(rMin, 1 - alpha);
  const b = Math.pow(rMax, 1 - alpha);
  return Math.pow(a + u * (b - a), 1 / (1 - alpha));
}

function checkConfig(c: DeadLeavesConfig): void {
  if (!Number.isInteger(c.size) || c.size < 2)
    throw new Error(`Dead leaves: size must be a whole number ≥ 2; got ${c.size}.`);
  if (!Number.isInteger(c.count) || c.count < 1)
    throw new Error(`Dead leaves: count must be a whole number ≥ 1; got ${c.count}.`);
  if (!(c.minRadius > 0 && c.maxRadius >= c.minRadius)) {
    throw new Error(
      `Dead leaves: radii must satisfy 0 < minRadius ≤ maxRadius; got ${c.minRadius} and ${c.maxRadius}.`,
    );
  }
}

/** Paints the uncovered pixels of one disc; returns how many it painted. */
function paintDisc(
  pixels: Float32Array,
  covered: Uint8Array,
  size: number,
  cx: number,
  cy: number,
  r: number,
  grey: number,
): number {
  let painted = 0;
  const y0 = Math.max(0, Math.floor(cy - r));
  const y1 = Math.min(size - 1, Math.ceil(cy + r));
  const x0 = Math.max(0, Math.floor(cx - r));
  const x1 = Math.min(size - 1, Math.ceil(cx + r));
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      const i = y * size + x;
      if (covered[i] || dx * dx + dy * dy > r * r) continue;
      covered[i] = 1;
      pixels[i] = grey;
      painted++;
    }
  }
  return painted;
}

/** One dead-leaves image, front to back, before blur. */
function renderImage(c: DeadLeavesConfig, rng: Rng): Float32Array {
  const n = c.size;
  const pixels = new Float32Array(n * n);
  const covered = new Uint8Array(n * n);
  let uncovered = n * n;
  const span = n + 2 * c.maxRadius;
  for (let disc = 0; disc < c.maxDiscs && uncovered > 0; disc++) {
    const r = sampleRadius(rng.uniform(), c.minRadius, c.maxRadius, c.exponent);
    const cx = rng.uniform() * span - c.maxRadius;
    const cy = rng.uniform() * span - c.maxRadius;
    uncovered -= paintDisc(pixels, covered, n, cx, cy, r, rng.uniform());
  }
  if (uncovered > 0) {
    const grey = rng.uniform();
    for (let i = 0; i < n * n; i++) if (!covered[i]) pixels[i] = grey;
  }
  return pixels;
}

/** `count` dead-leaves images of size×size, values in [0, 1]. */
export function generateDeadLeaves(config: Partial<DeadLeavesConfig>, rng: Rng): GreyImage[] {
  const c: DeadLeavesConfig = { ...defaultDeadLeavesConfig, ...config };
  checkConfig(c);
  const images: GreyImage[] = [];
  for (let k = 0; k < c.count; k++) {
    const sharp = createGreyImage(c.size, c.size, renderImage(c, rng));
    images.push(c.blur > 0 ? gaussianBlur(sharp, c.blur) : sharp);
  }
  return images;
}
