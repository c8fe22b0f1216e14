/**
 * The convolutional dictionary and its encoder (Kavukcuoglu, Sermanet, Boureau, Gregor,
 * Mathieu & LeCun 2010, "Learning convolutional feature hierarchies for visual recognition").
 *
 *   decoder  ŷ = Σᵢ Kᵢ ∗ Zᵢ                    (true convolution: each code pixel stamps Kᵢ)
 *   encoder  Zᵢ = gᵢ · sh_βᵢ(Eᵢ ⋆ y)  or  gᵢ · tanh(Eᵢ ⋆ y)   (⋆ cross-correlation)
 *   sh_β(v) = relu(v − β) − relu(−v − β)       (soft threshold, learned per map)
 *
 * Shapes: y [b, H, W, 1], Z [b, H, W, n], K [k, k, n, 1], E [k, k, 1, n], g, β [n].
 * Both convolutions are 'same' with zero padding, so Z has the image's size.
 * The stamping convolution is a cross-correlation with the spatially flipped kernel, so a
 * kernel shows as the pattern it adds to the image; Kᵀ (the adjoint, Z's gradient of
 * ½‖y − ŷ‖²) is a cross-correlation with K itself.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ConvNonlinearity } from './config.js';
import { sameConv, sameConvOfData } from './same-conv.js';

export interface EncoderParams {
  /** E [k, k, 1, n]. */
  readonly kernels: tf.Tensor4D;
  /** g [n]. */
  readonly gain: tf.Tensor1D;
  /** β [n] (used by 'shrink'). */
  readonly threshold: tf.Tensor1D;
}

/** ŷ = Σᵢ Kᵢ ∗ Zᵢ for Z [b, H, W, n], K [k, k, n, 1] → [b, H, W, 1]; differentiable in Z and K. */
export function convDecode(z: tf.Tensor4D, kernels: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => sameConv(z, tf.reverse(kernels, [0, 1]))); // [b, H, W, 1]
}

/** Kᵀr: the adjoint of convDecode, r [b, H, W, 1] → [b, H, W, n] (not differentiated). */
export function convDecodeAdjoint(r: tf.Tensor4D, kernels: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [k, , n] = kernels.shape;
    return tf.conv2d(r, tf.reshape(kernels, [k, k, 1, n]), 1, 'same'); // [b, H, W, n]
  });
}

/** sh_β(v) per map: v [b, H, W, n], β [n] broadcast over the last axis. */
export function shrinkPerMap(v: tf.Tensor4D, threshold: tf.Tensor1D | number): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.relu(tf.sub(v, threshold)), tf.relu(tf.sub(tf.neg(v), threshold))));
}

/** Z = g ⊙ σ(E ⋆ y) for y [b, H, W, 1] → [b, H, W, n]; differentiable in E, g and β. */
export function convEncode(
  y: tf.Tensor4D,
  params: EncoderParams,
  nonlinearity: ConvNonlinearity,
): tf.Tensor4D {
  return tf.tidy(() => {
    const v = sameConvOfData(y, params.kernels); // [b, H, W, n]
    const s = nonlinearity === 'shrink' ? shrinkPerMap(v, params.threshold) : tf.tanh(v);
    return tf.mul(s, params.gain); // [b, H, W, n]
  });
}

/** K ← K / ‖K‖ for every kernel of K [k, k, n, 1] (unit Frobenius norm). */
export function unitKernels(kernels: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() =>
    tf.div(kernels, tf.maximum(tf.sqrt(tf.sum(tf.square(kernels), [0, 1, 3], true)), 1e-12)),
  );
}
