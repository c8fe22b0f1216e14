/**
 * LISTA, learned ISTA (Gregor & LeCun, "Learning Fast Approximations of Sparse Coding",
 * ICML 2010). In the paper's column notation, with the decoder W_d ∈ ℝ^{n×m} (our W), a sample
 * X ∈ ℝⁿ and a code Z ∈ ℝᵐ:
 *
 *   B = W_e X,   Z(0) = 0,   Z(k+1) = h_θ(B + S Z(k)),   k = 0..K−1
 *   W_e ∈ ℝ^{m×n} initialised to W_dᵀ/L,  S ∈ ℝ^{m×m} to I − W_dᵀW_d/L,  θ ∈ ℝᵐ to λ/L
 *
 * which, at initialisation, is exactly K steps of ISTA from zero. We store the row-batch
 * forms, so every product is untransposed: Y [batch, n]·We [n, atoms] (We = W/L = W_eᵀ) and
 * Z [batch, atoms]·St [atoms, atoms] (St = Sᵀ). W_e, S and θ are then trained by
 * backpropagation through the K unrolled steps (tf.variableGrads; product.ts keeps the
 * backward products on XNNPACK) and Adam (adam.ts) to predict the optimal codes Z* (by FISTA):
 *
 *   loss = batch mean of ½‖Z(K) − Z*‖²
 *
 * Thresholds are kept ≥ 0 after every step. The shrinkage is shrinkage.ts's per-atom form.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam, type Adam } from '../adam.js';
import { product } from './product.js';
import { shrinkPerAtom } from './shrinkage.js';

export interface ListaConfig {
  /** K, the number of unrolled shrinkage steps (≥ 1). */
  readonly steps: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
}

export const defaultListaConfig: ListaConfig = { steps: 3, learningRate: 1e-3 };

export interface ListaParams {
  /** We = W_eᵀ [n, atoms]. */
  readonly encoder: tf.Variable<tf.Rank.R2>;
  /** St = Sᵀ [atoms, atoms]. */
  readonly mutualInhibition: tf.Variable<tf.Rank.R2>;
  /** θ [atoms]. */
  readonly thresholds: tf.Variable<tf.Rank.R1>;
}

export interface Lista {
  readonly config: ListaConfig;
  readonly params: ListaParams;
  /** Z(k) for y [batch, n] after `steps` (default K) unrolled steps. Caller disposes. */
  encode(y: tf.Tensor2D, steps?: number): tf.Tensor2D;
  /** Batch-mean ½‖Z(k) − Z*‖² for k = 0..K. */
  codeErrors(y: tf.Tensor2D, target: tf.Tensor2D): Float32Array;
  /** One Adam step on the batch-mean ½‖Z(K) − Z*‖²; returns that loss (before the step). */
  trainStep(y: tf.Tensor2D, target: tf.Tensor2D): number;
  dispose(): void;
}

/** The K unrolled steps, differentiable in the parameters; calls `each` with Z(k), k = 1..K. */
function unroll(
  p: ListaParams,
  y: tf.Tensor2D,
  steps: number,
  each?: (z: tf.Tensor2D, k: number) => void,
): tf.Tensor2D {
  const b = product(y, p.encoder); // B = Y·We [batch, atoms]
  let z = shrinkPerAtom(b, p.thresholds); // Z(1) = h_θ(B) [batch, atoms]
  each?.(z, 1);
  for (let k = 2; k <= steps; k++) {
    z = shrinkPerAtom(tf.add(b, product(z, p.mutualInhibition)) as tf.Tensor2D, p.thresholds); // [batch, atoms]
    each?.(z, k);
  }
  return z;
}

function meanHalfSquaredError(z: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.div(tf.mul(tf.sum(tf.squaredDifference(z, target)), 0.5), z.shape[0]) as tf.Scalar;
}

/** LISTA initialised from a dictionary w [n, atoms], its λ and L = λ_max(WᵀW). */
export function createLista(w: tf.Tensor2D, lambda: number, lipschitz: number, config: ListaConfig): Lista {
  if (!Number.isInteger(config.steps) || config.steps < 1) {
    throw new Error(`LISTA needs K ≥ 1 unrolled steps, got ${config.steps}`);
  }
  if (!(lipschitz > 0) || !(lambda > 0)) throw new Error('LISTA needs λ > 0 and L > 0');
  const atoms = w.shape[1];
  const params: ListaParams = tf.tidy(() => ({
    encoder: tf.variable(tf.div(w, lipschitz) as tf.Tensor2D, true), // W/L [n, atoms]
    mutualInhibition: tf.variable(
      tf.sub(tf.eye(atoms), tf.div(tf.matMul(tf.transpose(w), w), lipschitz)) as tf.Tensor2D, // I − WᵀW/L
      true,
    ),
    thresholds: tf.variable(tf.fill([atoms], lambda / lipschitz) as tf.Tensor1D, true), // λ/L [atoms]
  }));
  const list = [params.encoder, params.mutualInhibition, params.thresholds];
  const adam: Adam = createAdam(pytorchAdam);
  const K = config.steps;

  return {
    config,
    params,
    encode(y, steps = K) {
      if (steps < 0 || steps > K) throw new Error(`LISTA was built with K = ${K}; asked for ${steps} steps`);
      if (steps === 0) return tf.zeros([y.shape[0], atoms]);
      return tf.tidy(() => unroll(params, y, steps));
    },
    codeErrors(y, target) {
      const errors = tf.tidy(() => {
        const list: tf.Scalar[] = [meanHalfSquaredError(tf.zerosLike(target), target)];
        unroll(params, y, K, (z) => list.push(meanHalfSquaredError(z, target)));
        return tf.stack(list);
      });
      const values = errors.dataSync() as Float32Array;
      errors.dispose();
      return values;
    },
    trainStep(y, target) {
      const loss = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => meanHalfSquaredError(unroll(params, y, K), target),
          list,
        );
        adam.apply(
          list,
          list.map((v) => grads[v.name] as tf.Tensor),
          config.learningRate,
        );
        params.thresholds.assign(tf.relu(params.thresholds));
        return value;
      });
      const value = (loss.dataSync() as Float32Array)[0] as number;
      loss.dispose();
      return value;
    },
    dispose() {
      adam.dispose();
      tf.dispose(list);
    },
  };
}
