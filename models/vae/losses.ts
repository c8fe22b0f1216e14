/**
 * The VAE's loss terms (Kingma & Welling 2014, "Auto-Encoding Variational Bayes", §2.3 and
 * appendix B), per sample, summed over pixels / latent dimensions:
 *
 *   BCE(x, p)      = −Σ_j [x_j log p_j + (1 − x_j) log(1 − p_j)]
 *                  = Σ_j [softplus(l_j) − l_j x_j]            with p = σ(l)
 *   KL(q ‖ N(0,I)) = −½ Σ_k (1 + log σ_k² − μ_k² − σ_k²)
 *   z              = μ + ε ⊙ exp(½ log σ²),  ε ~ N(0, I)     (reparameterisation)
 *
 * From logits, softplus(l) = max(l, 0) + log(1 + e^{−|l|}) = max(l, 0) − log σ(|l|), finite
 * for every l. σ(|l|) lies in [½, 1], so the product of up to 32 of them stays above 2⁻³² and
 * Σ_j log σ(|l_j|) can be taken as Σ_chunks log Π_chunk σ(|l_j|): one logarithm per 28
 * pixels instead of one per pixel (the logarithm is the slow kernel on wasm).
 */
import * as tf from '@tensorflow/tfjs-core';

/** PyTorch's binary_cross_entropy clamps each log term at −100; so do we. */
const LOG_FLOOR = -100;

/**
 * BCE summed over pixels from probabilities p [b, n] and targets x [b, n] → [b].
 * Each log is clamped at −100 (as torch.nn.functional.binary_cross_entropy does), so
 * p = 0 or 1 gives a large but finite loss.
 */
export function bceSum(probs: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const logP = tf.maximum(tf.log(probs), LOG_FLOOR); // [b, n]
    const logQ = tf.maximum(tf.log(tf.sub(1, probs)), LOG_FLOOR); // [b, n]
    const perPixel = tf.add(tf.mul(x, logP), tf.mul(tf.sub(1, x), logQ)); // [b, n]
    return tf.neg(tf.sum(perPixel, 1)) as tf.Tensor1D; // [b]
  });
}

/** The largest divisor of n that is at most 32 (1 when n is prime and larger). */
export function logChunk(n: number): number {
  for (let c = Math.min(32, n); c > 1; c--) if (n % c === 0) return c;
  return 1;
}

/**
 * Σ_j log σ(|l_j|) over the last axis of l [b, n] → [b], by products of `logChunk(n)`
 * factors in [½, 1] (no underflow) and one logarithm per chunk.
 */
function sumLogSigmoidAbs(logits: tf.Tensor2D): tf.Tensor1D {
  const [b, n] = logits.shape;
  const s = tf.sigmoid(tf.abs(logits)); // [b, n], in [½, 1]
  const c = logChunk(n);
  if (c === 1) return tf.sum(tf.log(s), 1);
  const products = tf.prod(tf.reshape(s, [b, n / c, c]), 2); // [b, n/c], ≥ 2⁻³²
  return tf.sum(tf.log(products), 1); // [b]
}

/**
 * BCE summed over pixels from logits l [b, n] (p = σ(l)) and targets x [b, n] → [b]:
 * Σ_j [max(l_j, 0) − l_j x_j − log σ(|l_j|)]. Finite for any finite logits.
 */
export function bceSumFromLogits(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const linear = tf.sum(tf.sub(tf.relu(logits), tf.mul(logits, x)), 1); // [b]
    return tf.sub(linear, sumLogSigmoidAbs(logits)) as tf.Tensor1D; // [b]
  });
}

/**
 * The same BCE by the textbook stable formula max(l, 0) − l·x + log(1 + e^{−|l|}), one
 * logarithm per pixel. Slower on wasm; kept as the reference the fast form is tested against.
 */
export function bceSumFromLogitsReference(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const perPixel = tf.add(
      tf.sub(tf.relu(logits), tf.mul(logits, x)),
      tf.log1p(tf.exp(tf.neg(tf.abs(logits)))),
    ); // [b, n]
    return tf.sum(perPixel, 1) as tf.Tensor1D; // [b]
  });
}

/** KL(N(μ, σ²) ‖ N(0, I)) per sample: −½ Σ_k (1 + logvar − μ² − e^{logvar}), μ, logvar [b, d] → [b]. */
export function klDivergence(mu: tf.Tensor2D, logvar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const terms = tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar))); // [b, d]
    return tf.mul(-0.5, tf.sum(terms, 1)) as tf.Tensor1D; // [b]
  });
}

/** z = μ + ε ⊙ exp(½ logvar), all [b, d]. */
export function reparameterize(mu: tf.Tensor2D, logvar: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(mu, tf.mul(eps, tf.exp(tf.mul(0.5, logvar)))) as tf.Tensor2D);
}
