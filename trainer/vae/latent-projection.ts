/**
 * The 2-D picture of the latent means: for d ≤ 2 the means themselves (d = 1 drawn on the
 * x axis); for d > 2 their projection on the two leading principal axes,
 *   z ≈ center + x·axes[0] + y·axes[1],  (x, y) = (μ − center)·axesᵀ,
 * (models/pca.ts), with σ's bubble along each drawn axis a the s.d. of the projected
 * Gaussian, √(Σⱼ aⱼ² σⱼ²). Each axis is flipped to agree with the previous refresh so the
 * cloud does not jump when PCA's sign convention does.
 */
import { pca2, projectPoints, projectSpread } from '../../models/pca.js';

export interface LatentProjection {
  readonly center: Float32Array;
  /** [2, d], orthonormal rows. */
  readonly axes: Float32Array;
}

export interface DrawnLatents {
  /** [n, 2] */ readonly points: Float32Array;
  /** [n, 2]; null without σ. */ readonly spreads: Float32Array | null;
  readonly projection: LatentProjection | null;
}

function lowDimensional(means: Float32Array, sigmas: Float32Array | null, d: number): DrawnLatents {
  const n = means.length / d;
  const points = new Float32Array(n * 2);
  const spreads = sigmas ? new Float32Array(n * 2) : null;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) {
      points[2 * i + k] = means[i * d + k] as number;
      if (spreads && sigmas) spreads[2 * i + k] = sigmas[i * d + k] as number;
    }
  }
  return { points, spreads, projection: null };
}

function alignSigns(axes: Float32Array, d: number, previous: LatentProjection | null): void {
  if (!previous || previous.axes.length !== axes.length) return;
  for (let a = 0; a < 2; a++) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += (axes[a * d + j] as number) * (previous.axes[a * d + j] as number);
    if (dot < 0) for (let j = 0; j < d; j++) axes[a * d + j] = -(axes[a * d + j] as number);
  }
}

export function projectLatents(
  means: Float32Array,
  sigmas: Float32Array | null,
  d: number,
  previous: LatentProjection | null,
): DrawnLatents {
  if (d <= 2) return lowDimensional(means, sigmas, d);
  const n = means.length / d;
  const { center, axes } = pca2(means, n, d);
  alignSigns(axes, d, previous);
  const projection = { center, axes };
  return {
    points: projectPoints(means, n, d, projection), // [n, 2]
    spreads: sigmas ? projectSpread(sigmas, n, d, axes) : null, // [n, 2]
    projection,
  };
}
