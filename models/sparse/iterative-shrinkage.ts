/**
 * ISTA and FISTA for the batched lasso min_z ½‖y − Wz‖² + λ‖z‖₁ (lasso.ts), in the
 * Gram-matrix form: with G = WᵀW, L = λ_max(G) (power-iteration.ts), θ = λ/L,
 *   S = I − G/L [atoms, atoms] and C = B/L = Y·W/L [batch, atoms], computed once,
 * the proximal-gradient step z ← sh_θ(z − (1/L)(zG − b)) is   z ← sh_θ(z·S + C):
 * one [batch, atoms]·[atoms, atoms] product and three element-wise kernels.
 *
 * ISTA (Daubechies, Defrise & De Mol 2004):  z_{k+1} = sh_θ(z_k·S + C)
 * FISTA (Beck & Teboulle 2009), x₁ = z₀, t₁ = 1:
 *   z_k = sh_θ(x_k·S + C),   t_{k+1} = (1 + √(1 + 4t_k²)) / 2,
 *   x_{k+1} = z_k + ((t_k − 1) / t_{k+1}) (z_k − z_{k−1})
 * F(z_k) − F* falls as O(1/k) for ISTA and O(1/k²) for FISTA.
 *
 * Optional traces, one value per iterate k = 0..K (batch means, read back once at the end):
 * the energy F(z_k) (Gram form: one more product per iterate) and the code error
 * ½‖z_k − z*‖² against given target codes (LISTA's figure).
 */
import * as tf from '@tensorflow/tfjs-core';
import { meanEnergyGram } from './lasso.js';
import { shrink } from './shrinkage.js';

export type ShrinkageMethod = 'ista' | 'fista';

export interface SolveOptions {
  readonly method: ShrinkageMethod;
  /** K, the number of shrinkage steps. */
  readonly iterations: number;
  /** Record the batch-mean energy F(z_k) of every iterate (k = 0..K). */
  readonly recordEnergy?: boolean;
  /** Record the batch-mean code error ½‖z_k − z*‖² against these codes [batch, atoms]. */
  readonly target?: tf.Tensor2D;
  /** z₀ [batch, atoms]; zeros when absent. */
  readonly initialCodes?: tf.Tensor2D;
}

export interface SolveResult {
  /** z_K [batch, atoms] (caller disposes). */
  readonly codes: tf.Tensor2D;
  /** F(z_k), k = 0..K, batch means; null unless recordEnergy. */
  readonly energies: Float32Array | null;
  /** ½‖z_k − z*‖², k = 0..K, batch means; null unless a target was given. */
  readonly codeErrors: Float32Array | null;
}

/** What a solve needs that does not depend on the batch: G, S = I − G/L, θ = λ/L. */
export interface ShrinkageOperator {
  readonly gram: tf.Tensor2D; // G [atoms, atoms]
  readonly step: tf.Tensor2D; // S [atoms, atoms]
  readonly lambda: number;
  readonly lipschitz: number;
}

/** FISTA's momentum sequence: the factors (t_k − 1)/t_{k+1} for k = 1..K. */
export function fistaMomentum(iterations: number): Float64Array {
  const factors = new Float64Array(iterations);
  let t = 1;
  for (let k = 0; k < iterations; k++) {
    const next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    factors[k] = (t - 1) / next;
    t = next;
  }
  return factors;
}

function codeError(z: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.div(tf.mul(tf.sum(tf.squaredDifference(z, target)), 0.5), z.shape[0]) as tf.Scalar);
}

/** Runs ISTA or FISTA on y [batch, n] with dictionary w [n, atoms] and the operator of w. */
export function solveLasso(
  op: ShrinkageOperator,
  w: tf.Tensor2D,
  y: tf.Tensor2D,
  options: SolveOptions,
): SolveResult {
  const { method, iterations, recordEnergy = false, target, initialCodes } = options;
  const [batch] = y.shape;
  const atoms = w.shape[1];
  const theta = op.lambda / op.lipschitz;
  const { b, c, halfSquaredNorm } = tf.tidy(() => {
    const bb = tf.matMul(y, w) as tf.Tensor2D; // B = Y·W [batch, atoms]
    return {
      b: bb,
      c: tf.div(bb, op.lipschitz) as tf.Tensor2D, // C = B/L [batch, atoms]
      halfSquaredNorm: tf.div(tf.mul(tf.sum(tf.square(y)), 0.5), batch) as tf.Scalar, // mean ½‖y‖²
    };
  });
  const energies: tf.Scalar[] = [];
  const errors: tf.Scalar[] = [];
  const trace = (z: tf.Tensor2D) => {
    if (recordEnergy) energies.push(meanEnergyGram(z, op.gram, b, halfSquaredNorm, op.lambda));
    if (target) errors.push(codeError(z, target));
  };

  let z: tf.Tensor2D = initialCodes ? tf.clone(initialCodes) : tf.zeros([batch, atoms]); // z₀
  let x: tf.Tensor2D | null = method === 'fista' ? tf.clone(z) : null; // x₁ = z₀
  trace(z);
  const momentum = method === 'fista' ? fistaMomentum(iterations) : null;
  for (let k = 0; k < iterations; k++) {
    const from = x ?? z;
    const zNext = tf.tidy(() => shrink(tf.add(tf.matMul(from, op.step), c) as tf.Tensor2D, theta)); // [batch, atoms]
    if (x && momentum) {
      const m = momentum[k] as number;
      const xNext = tf.tidy(() => tf.add(zNext, tf.mul(tf.sub(zNext, z), m)) as tf.Tensor2D); // [batch, atoms]
      x.dispose();
      x = xNext;
    }
    z.dispose();
    z = zNext;
    trace(z);
  }
  x?.dispose();
  tf.dispose([b, c, halfSquaredNorm]);
  return { codes: z, energies: readTrace(energies), codeErrors: target ? readTrace(errors) : null };
}

/** Stacks and reads back a list of scalars (disposing them); null when there are none. */
function readTrace(scalars: tf.Scalar[]): Float32Array | null {
  if (scalars.length === 0) return null;
  const stacked = tf.stack(scalars);
  const values = stacked.dataSync() as Float32Array;
  tf.dispose([stacked, ...scalars]);
  return values;
}
