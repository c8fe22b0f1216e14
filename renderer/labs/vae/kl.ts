/**
 * The VAE's KL term per latent dimension, from the test digits' q(z|x) = N(μ, σ²) of a scatter
 * view (08-3, "the spring"): KL = ½ Σⱼ (Vⱼ − log Vⱼ − 1) + ½ Σⱼ μⱼ², with Vⱼ = σⱼ². The variance
 * part is smallest (0) at V = 1; the mean part pulls the codes to the origin. Also where the
 * prior N(0, I) lies in the drawn plane (μ itself for d = 2, a PCA projection for d > 2).
 */
import type { ScatterEvent } from '../../../protocol/messages.js';

/** The variance part of the KL of one dimension, V − log V − 1 (twice its share of the KL). */
export const varianceTerm = (v: number): number => v - Math.log(v) - 1;

export interface DimensionKl {
  /** Mean over the test digits of σⱼ². */
  readonly variance: number;
  /** Mean over the test digits of μⱼ². */
  readonly meanSquare: number;
  /** ½ mean (σⱼ² − log σⱼ² − 1 + μⱼ²): this dimension's KL per digit. */
  readonly kl: number;
}

/** Per-dimension means of σ², μ² and the KL over the digits of a VAE scatter view; null for the AE. */
export function klPerDimension(view: ScatterEvent): DimensionKl[] | null {
  const { means, sigmas, latentDim: d } = view;
  if (!sigmas) return null;
  const n = means.length / d;
  if (!n) return null;
  return Array.from({ length: d }, (_, j) => {
    let [variance, meanSquare, kl] = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const v = sigmas[i * d + j]! ** 2;
      const m = means[i * d + j]! ** 2;
      variance += v;
      meanSquare += m;
      kl += 0.5 * (varianceTerm(Math.max(v, 1e-12)) + m);
    }
    return { variance: variance / n, meanSquare: meanSquare / n, kl: kl / n };
  });
}

/**
 * The centre of the prior N(0, I) in the drawn plane: the origin for d = 2; for d > 2 the
 * projection x = A(z − c) of z = 0, −A·c (A orthonormal, so the prior stays N(·, I₂) there).
 */
export function priorCentre(view: ScatterEvent): [number, number] {
  const p = view.projection;
  if (!p) return [0, 0];
  const d = view.latentDim;
  const dot = (row: number) =>
    p.axes.subarray(row * d, (row + 1) * d).reduce((s, a, j) => s + a * p.center[j]!, 0);
  return [-dot(0), -dot(1)];
}

/** How far the test digits' codes lie from the origin and how wide their bubbles are. */
export interface LatentSpread {
  /** Mean over the digits of ‖μ‖ (all d dimensions). */
  readonly meanNorm: number;
  /** Mean over the digits and dimensions of σ; null for the classic AE. */
  readonly meanSigma: number | null;
  /** KL(q(z|x) ‖ N(0, I)) per digit, summed over the dimensions; null for the classic AE. */
  readonly kl: number | null;
}

/**
 * The spread of a scatter view's codes (08-3): with the KL term the means stay near the origin
 * and σ near 1; without it (β = 0) the means fly apart and σ shrinks to a point.
 */
export function latentSpread(view: ScatterEvent): LatentSpread | null {
  const { means, sigmas, latentDim: d } = view;
  const n = means.length / d;
  if (!n) return null;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let square = 0;
    for (let j = 0; j < d; j++) square += means[i * d + j]! ** 2;
    norm += Math.sqrt(square);
  }
  const dims = klPerDimension(view);
  return {
    meanNorm: norm / n,
    meanSigma: sigmas ? sigmas.reduce((s, v) => s + v, 0) / sigmas.length : null,
    kl: dims ? dims.reduce((s, dim) => s + dim.kl, 0) : null,
  };
}
