/**
 * a·b with a gradient that stays on XNNPACK on the wasm backend (TOOLCHAIN.md): the stock
 * matMul gradient uses transposed products (a naive loop on wasm); here
 *   ∂/∂a = g·bᵀ and ∂/∂b = aᵀ·g are explicit transposes followed by plain products.
 * The same idea as linear.ts's layer, without bias or activation (for LISTA's unrolled steps).
 */
import * as tf from '@tensorflow/tfjs-core';
import { matMulNT, matMulTN } from '../linear.js';

/** a [m, k] · b [k, n] → [m, n], differentiable in both with wasm-friendly products. */
export function product(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [aIn, bIn, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([aIn, bIn]);
    return {
      value: tf.matMul(aIn, bIn) as tf.Tensor2D, // [m, n]
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [as, bs] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [matMulNT(dy, bs), matMulTN(as, dy)]; // [m, k], [k, n]
      },
    };
  });
  return op(a, b) as tf.Tensor2D;
}
