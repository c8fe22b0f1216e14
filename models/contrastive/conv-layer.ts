/**
 * A strided 'valid' convolution layer y = act(conv(x, W, stride) + b) whose kernel gradient
 * runs on the wasm backend (which has no Conv2DBackpropFilter kernel; ../shared/TOOLCHAIN.md).
 *
 * x [b, H, W, c], W [k, k, c, o], stride s, y [b, Ho, Wo, o], Ho = ⌊(H − k)/s⌋ + 1.
 * With g = dL/d(conv + b) (g = dy ⊙ [y > 0] after a ReLU):
 *
 *   dL/dx = Conv2DBackpropInput(g, W)                  (registered on wasm)
 *   dL/dW[i,j,c,o] = Σ_b,y,x x[b, s·y + i, s·x + j, c] · g[b, y, x, o]
 *                  = a 'valid', stride-1, dilation-s convolution of xᵀ [c, H, W, b]
 *                    with gᵀ [Ho, Wo, b, o], cropped to [c, k, k, o] and transposed back
 *   dL/db = 1ᵀ·g over b·Ho·Wo rows                    (a matrix product: fast on wasm)
 *
 * Padding, where wanted, is a tf.pad before the layer (its gradient is a slice).
 */
import * as tf from '@tensorflow/tfjs-core';
import { columnSums } from '../linear.js';

export type ConvActivation = 'linear' | 'relu';

/** act(conv(x, W, s) + b) in one fused kernel. x [b, H, W, c], W [k, k, c, o], b [o]. */
export function convForward(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  b: tf.Tensor1D,
  stride: number,
  activation: ConvActivation = 'linear',
): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: w, bias: b, strides: stride, pad: 'valid', activation });
}

/** dL/dW [k, k, c, o] from the input x [b, H, W, c] and g [b, Ho, Wo, o] (see the header). */
export function convKernelGradient(x: tf.Tensor4D, g: tf.Tensor4D, k: number, stride: number): tf.Tensor4D {
  return tf.tidy(() => {
    const xt = tf.transpose(x, [3, 1, 2, 0]); // [c, H, W, b]
    const gt = tf.transpose(g, [1, 2, 0, 3]); // [Ho, Wo, b, o]
    const full = tf.conv2d(xt, gt, 1, 'valid', 'NHWC', stride); // [c, ≥k, ≥k, o]
    const [c, , , o] = full.shape;
    const cropped = tf.slice(full, [0, 0, 0, 0], [c, k, k, o]); // [c, k, k, o]
    return tf.transpose(cropped, [1, 2, 0, 3]); // [k, k, c, o]
  });
}

/**
 * act(conv(x, W, s) + b) with the wasm-friendly gradient above, differentiable by
 * tf.grad / tf.variableGrads with respect to x, W and b.
 */
export function convLayer(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  b: tf.Tensor1D,
  stride: number,
  activation: ConvActivation = 'linear',
): tf.Tensor4D {
  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
    const y = convForward(xIn, wIn, bIn, stride, activation); // [b, Ho, Wo, o]
    save([xIn, wIn, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
        const g: tf.Tensor4D = activation === 'relu' ? tf.mul(dy, tf.step(ys)) : dy; // [b, Ho, Wo, o]
        const [batch, ho, wo, o] = g.shape as [number, number, number, number];
        const dx = tf.conv2dTranspose(g, ws, xs.shape, stride, 'valid'); // [b, H, W, c]
        const dw = convKernelGradient(xs, g, ws.shape[0], stride); // [k, k, c, o]
        const db = columnSums(tf.reshape(g, [batch * ho * wo, o])); // [o]
        return [dx, dw, db];
      },
    };
  });
  return layer(x, w, b) as tf.Tensor4D;
}
