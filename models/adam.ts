/**
 * Adam (Kingma & Ba 2015, algorithm 1) with PyTorch's defaults and update, in few ops.
 *
 *   m ← β₁m + (1 − β₁)G          v ← β₂v + (1 − β₂)G²
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 *
 * The caller may pass gradients g of a sum rather than a mean, with G = s·g
 * (s = `gradScale`). We keep m̃ = m / ((1 − β₁)s) and ṽ = v / ((1 − β₂)s²), so that
 *
 *   m̃ ← β₁m̃ + g                  ṽ ← β₂ṽ + g²
 *   θ ← θ − c₁ · m̃ / (√ṽ + c₂),  c₁ = lr(1 − β₁)√(1 − β₂ᵗ) / ((1 − β₁ᵗ)√(1 − β₂)),
 *                                  c₂ = ε√(1 − β₂ᵗ) / (s√(1 − β₂))
 *
 * which is the same update, algebraically, in 10 element-wise ops per parameter instead of
 * the 15 or so of tf.train.adam. The learning rate may change at every step.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface AdamConfig {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** torch.optim.Adam's defaults (the course notebook's optimizer). */
export const pytorchAdam: AdamConfig = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

export interface Adam {
  /**
   * One step: θᵢ ← update(θᵢ, gᵢ) for every parameter, in place (tf.Variable.assign).
   * `gradScale` s says the true gradient is s·gᵢ (e.g. 1/batch for gradients of a sum).
   */
  apply(
    params: readonly tf.Variable[],
    grads: readonly tf.Tensor[],
    learningRate: number,
    gradScale?: number,
  ): void;
  /** Steps taken so far (t). */
  readonly iterations: number;
  /** Frees the moment estimates. */
  dispose(): void;
}

export function createAdam(config: AdamConfig = pytorchAdam): Adam {
  const { beta1, beta2, epsilon } = config;
  let t = 0;
  let moments: { m: tf.Variable; v: tf.Variable }[] = [];

  function ensureMoments(params: readonly tf.Variable[]): void {
    if (moments.length === params.length) return;
    for (const { m, v } of moments) tf.dispose([m, v]);
    // Variables outlive tidy scopes; the zero tensors they start from do not.
    moments = params.map((p) =>
      tf.tidy(() => ({ m: tf.variable(tf.zerosLike(p), false), v: tf.variable(tf.zerosLike(p), false) })),
    );
  }

  return {
    apply(params, grads, learningRate, gradScale = 1) {
      if (params.length !== grads.length) throw new Error('Adam: one gradient per parameter');
      ensureMoments(params);
      t += 1;
      const bc1 = 1 - beta1 ** t;
      const bc2 = 1 - beta2 ** t;
      const c1 = (learningRate * (1 - beta1) * Math.sqrt(bc2)) / (bc1 * Math.sqrt(1 - beta2));
      const c2 = (epsilon * Math.sqrt(bc2)) / (gradScale * Math.sqrt(1 - beta2));
      tf.tidy(() => {
        const b1 = tf.scalar(beta1);
        const b2 = tf.scalar(beta2);
        const s1 = tf.scalar(c1);
        const s2 = tf.scalar(c2);
        params.forEach((p, i) => {
          const g = grads[i] as tf.Tensor;
          const { m, v } = moments[i] as { m: tf.Variable; v: tf.Variable };
          const mNext = tf.add(tf.mul(m, b1), g); // m̃ ← β₁m̃ + g
          const vNext = tf.add(tf.mul(v, b2), tf.square(g)); // ṽ ← β₂ṽ + g²
          const step = tf.mul(tf.div(mNext, tf.add(tf.sqrt(vNext), s2)), s1); // c₁ m̃ / (√ṽ + c₂)
          m.assign(mNext);
          v.assign(vNext);
          p.assign(tf.sub(p, step));
        });
      });
    },
    get iterations() {
      return t;
    },
    dispose() {
      for (const { m, v } of moments) tf.dispose([m, v]);
      moments = [];
    },
  };
}
