/**
 * A strided 'valid' convolution layer y = act(conv(x, W, stride) + b) whose kernel gradient
 * runs on the wasm backend (which has no Conv2DBackpropFilter kernel; ../shared/TOOLCHAIN.md).
 *
 * x [b, H, W, c], W [k, k, c, o], stride s, y [b, Ho, Wo, o], Ho = ⌊(H − k)/s⌋ + 1.
 * With g = dL/d(conv + b) (g = dy ⊙ [y > 0] after a ReLU):
 *
 *   dL/dx[b,Y,X,c] = Σ_i,j,o ĝ[b, Y − i, X − j, o] · W[i, j, c, o]
 *                  = a 'valid' stride-1 convolution of ĝ, padded by k − 1, with W flipped in
 *                    space and transposed to [k, k, o, c], where ĝ is g with s − 1 zeros
 *                    inserted between entries (wasm's Conv2DBackpropInput takes 45 ms for
 *                    this on a batch of 128 at 7×7×32; this way ≈ 5 ms)
 *   dL/dW[i,j,c,o] = Σ_b,y,x x[b, s·y + i, s·x + j, c] · g[b, y, x, o]
 *                  = a 'valid', stride-1, dilation-s convolution of xᵀ [c, H, W, b]
 *                    with gᵀ [Ho, Wo, b, o], cropped to [c, k, k, o] and transposed back
 *   dL/db = 1ᵀ·g over b·Ho·Wo rows                    (a matrix product: fast on wasm)
 *
 * The zero padding p is part of the layer, so dL/dx is computed on the unpadded input only
 * (no slice of a padded gradient). When x is data (the first layer) it may be skipped.
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

/** g [b, Ho, Wo, o] with s − 1 zeros after each entry along height and width → [b, Ho·s, Wo·s, o]. */
export function insertZeros(g: tf.Tensor4D, stride: number): tf.Tensor4D {
  if (stride === 1) return g;
  return tf.tidy(() => {
    const spread = (t: tf.Tensor4D, axis: 1 | 2): tf.Tensor4D => {
      const parts = [t, ...Array.from({ length: stride - 1 }, () => tf.zerosLike(t))];
      const shape = [...t.shape] as [number, number, number, number];
      shape[axis] *= stride;
      return tf.reshape(tf.stack(parts, axis + 1), shape); // entries at multiples of s
    };
    return spread(spread(g, 2), 1); // [b, Ho·s, Wo·s, o]
  });
}

/**
 * dL/dx [b, H, W, c] of the unpadded input from g [b, Ho, Wo, o] and W [k, k, c, o], for a
 * layer that pads x by p (≤ k − 1) on every side (see the header): the full correlation,
 * evaluated only on the interior rows and columns p … p + H − 1.
 */
export function convInputGradient(
  g: tf.Tensor4D,
  w: tf.Tensor4D,
  inputShape: readonly [number, number, number, number],
  stride: number,
  padding: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const k = w.shape[0];
    const [, h, wd] = inputShape;
    let up = insertZeros(g, stride); // [b, Ho·s, Wo·s, o]
    const [b, hu, wu, o] = up.shape;
    // Rows beyond H + p never reach the interior.
    if (hu > h + padding || wu > wd + padding) {
      up = tf.slice(up, [0, 0, 0, 0], [b, Math.min(hu, h + padding), Math.min(wu, wd + padding), o]);
    }
    const padded = tf.pad(up, [
      [0, 0],
      [k - 1 - padding, h + padding - up.shape[1]],
      [k - 1 - padding, wd + padding - up.shape[2]],
      [0, 0],
    ]); // [b, H + k − 1, W + k − 1, o]
    const flipped = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // [k, k, o, c]
    return tf.conv2d(padded, flipped, 1, 'valid'); // [b, H, W, c]
  });
}

export interface ConvOptions {
  /** Zeros added on every side of x before the convolution (≤ k − 1). */
  readonly padding?: number;
  /** False when x is data: its gradient is then zeros, not computed. */
  readonly inputGradient?: boolean;
}

/**
 * act(conv(pad(x, p), W, s) + b) with the wasm-friendly gradient above, differentiable by
 * tf.grad / tf.variableGrads with respect to x, W and b.
 */
export function convLayer(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  b: tf.Tensor1D,
  stride: number,
  activation: ConvActivation = 'linear',
  options: ConvOptions = {},
): tf.Tensor4D {
  const { padding = 0, inputGradient = true } = options;
  const k = w.shape[0];
  if (!(Number.isInteger(padding) && padding >= 0 && padding <= k - 1)) {
    throw new Error(`convLayer: padding must be a whole number from 0 to ${k - 1}, got ${padding}.`);
  }
  const layer = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, bIn, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
    const margin: [number, number] = [padding, padding];
    const xp = padding > 0 ? tf.pad(xIn, [[0, 0], margin, margin, [0, 0]]) : xIn; // [b, H + 2p, W + 2p, c]
    const y = convForward(xp, wIn, bIn, stride, activation); // [b, Ho, Wo, o]
    save([xp, wIn, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
        const g: tf.Tensor4D = activation === 'relu' ? tf.mul(dy, tf.step(ys)) : dy; // [b, Ho, Wo, o]
        const [batch, ho, wo, o] = g.shape as [number, number, number, number];
        const dx = inputGradient ? convInputGradient(g, ws, x.shape, stride, padding) : tf.zeros(x.shape); // [b, H, W, c]
        const dw = convKernelGradient(xs, g, k, stride); // [k, k, c, o]
        const db = columnSums(tf.reshape(g, [batch * ho * wo, o])); // [o]
        return [dx, dw, db];
      },
    };
  });
  return layer(x, w, b) as tf.Tensor4D;
}
