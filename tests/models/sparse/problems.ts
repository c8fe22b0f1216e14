/**
 * Lasso test problems and an independent Float64 reference: cyclic coordinate descent
 * (Friedman, Hastie & Tibshirani 2007) for min_z ½‖y − Wz‖² + λ‖z‖₁ (optionally with z ≥ 0),
 * plus the KKT check.
 * W [n, atoms] and Y [batch, n] row-major, as in models/sparse.
 */
import type { Rng } from '../../../models/rng.js';

export interface Problem {
  readonly n: number;
  readonly atoms: number;
  readonly batch: number;
  readonly w: Float32Array;
  readonly y: Float32Array;
}

/** Gaussian data and a Gaussian dictionary with unit columns. */
export function randomProblem(n: number, atoms: number, batch: number, rng: Rng): Problem {
  const w = Float32Array.from({ length: n * atoms }, () => rng.normal());
  for (let j = 0; j < atoms; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i * atoms + j] as number) ** 2;
    for (let i = 0; i < n; i++) w[i * atoms + j] = (w[i * atoms + j] as number) / Math.sqrt(s);
  }
  const y = Float32Array.from({ length: batch * n }, () => rng.normal());
  return { n, atoms, batch, w, y };
}

/** Random orthonormal columns [size, size] by Gram–Schmidt on Gaussian vectors (row-major). */
function orthogonal(size: number, rng: Rng): Float64Array {
  const q = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    const v = Array.from({ length: size }, () => rng.normal());
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < size; i++) dot += (v[i] as number) * (q[i * size + k] as number);
      for (let i = 0; i < size; i++) v[i] = (v[i] as number) - dot * (q[i * size + k] as number);
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < size; i++) q[i * size + j] = (v[i] as number) / norm;
  }
  return q;
}

/** W = U·diag(s)·Vᵀ, square, with singular values from 1 down to `smallest` (geometric). */
export function illConditionedProblem(size: number, smallest: number, batch: number, rng: Rng): Problem {
  const u = orthogonal(size, rng);
  const v = orthogonal(size, rng);
  const s = Array.from({ length: size }, (_, k) => smallest ** (k / (size - 1)));
  const w = new Float32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let sum = 0;
      for (let k = 0; k < size; k++)
        sum += (u[i * size + k] as number) * (s[k] as number) * (v[j * size + k] as number);
      w[i * size + j] = sum;
    }
  }
  const y = Float32Array.from({ length: batch * size }, () => rng.normal());
  return { n: size, atoms: size, batch, w, y };
}

/** c = Wᵀ(y − Wz) for one sample (Float64). */
export function correlations(p: Problem, sample: number, z: ArrayLike<number>): Float64Array {
  const { n, atoms, w, y } = p;
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = y[sample * n + i] as number;
    for (let j = 0; j < atoms; j++) s -= (w[i * atoms + j] as number) * (z[j] as number);
    residual[i] = s;
  }
  const c = new Float64Array(atoms);
  for (let j = 0; j < atoms; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i * atoms + j] as number) * (residual[i] as number);
    c[j] = s;
  }
  return c;
}

/**
 * The worst violation of the lasso's optimality conditions over all samples, relative to λ:
 * zᵢ ≠ 0 ⇒ cᵢ = λ·sign(zᵢ);  zᵢ = 0 ⇒ |cᵢ| ≤ λ  (c = Wᵀ(y − Wz)). With `nonNegative`, those of
 * min ½‖y − Wz‖² + λ‖z‖₁ subject to z ≥ 0: zᵢ > 0 ⇒ cᵢ = λ;  zᵢ = 0 ⇒ cᵢ ≤ λ;  no zᵢ < 0.
 */
export function kktViolation(
  p: Problem,
  codes: ArrayLike<number>,
  lambda: number,
  nonNegative = false,
): number {
  let worst = 0;
  for (let b = 0; b < p.batch; b++) {
    const z = Array.from({ length: p.atoms }, (_, j) => codes[b * p.atoms + j] as number);
    const c = correlations(p, b, z);
    z.forEach((zi, i) => {
      const ci = c[i] as number;
      const v = nonNegative
        ? zi < 0
          ? Infinity
          : zi > 0
            ? Math.abs(ci - lambda)
            : Math.max(ci - lambda, 0)
        : zi !== 0
          ? Math.abs(ci - lambda * Math.sign(zi))
          : Math.max(Math.abs(ci) - lambda, 0);
      worst = Math.max(worst, v / lambda);
    });
  }
  return worst;
}

