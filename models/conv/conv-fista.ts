/**
 * Inference of the optimal code on the convolutional energy (the PSD variant's Z*):
 *
 *   F(Z) = ½‖y − Σᵢ Kᵢ ∗ Zᵢ‖² + λ‖Z‖₁
 *
 * by FISTA (Beck & Teboulle 2009) with step 1/L, L ≥ ‖K‖² (kernel-spectrum.ts):
 *
 *   Zₖ = sh_{λ/L}(Xₖ + Kᵀ(y − K∗Xₖ)/L)
 *   tₖ₊₁ = (1 + √(1 + 4tₖ²))/2,   Xₖ₊₁ = Zₖ + ((tₖ − 1)/tₖ₊₁)(Zₖ − Zₖ₋₁)
 *
 * warm-started at Z₀ (Kavukcuoglu et al. start from the encoder's prediction).
 * Shapes: y [b, H, W, 1], Z [b, H, W, n], K [k, k, n, 1]. Nothing here is differentiated.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convDecode, convDecodeAdjoint, shrinkPerMap } from './codec.js';

export interface ConvFistaOptions {
  readonly lambda: number;
  /** L ≥ ‖K‖², e.g. decoderLipschitz(kernels). */
  readonly lipschitz: number;
  readonly iterations: number;
}

/** Z* ≈ argmin F(Z) after `iterations` FISTA steps from z0. The caller disposes the result. */
export function convFista(
  y: tf.Tensor4D,
  kernels: tf.Tensor4D,
  z0: tf.Tensor4D,
  options: ConvFistaOptions,
): tf.Tensor4D {
  const { lambda, lipschitz, iterations } = options;
  let z = tf.clone(z0); // Zₖ₋₁
  let x = tf.clone(z0); // Xₖ
  let t = 1;
  for (let i = 0; i < iterations; i++) {
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = (t - 1) / tNext;
    const [zNext, xNext] = tf.tidy(() => {
      const residual = tf.sub<tf.Tensor4D>(y, convDecode(x, kernels)); // [b, H, W, 1]
      const step = tf.add<tf.Tensor4D>(x, tf.div(convDecodeAdjoint(residual, kernels), lipschitz)); // [b, H, W, n]
      const zk = shrinkPerMap(step, lambda / lipschitz);
      return [zk, tf.add(zk, tf.mul(tf.sub(zk, z), momentum))];
    });
    tf.dispose([z, x]);
    z = zNext as tf.Tensor4D;
    x = xNext as tf.Tensor4D;
    t = tNext;
  }
  x.dispose();
  return z;
}

/** F(Z) per image, batch mean: ½‖y − K∗Z‖² + λ‖Z‖₁ (a scalar tensor). */
export function convEnergy(y: tf.Tensor4D, kernels: tf.Tensor4D, z: tf.Tensor4D, lambda: number): tf.Scalar {
  return tf.tidy(() => {
    const batch = y.shape[0];
    const recon = tf.mul(tf.sum(tf.square(tf.sub(y, convDecode(z, kernels)))), 0.5 / batch);
    return tf.add(recon, tf.mul(tf.sum(tf.abs(z)), lambda / batch)) as tf.Scalar;
  });
}
