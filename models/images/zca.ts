/**
 * ZCA whitening of patches (Bell & Sejnowski 1997, "The independent components of natural
 * scenes are edge filters"; the ε regulariser as in Coates, Lee & Ng 2011):
 *
 *   μ = mean of the patches [d],   C = (1/n) Σ (xᵢ − μ)(xᵢ − μ)ᵀ  [d, d]
 *   C = U Λ Uᵀ   (cyclic Jacobi, models/pca.ts's symmetricEigen; d = p² ≤ 256 is ~1 s)
 *   W = U (Λ + ε)^(−1/2) Uᵀ  [d, d], symmetric: the whitening closest to the identity,
 *                                   so whitened patches still look like (edge-enhanced) patches
 *   x̂ = (x − μ) W,   cov(x̂) = U Λ/(Λ + ε) Uᵀ ≈ I where λ ≫ ε
 * ε keeps the near-zero directions (the DC direction after per-patch mean removal, pixel
 * noise) from blowing up; 0.1 suits contrast-normalised patches (per-pixel variance ≈ 1).
 * C is scaled by d/trace(C) before Jacobi so its convergence test sees entries of order 1.
 */
import { symmetricEigen } from '../pca.js';

export interface ZcaWhitening {
  /** d = p², the length of a patch. */
  readonly dim: number;
  /** [d] the mean patch that is subtracted. */
  readonly mean: Float32Array;
  /** [d, d] row-major, symmetric: x̂ = (x − μ) W. */
  readonly matrix: Float32Array;
  /** [d] eigenvalues of C, in Jacobi's order. */
  readonly eigenvalues: Float64Array;
}

/** Largest patch length accepted: 16×16 (Jacobi is O(d³) per sweep). */
export const ZCA_MAX_DIM = 256;

/** Mean [d] and covariance [d, d] (float64) of [n, d] patches. */
export function patchCovariance(x: Float32Array, dim: number): { mean: Float64Array; cov: Float64Array } {
  const n = x.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (x[i * dim + j] as number);
  for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) / n;
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) row[j] = (x[i * dim + j] as number) - (mean[j] as number);
    for (let j = 0; j < dim; j++) {
      const rj = row[j] as number;
      const base = j * dim;
      for (let k = j; k < dim; k++) cov[base + k] = (cov[base + k] as number) + rj * (row[k] as number);
    }
  }
  for (let j = 0; j < dim; j++) {
    for (let k = j; k < dim; k++) {
      const v = (cov[j * dim + k] as number) / n;
      cov[j * dim + k] = v;
      cov[k * dim + j] = v;
    }
  }
  return { mean, cov };
}

/** W = U diag(g) Uᵀ for eigenvectors U (columns of a row-major [d, d]). */
function fromEigen(vectors: Float64Array, gains: Float64Array, dim: number): Float32Array {
  const w = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      let s = 0;
      for (let k = 0; k < dim; k++)
        s += (vectors[i * dim + k] as number) * (gains[k] as number) * (vectors[j * dim + k] as number);
      w[i * dim + j] = s;
      w[j * dim + i] = s;
    }
  }
  return w;
}

/** Fits ZCA to [n, d] patches. */
export function fitZca(patches: Float32Array, dim: number, epsilon = 0.1): ZcaWhitening {
  if (!Number.isInteger(dim) || dim < 1 || dim > ZCA_MAX_DIM) {
    throw new Error(`ZCA whitening takes patches of 1 to ${ZCA_MAX_DIM} pixels (16×16); got ${dim}.`);
  }
  const n = patches.length / dim;
  if (!Number.isInteger(n) || n < 2)
    throw new Error(`ZCA needs at least two patches of ${dim} values; got ${patches.length} values.`);
  if (!(epsilon >= 0)) throw new Error(`The ZCA regulariser ε must be ≥ 0; got ${epsilon}.`);
  const { mean, cov } = patchCovariance(patches, dim);
  let trace = 0;
  for (let j = 0; j < dim; j++) trace += cov[j * dim + j] as number;
  const scale = trace > 0 ? dim / trace : 1;
  const { values, vectors } = symmetricEigen(
    cov.map((v) => v * scale),
    dim,
  );
  const eigenvalues = values.map((v) => Math.max(v / scale, 0));
  const gains = eigenvalues.map((v) => (v + epsilon > 0 ? 1 / Math.sqrt(v + epsilon) : 0));
  return { dim, mean: Float32Array.from(mean), matrix: fromEigen(vectors, gains, dim), eigenvalues };
}

/** x̂ = (x − μ) W for [n, d] patches; a new array. */
export function applyZca(zca: ZcaWhitening, patches: Float32Array): Float32Array {
  const d = zca.dim;
  const n = patches.length / d;
  const out = new Float32Array(patches.length); // [n, d]
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = (patches[i * d + j] as number) - (zca.mean[j] as number);
    for (let k = 0; k < d; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (centred[j] as number) * (zca.matrix[j * d + k] as number);
      out[i * d + k] = s;
    }
  }
  return out;
}

/** Fits ZCA to the patches and returns them whitened, with the transform. */
export function zcaWhiten(
  patches: Float32Array,
  dim: number,
  epsilon = 0.1,
): { patches: Float32Array; zca: ZcaWhitening } {
  const zca = fitZca(patches, dim, epsilon);
  return { patches: applyZca(zca, patches), zca };
}
