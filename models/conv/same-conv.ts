/**
 * A 'same', stride-1 convolution whose kernel gradient runs on the wasm backend (which has no
 * Conv2DBackpropFilter kernel; ../shared/TOOLCHAIN.md, "Convolutions and FFT on the wasm
 * backend"). TensorFlow.js's conv2d is a cross-correlation:
 *
 *   y[b, y, x, o] = Σ_i,j,c xpad[b, y + i, x + j, c] · w[i, j, c, o],   w [k, k, c, o], k odd,
 *   xpad = x zero-padded by r = (k − 1)/2 on every side.
 *
 * With dy = dL/dy [b, H, W, o]:
 *   dL/dx = a 'same' conv2d of dy with w flipped in space, channels swapped: w̃ [k, k, o, c],
 *           w̃[i, j, o, c] = w[k − 1 − i, k − 1 − j, c, o]. (Conv2DBackpropInput computes the
 *           same and is registered on wasm, but as a naive loop: 28 ms of a 53 ms step for 16
 *           kernels of 9×9 on 8 images of 32×32, against ≈ 5 ms for this XNNPACK conv2d.)
 *   dL/dw[i, j, c, o] = Σ_b,y,x xpad[b, y + i, x + j, c] · dy[b, y, x, o]
 *                     = a 'valid' conv2d of xpadᵀ [c, H + k − 1, W + k − 1, b]
 *                       with dyᵀ [H, W, b, o], giving [c, k, k, o], transposed back.
 */
import * as tf from '@tensorflow/tfjs-core';

/** dL/dw [k, k, c, o] of a 'same' conv from its input x [b, H, W, c] and dy [b, H, W, o]. */
export function sameConvKernelGradient(x: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    const r = (k - 1) / 2;
    const padded = tf.pad(x, [
      [0, 0],
      [r, r],
      [r, r],
      [0, 0],
    ]); // [b, H + 2r, W + 2r, c]
    const xt = tf.transpose(padded, [3, 1, 2, 0]); // [c, H + 2r, W + 2r, b]
    const gt = tf.transpose(dy, [1, 2, 0, 3]); // [H, W, b, o]
    const dw = tf.conv2d(xt, gt, 1, 'valid'); // [c, k, k, o]
    return tf.transpose(dw, [1, 2, 0, 3]); // [k, k, c, o]
  });
}

function checkOddSquare(w: tf.Tensor4D): number {
  const [kh, kw] = w.shape;
  if (kh !== kw || kh % 2 !== 1)
    throw new Error(`a 'same' convolution needs an odd square kernel, got ${kh}×${kw}`);
  return kh;
}

/**
 * conv2d(x, w, 1, 'same') for x [b, H, W, c], w [k, k, c, o] → [b, H, W, o], differentiable
 * with respect to both x and w on every backend.
 */
export function sameConv(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const k = checkOddSquare(w);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xIn, wIn, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xIn, wIn]);
    return {
      value: tf.conv2d(xIn, wIn, 1, 'same'), // [b, H, W, o]
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const flipped = tf.transpose(tf.reverse(ws, [0, 1]), [0, 1, 3, 2]); // w̃ [k, k, o, c]
        const dx = tf.conv2d(dy, flipped, 1, 'same'); // [b, H, W, c]
        return [dx, sameConvKernelGradient(xs, dy, k)];
      },
    };
  });
  return op(x, w) as tf.Tensor4D;
}

/**
 * conv2d(x, w, 1, 'same') differentiable with respect to w only (x is data, e.g. the encoder's
 * input image): the backward pass skips dL/dx.
 */
export function sameConvOfData(x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const k = checkOddSquare(w);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [wIn] = args as [tf.Tensor4D];
    return {
      value: tf.conv2d(x, wIn, 1, 'same'), // [b, H, W, o]
      gradFunc: (dy: tf.Tensor4D) => [sameConvKernelGradient(x, dy, k)],
    };
  });
  return op(w) as tf.Tensor4D;
}
