/**
 * Shrinkage, the soft-threshold operator: the proximal map of θ‖·‖₁ (Donoho 1995; the
 * "sh" of ISTA, FISTA and LISTA):
 *
 *   sh_θ(x) = sign(x) · max(|x| − θ, 0)
 *
 * With a scalar θ it is written x − clip(x, −θ, θ): two element-wise kernels, both on
 * wasm. With a per-atom θ [atoms] (LISTA's learned thresholds) it is
 * sign(x) · relu(|x| − θ), differentiable in x and θ (∂/∂x = [|x| > θ], ∂/∂θ = −sign(x)·[|x| > θ]).
 */
import * as tf from '@tensorflow/tfjs-core';

/** sh_θ(x) for a scalar threshold θ ≥ 0. x [..., atoms] → same shape. */
export function shrink<T extends tf.Tensor>(x: T, theta: number): T {
  if (!(theta >= 0)) throw new Error(`shrinkage threshold must be ≥ 0, got ${theta}`);
  return tf.tidy(() => tf.sub(x, tf.clipByValue(x, -theta, theta)) as T);
}

/** sh_θ(x) for thresholds θ [atoms] broadcast over x [batch, atoms]; differentiable in both. */
export function shrinkPerAtom(x: tf.Tensor2D, theta: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.sign(x), tf.relu(tf.sub(tf.abs(x), theta))) as tf.Tensor2D); // [batch, atoms]
}
