/**
 * The sparse-coding energy of the lecture (NYU Deep Learning, week 8: a regularised
 * latent-variable EBM) and the lasso problem it poses for the code z of a sample y:
 *
 *   F(z) = ½‖y − Wz‖² + λ‖z‖₁          (we keep the factor ½; the lecture writes ‖y − Wz‖²,
 *                                        which is the same problem with λ doubled)
 *   ∇_z ½‖y − Wz‖² = Wᵀ(Wz − y) = Gz − b,   G = WᵀW,  b = Wᵀy,  L = λ_max(G)
 *
 * Batched row-wise: Y [batch, n], W [n, atoms] (one atom per column), Z [batch, atoms];
 * Ŷ = Z·Wᵀ, B = Y·W, and per-sample energies [batch]. The Gram form
 *   F(z) = ½‖y‖² + Σᵢ zᵢ(½(zG)ᵢ − bᵢ) + λ‖z‖₁
 * costs one [batch, atoms]·[atoms, atoms] product instead of [batch, atoms]·[atoms, n].
 * Every product here is a plain, untransposed matMul (the XNNPACK path on wasm; TOOLCHAIN.md).
 */
import * as tf from '@tensorflow/tfjs-core';

/** ‖·‖₁ per row: x [batch, atoms] → [batch]. */
export function rowL1(x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.abs(x), 1) as tf.Tensor1D);
}

/** Wᵀ as its own tensor [atoms, n], so that Z·Wᵀ is an untransposed product. */
export function transposeDictionary(w: tf.Tensor2D): tf.Tensor2D {
  return tf.transpose(w);
}

/** The reconstructions Ŷ = Z·Wᵀ [batch, n] from codes z [batch, atoms] and wT = Wᵀ [atoms, n]. */
export function reconstruct(z: tf.Tensor2D, wT: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(z, wT); // [batch, atoms]·[atoms, n] → [batch, n]
}

/** ½‖y − Wz‖² per sample [batch], directly from the residual. */
export function reconstructionEnergy(y: tf.Tensor2D, w: tf.Tensor2D, z: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const residual = tf.sub(y, reconstruct(z, tf.transpose(w))); // [batch, n]
    return tf.mul(tf.sum(tf.square(residual), 1), 0.5) as tf.Tensor1D; // [batch]
  });
}

/** F(z) = ½‖y − Wz‖² + λ‖z‖₁ per sample [batch], directly from the residual. */
export function lassoEnergy(y: tf.Tensor2D, w: tf.Tensor2D, z: tf.Tensor2D, lambda: number): tf.Tensor1D {
  return tf.tidy(() => tf.add(reconstructionEnergy(y, w, z), tf.mul(rowL1(z), lambda)) as tf.Tensor1D);
}

/**
 * The batch mean of F(z) in the Gram form, given G [atoms, atoms], B = Y·W [batch, atoms] and
 * the batch mean of ½‖y‖² (a scalar). One [batch, atoms]·[atoms, atoms] product.
 */
export function meanEnergyGram(
  z: tf.Tensor2D,
  gram: tf.Tensor2D,
  b: tf.Tensor2D,
  halfSquaredNorm: tf.Scalar,
  lambda: number,
): tf.Scalar {
  return tf.tidy(() => {
    const zg = tf.matMul(z, gram); // [batch, atoms]
    const quadratic = tf.mul(z, tf.sub(tf.mul(zg, 0.5), b)); // zᵢ(½(zG)ᵢ − bᵢ) [batch, atoms]
    const perEntry = tf.add(quadratic, tf.mul(tf.abs(z), lambda)); // [batch, atoms]
    return tf.add(tf.div(tf.sum(perEntry), z.shape[0]), halfSquaredNorm) as tf.Scalar;
  });
}

/** The fraction of exactly-zero entries of the codes z [batch, atoms] (a number in [0, 1]). */
export function zeroFraction(z: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(z, 0), 'float32')) as tf.Scalar);
}
