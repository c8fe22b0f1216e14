/**
 * The largest eigenvalue of a symmetric positive semi-definite matrix G (here G = WᵀW, whose
 * largest eigenvalue L is the Lipschitz constant of ∇_z ½‖y − Wz‖²), by power iteration
 * (von Mises 1929):
 *
 *   v ← G v / ‖G v‖,   L ≈ vᵀ G v  (Rayleigh quotient, v of unit norm)
 *
 * The start vector is drawn from a seeded generator (or passed in, to warm-start from the
 * previous dictionary). The quotient approaches L from below with error O((λ₂/λ₁)^{2k});
 * we iterate in chunks and stop when it changes by less than `tolerance` (relative).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';

export interface PowerIterationOptions {
  /** Relative change of the Rayleigh quotient between checks at which to stop. Default 1e-6. */
  readonly tolerance?: number;
  /** At most this many multiplications by G. Default 1000. */
  readonly maxIterations?: number;
  /** Multiplications between convergence checks (each check reads one number back). Default 20. */
  readonly checkEvery?: number;
}

export interface Eigenpair {
  /** The largest eigenvalue (≥ 0). */
  readonly value: number;
  /** Its unit eigenvector [size, 1] (caller disposes; pass it back as `start` to warm-start). */
  readonly vector: tf.Tensor2D;
  /** Multiplications by G that were done. */
  readonly iterations: number;
}

/** A random unit start vector [size, 1] from `rng`. */
export function randomUnitVector(size: number, rng: Rng): tf.Tensor2D {
  const v = Float32Array.from({ length: size }, () => rng.normal());
  return tf.tidy(() => {
    const t = tf.tensor2d(v, [size, 1]);
    return tf.div(t, tf.norm(t)) as tf.Tensor2D;
  });
}

/** The largest eigenpair of the symmetric PSD matrix g [size, size], from the unit vector `start` [size, 1]. */
export function largestEigenpair(
  g: tf.Tensor2D,
  start: tf.Tensor2D,
  options: PowerIterationOptions = {},
): Eigenpair {
  const { tolerance = 1e-6, maxIterations = 1000, checkEvery = 20 } = options;
  const [size] = g.shape;
  if (g.shape[1] !== size || start.shape[0] !== size || start.shape[1] !== 1) {
    throw new Error(`power iteration: expected G [n, n] and v [n, 1], got [${g.shape}] and [${start.shape}]`);
  }
  let v = tf.clone(start);
  let previous = Number.NaN;
  let iterations = 0;
  let value = 0;
  while (iterations < maxIterations) {
    const chunk = Math.min(checkEvery, maxIterations - iterations);
    const next = tf.tidy(() => {
      let u = v;
      for (let i = 0; i < chunk; i++) {
        const gu = tf.matMul(g, u); // [n, 1]
        u = tf.div(gu, tf.add(tf.norm(gu), 1e-30)); // unit [n, 1]
      }
      const quotient = tf.sum(tf.mul(u, tf.matMul(g, u))); // vᵀGv
      return { u, quotient };
    });
    iterations += chunk;
    v.dispose();
    v = next.u as tf.Tensor2D;
    value = (next.quotient.dataSync() as Float32Array)[0] as number;
    next.quotient.dispose();
    if (Math.abs(value - previous) <= tolerance * Math.abs(value)) break;
    previous = value;
  }
  return { value: Math.max(value, 0), vector: v, iterations };
}

/** L = λ_max(WᵀW) of a dictionary w [n, atoms], from a seeded random start. */
export function lipschitzConstant(w: tf.Tensor2D, rng: Rng, options: PowerIterationOptions = {}): number {
  const start = randomUnitVector(w.shape[1], rng);
  const gram = tf.tidy(() => tf.matMul(tf.transpose(w), w) as tf.Tensor2D); // [atoms, atoms]
  const { value, vector } = largestEigenpair(gram, start, options);
  tf.dispose([start, gram, vector]);
  return value;
}
