/**
 * Textured dead-leaves images: the dead-leaves model (dead-leaves.ts) with each disc filled
 * not by a flat grey but by its grey plus a sinusoidal grating of random orientation,
 * frequency, phase and contrast. Dead leaves with textured leaves are a recognised richer
 * model of natural image statistics (Gousseau & Roueff 2007, "Modeling occlusion and scaling
 * in natural images", Multiscale Model. Simul. 6; Cao, Guichard & Hornung 2010 use textured
 * leaves for texture-loss measurement): occlusion edges between objects, and periodic texture
 * inside them.
 *   disc    as in dead-leaves.ts: centre uniform on the image grown by r_max, radius
 *           p(r) ∝ r^(−α) on [r_min, r_max], painted front to back
 *   grey    g ~ uniform on [0, 1]
 *   grating a·sin(2π (x cos θ + y sin θ) / T + φ), θ and φ uniform, the period T log-uniform
 *           on [T_min, T_max] px, the amplitude a = c·min(g, 1 − g) with c ~ uniform on
 *           [0, maxContrast] (so every pixel stays in [0, 1])
 * An optional Gaussian blur (σ in pixels) anti-aliases the disc edges.
 * Deterministic for a seed: all randomness comes from the Rng passed in.
 */
import type { Rng } from '../rng.js';
import { gaussianBlur } from './blur.js';
import { sampleRadius } from './dead-leaves.js';
import { createGreyImage, type GreyImage } from './image.js';

export interface TexturedLeavesConfig {
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
  /** Shortest grating period in pixels. */
  readonly minPeriod: number;
  /** Longest grating period in pixels. */
  readonly maxPeriod: number;
  /** Largest grating contrast c (amplitude c·min(g, 1 − g)), in [0, 1]. */
  readonly maxContrast: number;
  /** σ of a Gaussian blur in pixels; 0 for hard edges. */
  readonly blur: number;
  /** Stop after this many discs per image even if some pixels are uncovered (they get one grey). */
  readonly maxDiscs: number;
}

export const defaultTexturedLeavesConfig: TexturedLeavesConfig = {
  size: 128,
  count: 8,
  minRadius: 12,
  maxRadius: 64,
  exponent: 3,
  minPeriod: 3,
  maxPeriod: 10,
  maxContrast: 1,
  blur: 0.5,
  maxDiscs: 200_000,
};

function checkConfig(c: TexturedLeavesConfig): void {
  if (!Number.isInteger(c.size) || c.size < 2)
    throw new Error(`Textured leaves: size must be a whole number ≥ 2; got ${c.size}.`);
  if (!Number.isInteger(c.count) || c.count < 1)
    throw new Error(`Textured leaves: count must be a whole number ≥ 1; got ${c.count}.`);
  if (!(c.minRadius > 0 && c.maxRadius >= c.minRadius))
    throw new Error(
      `Textured leaves: radii must satisfy 0 < minRadius ≤ maxRadius; got ${c.minRadius} and ${c.maxRadius}.`,
    );
  if (!(c.minPeriod >= 2 && c.maxPeriod >= c.minPeriod))
    throw new Error(
      `Textured leaves: periods must satisfy 2 ≤ minPeriod ≤ maxPeriod; got ${c.minPeriod} and ${c.maxPeriod}.`,
    );
  if (!(c.maxContrast >= 0 && c.maxContrast <= 1))
    throw new Error(`Textured leaves: maxContrast must be in [0, 1]; got ${c.maxContrast}.`);
}

interface Leaf {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly grey: number;
  readonly amplitude: number;
  /** 2π cos θ / T and 2π sin θ / T. */
  readonly kx: number;
  readonly ky: number;
  readonly phase: number;
}

function sampleLeaf(c: TexturedLeavesConfig, rng: Rng): Leaf {
  const span = c.size + 2 * c.maxRadius;
  const r = sampleRadius(rng.uniform(), c.minRadius, c.maxRadius, c.exponent);
  const cx = rng.uniform() * span - c.maxRadius;
  const cy = rng.uniform() * span - c.maxRadius;
  const grey = rng.uniform();
  const theta = rng.uniform() * Math.PI;
  const period = c.minPeriod * Math.pow(c.maxPeriod / c.minPeriod, rng.uniform());
  const phase = rng.uniform() * 2 * Math.PI;
  const amplitude = rng.uniform() * c.maxContrast * Math.min(grey, 1 - grey);
  const w = (2 * Math.PI) / period;
  return { cx, cy, r, grey, amplitude, kx: w * Math.cos(theta), ky: w * Math.sin(theta), phase };
}

/** Paints the uncovered pixels of one leaf; returns how many it painted. */
function paintLeaf(pixels: Float32Array, covered: Uint8Array, size: number, leaf: Leaf): number {
  const { cx, cy, r } = leaf;
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
      pixels[i] = leaf.grey + leaf.amplitude * Math.sin(leaf.kx * x + leaf.ky * y + leaf.phase);
      painted++;
    }
  }
  return painted;
}

function renderImage(c: TexturedLeavesConfig, rng: Rng): Float32Array {
  const n = c.size;
  const pixels = new Float32Array(n * n);
  const covered = new Uint8Array(n * n);
  let uncovered = n * n;
  for (let disc = 0; disc < c.maxDiscs && uncovered > 0; disc++)
    uncovered -= paintLeaf(pixels, covered, n, sampleLeaf(c, rng));
  if (uncovered > 0) {
    const grey = rng.uniform();
    for (let i = 0; i < n * n; i++) if (!covered[i]) pixels[i] = grey;
  }
  return pixels;
}

/** `count` textured dead-leaves images of size×size, values in [0, 1]. */
export function generateTexturedLeaves(config: Partial<TexturedLeavesConfig>, rng: Rng): GreyImage[] {
  const c: TexturedLeavesConfig = { ...defaultTexturedLeavesConfig, ...config };
  checkConfig(c);
  return Array.from({ length: c.count }, () => {
    const sharp = createGreyImage(c.size, c.size, renderImage(c, rng));
    return c.blur > 0 ? gaussianBlur(sharp, c.blur) : sharp;
  });
}