/** The lasso solution of every sample by cyclic coordinate descent in Float64 (z ≥ 0 if asked). */
export function coordinateDescent(
  p: Problem,
  lambda: number,
  sweeps = 5000,
  tolerance = 1e-13,
  nonNegative = false,
): Float64Array {
  const { n, atoms, batch, w, y } = p;
  const out = new Float64Array(batch * atoms);
  const colNorm2 = Array.from({ length: atoms }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i * atoms + j] as number) ** 2;
    return s;
  });
  for (let b = 0; b < batch; b++) {
    const z = new Float64Array(atoms);
    const r = Float64Array.from({ length: n }, (_, i) => y[b * n + i] as number); // r = y − Wz
    for (let sweep = 0; sweep < sweeps; sweep++) {
      let change = 0;
      for (let j = 0; j < atoms; j++) {
        let rho = 0;
        for (let i = 0; i < n; i++) rho += (w[i * atoms + j] as number) * (r[i] as number);
        const old = z[j] as number;
        rho += (colNorm2[j] as number) * old;
        const next =
          (nonNegative ? Math.max(rho - lambda, 0) : Math.sign(rho) * Math.max(Math.abs(rho) - lambda, 0)) /
          (colNorm2[j] as number);
        if (next !== old) {
          for (let i = 0; i < n; i++) r[i] = (r[i] as number) - (w[i * atoms + j] as number) * (next - old);
          z[j] = next;
          change = Math.max(change, Math.abs(next - old));
        }
      }
      if (change < tolerance) break;
    }
    out.set(z, b * atoms);
  }
  return out;
}

/** F(z) = ½‖y − Wz‖² + λ‖z‖₁, batch mean, in Float64. */
export function meanEnergy(p: Problem, codes: ArrayLike<number>, lambda: number): number {
  let total = 0;
  for (let b = 0; b < p.batch; b++) {
    for (let i = 0; i < p.n; i++) {
      let s = p.y[b * p.n + i] as number;
      for (let j = 0; j < p.atoms; j++)
        s -= (p.w[i * p.atoms + j] as number) * (codes[b * p.atoms + j] as number);
      total += 0.5 * s * s;
    }
    for (let j = 0; j < p.atoms; j++) total += lambda * Math.abs(codes[b * p.atoms + j] as number);
  }
  return total / p.batch;
}

/** The largest |Wᵀy| over the batch: λ ≥ this gives z* = 0. */
export function lambdaMax(p: Problem): number {
  let m = 0;
  for (let b = 0; b < p.batch; b++) {
    for (const c of correlations(p, b, new Float64Array(p.atoms))) m = Math.max(m, Math.abs(c));
  }
  return m;
}

/**
 * K steps of ISTA or FISTA from zero in Float64, written from the textbook (Beck & Teboulle
 * 2009, with the gradient Wᵀ(Wz − y) formed directly): an oracle for the compiled solver.
 */
export function textbookShrinkage(
  p: Problem,
  lambda: number,
  lipschitz: number,
  method: 'ista' | 'fista',
  iterations: number,
): Float64Array {
  const out = new Float64Array(p.batch * p.atoms);
  const theta = lambda / lipschitz;
  const sh = (v: number) => Math.sign(v) * Math.max(Math.abs(v) - theta, 0);
  for (let b = 0; b < p.batch; b++) {
    let z = new Float64Array(p.atoms);
    let x = z;
    let t = 1;
    for (let k = 0; k < iterations; k++) {
      const c = correlations(p, b, x); // Wᵀ(y − Wx)
      const next = Float64Array.from(x, (xi, i) => sh(xi + (c[i] as number) / lipschitz));
      const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      x =
        method === 'fista'
          ? Float64Array.from(next, (v, i) => v + ((t - 1) / tNext) * (v - (z[i] as number)))
          : next;
      t = tNext;
      z = next;
    }
    out.set(z, b * p.atoms);
  }
  return out;
}
