/**
 * The decoder of the regularised latent-variable EBM (latent-ebm.ts), from a code z ∈ Rᴷ
 * (and, for the conditional model, a context c = Pred(x)) to a point of the plane:
 *
 *   Dec(c, z) = b + z·W + tanh(z·A + c)·B        W [K, 2], A [K, H], B [H, 2], b [2]
 *   unconditional: c = a [H] (a learned bias);  conditional: c = Pred(x) = tanh(x·P₁ + p₁)·P₂ + p₂
 *
 * A linear part plus a bounded one: Dec is onto the plane whenever W has rank 2, so at λ = 0
 * every y is reached exactly and the energy is zero everywhere. Its gain is kept bounded, as a
 * sparse-coding dictionary's columns are normalised: after every update each row of W is
 * rescaled to norm 1, each row of A to norm ≤ 1 and B to Frobenius norm ≤ 1, so the decoder
 * cannot make every code cheap by growing its weights (which would undo the L1 penalty).
 *
 * Gradient of the reconstruction f(z) = ‖y − Dec(c, z)‖² with respect to z, r = y − Dec, h = tanh(z·A + c):
 *   ∇_z f = −2·(r·Wᵀ + ((r·Bᵀ) ⊙ (1 − h²))·Aᵀ)
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';

export interface LatentShape {
  /** K, the code's dimension. Default 8. */
  readonly latentDim: number;
  /** H, the width of the decoder's hidden layer (and of Pred's output). Default 32. */
  readonly hidden: number;
  /** The dimension of the input x of the conditional model; 0 for the unconditional one. */
  readonly conditionDim: number;
}

export const defaultLatentShape: LatentShape = { latentDim: 8, hidden: 32, conditionDim: 0 };

export interface LatentDecoder {
  readonly shape: LatentShape;
  /** Every trainable variable (decoder, then Pred's when conditional). */
  readonly variables: readonly tf.Variable[];
  /** The context c: a [1, H] (unconditional, x = null) or Pred(x) [n, H]. */
  context(x: tf.Tensor2D | null): tf.Tensor2D;
  /** Dec(c, z) for z [n, K] → [n, 2] (differentiable). */
  decode(c: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor2D;
  /** ∇_z ‖y − Dec(c, z)‖² → [n, K], and the residual energy ‖y − Dec‖² [n]. */
  codeGradient(c: tf.Tensor2D, z: tf.Tensor2D, y: tf.Tensor2D): { grad: tf.Tensor2D; recon: tf.Tensor1D };
  /** An upper bound G of Dec's Lipschitz constant in z: ‖W‖_F + ‖A‖_F·‖B‖_F. */
  lipschitzBound(): number;
  /** The norm constraints above, applied in place. */
  project(): void;
  dispose(): void;
}

function uniform(rng: Rng, shape: readonly number[], bound: number): tf.Variable {
  const size = shape.reduce((p, s) => p * s, 1);
  const data = Float32Array.from({ length: size }, () => (2 * rng.uniform() - 1) * bound);
  return tf.tidy(() => tf.variable(tf.tensor(data, [...shape])));
}

/** Rows of m [r, c] rescaled to norm `target` (exact) or to at most `target` (capOnly). */
function normaliseRows(m: tf.Tensor2D, target: number, capOnly: boolean): tf.Tensor2D {
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(m), 1, true), 1e-12)); // [r, 1]
  const scale = capOnly ? tf.minimum(tf.div(target, norms), 1) : tf.div(target, norms);
  return tf.mul(m, scale);
}

export function createLatentDecoder(shape: LatentShape, rng: Rng): LatentDecoder {
  const { latentDim: k, hidden: h, conditionDim: dx } = shape;
  if (![k, h].every((n) => Number.isInteger(n) && n >= 1) || !(Number.isInteger(dx) && dx >= 0)) {
    throw new Error(
      'The latent dimension and hidden width must be positive integers, the condition dimension ≥ 0.',
    );
  }
  if (k < 2)
    throw new Error('The code needs at least 2 dimensions for the decoder to reach the whole plane.');
  const w = uniform(rng, [k, 2], 1) as tf.Variable<tf.Rank.R2>;
  const b = uniform(rng, [2], 0.1) as tf.Variable<tf.Rank.R1>;
  const a = uniform(rng, [1, h], 1) as tf.Variable<tf.Rank.R2>;
  const aW = uniform(rng, [k, h], 1 / Math.sqrt(k)) as tf.Variable<tf.Rank.R2>;
  const bW = uniform(rng, [h, 2], 1 / Math.sqrt(h)) as tf.Variable<tf.Rank.R2>;
  const pred =
    dx > 0
      ? {
          p1: uniform(rng, [dx, h], 1 / Math.sqrt(dx)) as tf.Variable<tf.Rank.R2>,
          q1: uniform(rng, [h], 1 / Math.sqrt(dx)) as tf.Variable<tf.Rank.R1>,
          p2: uniform(rng, [h, h], 1 / Math.sqrt(h)) as tf.Variable<tf.Rank.R2>,
          q2: uniform(rng, [h], 1 / Math.sqrt(h)) as tf.Variable<tf.Rank.R1>,
        }
      : null;
  const variables: tf.Variable[] = [w, b, aW, bW, ...(pred ? [pred.p1, pred.q1, pred.p2, pred.q2] : [a])];
  const decoder: LatentDecoder = {
    shape,
    variables,
    context(x) {
      if (!pred) return tf.clone(a); // [1, H]
      if (!x || x.shape[1] !== dx) throw new Error(`The conditional model needs x of shape [n, ${dx}].`);
      return tf.tidy(() =>
        tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, pred.p1), pred.q1)), pred.p2), pred.q2),
      ); // [n, H]
    },
    decode(c, z) {
      return tf.tidy(() => {
        const hid = tf.tanh(tf.add(tf.matMul(z, aW), c)); // [n, H]
        return tf.add(tf.add(tf.matMul(z, w), b), tf.matMul(hid, bW)) as tf.Tensor2D; // [n, 2]
      });
    },
    codeGradient(c, z, y) {
      return tf.tidy(() => {
        const hid = tf.tanh(tf.add(tf.matMul(z, aW), c)); // [n, H]
        const dec = tf.add(tf.add(tf.matMul(z, w), b), tf.matMul(hid, bW)); // [n, 2]
        const r = tf.sub(y, dec); // [n, 2]
        const back = tf.mul(tf.matMul(r, tf.transpose(bW)), tf.sub(1, tf.square(hid))); // [n, H]
        const grad = tf.mul(tf.add(tf.matMul(r, tf.transpose(w)), tf.matMul(back, tf.transpose(aW))), -2); // [n, K]
        return { grad: grad as tf.Tensor2D, recon: tf.sum(tf.square(r), 1) as tf.Tensor1D };
      });
    },
    lipschitzBound() {
      const norms = tf.tidy(() => tf.stack([w, aW, bW].map((m) => tf.norm(m))));
      const [nw, na, nb] = norms.dataSync() as Float32Array;
      norms.dispose();
      return (nw as number) + (na as number) * (nb as number);
    },
    project() {
      tf.tidy(() => {
        w.assign(normaliseRows(w, 1, false));
        aW.assign(normaliseRows(aW, 1, true));
        bW.assign(tf.mul(bW, tf.minimum(tf.div(1, tf.add(tf.norm(bW), 1e-12)), 1)));
      });
    },
    dispose() {
      tf.dispose([...variables, ...(pred ? [a] : [])]);
    },
  };
  decoder.project();
  return decoder;
}
