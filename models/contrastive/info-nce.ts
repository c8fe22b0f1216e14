/**
 * InfoNCE with cosine similarity and a temperature (van den Oord et al. 2018, "CPC";
 * SimCLR's NT-Xent, Chen et al. 2020, eq. 1; PIRL, Misra & van der Maaten 2020, eq. 3):
 *
 *   z = u / ‖u‖                                    (cosine similarity is z·z′)
 *   ℓᵢ = −log( exp(sᵢ,ₚ₍ᵢ₎ / τ) / Σ_{j ∉ Xᵢ} exp(sᵢⱼ / τ) ),   L = mean over rows i
 *
 * where p(i) is row i's positive column and Xᵢ the columns left out (a view against itself).
 * Written as logSumExp − positive logit (the wasm backend has no LogSoftmax kernel).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ContrastiveLoss } from './config.js';

/** Added to the logits of excluded pairs: exp of it is 0 in float32. */
const EXCLUDED = -1e9;

/** u / ‖u‖ row-wise, u [n, d] → [n, d] (ε keeps zero rows finite). */
export function l2Normalize(u: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(u, tf.rsqrt(tf.add(tf.sum(tf.square(u), 1, true), 1e-12)))); // [n, d]
}

/**
 * log Σ_j exp(x_ij) per row, x [n, m] → [n], with the gradient written as dy · softmax(x)
 * (tf.logSumExp's own gradient also runs through its max, an Equal mask that is slow on wasm).
 */
export function rowLogSumExp(x: tf.Tensor2D): tf.Tensor1D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const value = tf.logSumExp(xIn, 1) as tf.Tensor1D; // [n]
    save([xIn, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
        const [xs, lse] = saved as [tf.Tensor2D, tf.Tensor1D];
        const softmax = tf.exp(tf.sub(xs, tf.expandDims(lse, 1))); // [n, m]
        return tf.mul(softmax, tf.expandDims(dy, 1)); // [n, m]
      },
    };
  });
  return op(x) as tf.Tensor1D;
}

/** [n, m] with 1 at (i, columns[i]) and 0 elsewhere, as a host array. */
function oneHotRows(columns: readonly number[], m: number): Float32Array {
  const out = new Float32Array(columns.length * m);
  columns.forEach((c, i) => {
    if (!(Number.isInteger(c) && c >= 0 && c < m))
      throw new Error(`infoNce: row ${i}'s positive column ${c} is not in [0, ${m}).`);
    out[i * m + c] = 1;
  });
  return out;
}

/**
 * L = mean over rows of −log softmax at the positive, from similarities `sims` [n, m],
 * the positive column of each row, τ, and optionally a 0/1 mask [n, m] of excluded pairs.
 */
export function infoNce(
  sims: tf.Tensor2D,
  positives: readonly number[],
  temperature: number,
  excluded: tf.Tensor2D | null = null,
): tf.Scalar {
  const [n, m] = sims.shape;
  if (positives.length !== n) throw new Error(`infoNce: ${n} rows but ${positives.length} positives.`);
  return tf.tidy(() => {
    let logits = tf.div(sims, temperature) as tf.Tensor2D; // [n, m]
    if (excluded) logits = tf.add(logits, tf.mul(excluded, EXCLUDED)); // [n, m]
    const positive = tf.sum(tf.mul(logits, tf.tensor2d(oneHotRows(positives, m), [n, m])), 1); // [n]
    return tf.mean(tf.sub(rowLogSumExp(logits), positive)) as tf.Scalar;
  });
}

export interface PairLoss {
  readonly loss: tf.Scalar;
  /** Cosine similarities z₂ᵢ·z₁ⱼ [N, N] between the views: positives on the diagonal. */
  readonly cross: tf.Tensor2D;
}

/**
 * The contrastive loss of N positive pairs from the (unnormalised) projections u1 = f(view 1),
 * u2 = g(view 2) [N, d], with `bank` [K, d] (normalised, constant) as extra negatives.
 *   'nt-xent':  Z = [z1; z2] [2N, d], sims = Z·[Z; bank]ᵀ, row i's positive its partner i ± N,
 *               itself excluded.
 *   'info-nce': sims = z2·[z1; bank]ᵀ [N, N + K], row i's positive column i.
 */
export function pairLoss(
  u1: tf.Tensor2D,
  u2: tf.Tensor2D,
  bank: tf.Tensor2D | null,
  kind: ContrastiveLoss,
  temperature: number,
): PairLoss {
  const n = u1.shape[0];
  return tf.tidy(() => {
    const z1 = l2Normalize(u1); // [N, d]
    const z2 = l2Normalize(u2); // [N, d]
    const cross = tf.matMul(z2, tf.transpose(z1)) as tf.Tensor2D; // [N, N]
    if (kind === 'info-nce') {
      const keys = bank ? tf.concat([z1, bank], 0) : z1; // [N + K, d]
      const sims = tf.matMul(z2, tf.transpose(keys)) as tf.Tensor2D; // [N, N + K]
      const positives = Array.from({ length: n }, (_, i) => i);
      return { loss: infoNce(sims, positives, temperature), cross };
    }
    const views = tf.concat([z1, z2], 0) as tf.Tensor2D; // [2N, d]
    const keys = bank ? tf.concat([views, bank], 0) : views; // [2N + K, d]
    const sims = tf.matMul(views, tf.transpose(keys)) as tf.Tensor2D; // [2N, 2N + K]
    const k = keys.shape[0] - 2 * n;
    const self = tf.eye(2 * n); // [2N, 2N]
    const excluded = (k > 0 ? tf.concat([self, tf.zeros([2 * n, k])], 1) : self) as tf.Tensor2D; // [2N, 2N + K]
    const positives = Array.from({ length: 2 * n }, (_, i) => (i < n ? i + n : i - n));
    return { loss: infoNce(sims, positives, temperature, excluded), cross };
  });
}

/** Splits the cross similarities [N, N] (row-major) into positives (diagonal, [N]) and negatives ([N(N − 1)]). */
export function splitSimilarities(
  cross: Float32Array,
  n: number,
): { posSim: Float32Array; negSim: Float32Array } {
  const posSim = new Float32Array(n);
  const negSim = new Float32Array(n * (n - 1));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = cross[i * n + j] as number;
      if (i === j) posSim[i] = s;
      else negSim[k++] = s;
    }
  }
  return { posSim, negSim };
}
