/**
 * Principal component analysis of latent codes to the plane (for the scatter when d > 2).
 *
 *   c = mean of the points,  C = (1/n) Σ (xᵢ − c)(xᵢ − c)ᵀ  [d, d]
 *   C = Q Λ Qᵀ by the cyclic Jacobi eigenvalue method (Golub & Van Loan, §8.5), d ≤ 64
 *   axes = the two eigenvectors of largest eigenvalue, each with its largest-magnitude
 *          component made positive (a deterministic sign, so the picture does not flip)
 *   points = (xᵢ − c) · axesᵀ  [n, 2]
 * The spread of a Gaussian N(μ, diag σ²) along axis a is √(Σ_j a_j² σ_j²) (projectSpread).
 * Plain TypeScript on Float32Array, double precision inside.
 */

export interface Pca2 {
  /** [d] */ readonly center: Float32Array;
  /** [2, d] row-major: the first and second principal axes (unit, orthogonal). */
  readonly axes: Float32Array;
  /** [n, 2] row-major: the points' coordinates along the axes. */
  readonly points: Float32Array;
  /** The variances along the two axes (the two largest eigenvalues of C). */
  readonly variances: readonly [number, number];
}

/** Mean [d] and covariance [d·d] (row-major, float64) of n points [n, d]. */
function meanAndCovariance(x: Float32Array, n: number, d: number): { mean: Float64Array; cov: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (x[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / Math.max(n, 1);
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = (x[i * d + j] as number) - (mean[j] as number);
    for (let j = 0; j < d; j++) {
      const rj = row[j] as number;
      for (let k = j; k < d; k++) cov[j * d + k] = (cov[j * d + k] as number) + rj * (row[k] as number);
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      const v = (cov[j * d + k] as number) / Math.max(n, 1);
      cov[j * d + k] = v;
      cov[k * d + j] = v;
    }
  }
  return { mean, cov };
}

/**
 * Eigen-decomposition of a symmetric [d, d] matrix by cyclic Jacobi rotations.
 * Returns the eigenvalues and the eigenvectors as the columns of V (row-major [d, d]).
 */
export function symmetricEigen(a: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  const at = (i: number, j: number) => m[i * d + j] as number;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += at(p, q) ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = at(p, q);
        if (Math.abs(apq) < 1e-300) continue;
        // The rotation that zeroes m[p][q]: tan 2θ = 2 a_pq / (a_qq − a_pp).
        const theta = (at(q, q) - at(p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = at(k, p);
          const mkq = at(k, q);
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = at(p, k);
          const mqk = at(q, k);
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p] as number;
          const vkq = v[k * d + q] as number;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = at(i, i);
  return { values, vectors: v };
}

/** Column `col` of V as a unit axis whose largest-magnitude component is positive. */
function signedAxis(vectors: Float64Array, d: number, col: number): Float64Array {
  const axis = new Float64Array(d);
  let big = 0;
  for (let j = 0; j < d; j++) {
    axis[j] = vectors[j * d + col] as number;
    if (Math.abs(axis[j] as number) > Math.abs(axis[big] as number)) big = j;
  }
  if ((axis[big] as number) < 0) for (let j = 0; j < d; j++) axis[j] = -(axis[j] as number);
  return axis;
}

/** PCA of n points [n, d] to 2-D. For d = 1 the second axis is zero. */
export function pca2(x: Float32Array, n: number, d: number): Pca2 {
  if (x.length !== n * d) throw new Error(`pca2: expected ${n}×${d} values, got ${x.length}.`);
  const { mean, cov } = meanAndCovariance(x, n, d);
  const { values, vectors } = symmetricEigen(cov, d);
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (i, j) => (values[j] as number) - (values[i] as number),
  );
  const first = signedAxis(vectors, d, order[0] as number);
  const second = d > 1 ? signedAxis(vectors, d, order[1] as number) : new Float64Array(d);
  const axes = new Float32Array(2 * d);
  axes.set(first, 0);
  axes.set(second, d);
  const points = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let u = 0;
    let w = 0;
    for (let j = 0; j < d; j++) {
      const c = (x[i * d + j] as number) - (mean[j] as number);
      u += c * (first[j] as number);
      w += c * (second[j] as number);
    }
    points[2 * i] = u;
    points[2 * i + 1] = w;
  }
  const variance = (k: number | undefined) => (k === undefined ? 0 : Math.max(values[k] as number, 0));
  return {
    center: Float32Array.from(mean),
    axes,
    points,
    variances: [variance(order[0]), variance(order[1])],
  };
}

/** Spread of N(μᵢ, diag σᵢ²) along each axis: √(Σ_j a_kj² σ_ij²), sigmas [n, d], axes [2, d] → [n, 2]. */
export function projectSpread(sigmas: Float32Array, n: number, d: number, axes: Float32Array): Float32Array {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (axes[k * d + j] as number) ** 2 * (sigmas[i * d + j] as number) ** 2;
      out[2 * i + k] = Math.sqrt(s);
    }
  }
  return out;
}

/** Projects new points [n, d] onto an existing PCA (center and axes) → [n, 2]. */
export function projectPoints(
  x: Float32Array,
  n: number,
  d: number,
  pca: Pick<Pca2, 'center' | 'axes'>,
): Float32Array {
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      let s = 0;
      for (let j = 0; j < d; j++)
        s += ((x[i * d + j] as number) - (pca.center[j] as number)) * (pca.axes[k * d + j] as number);
      out[2 * i + k] = s;
    }
  }
  return out;
}
