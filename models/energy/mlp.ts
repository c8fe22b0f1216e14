/**
 * A small multilayer perceptron on the plane, f: Rⁿ → Rᵐ (e.g. the energy 2 → 64 → 64 → 1 or
 * the denoiser 2 → 64 → 64 → 2), with smooth activations so that Langevin dynamics sees a
 * smooth gradient:
 *   softplus(a) = log(1 + eᵃ),  softplus′(a) = σ(a)
 *   swish(a) = a·σ(a),           swish′(a) = σ(a)·(1 + a·(1 − σ(a)))    (Ramachandran et al. 2017)
 * Layers are linear.ts's wasm-friendly dense layer; initialisation is nn.Linear's,
 * U(−1/√fan_in, 1/√fan_in), drawn from the seeded generator passed in.
 *
 * For a scalar output (m = 1) the gradient with respect to the input, ∇ₓf, is written by
 * hand (reverse mode through the stack, explicit transposes, no tape): it is the inner loop
 * of Langevin dynamics. With aₗ = hₗ₋₁Wₗ + bₗ, hₗ = act(aₗ), f = h_{L−1}W_L + b_L:
 *   g_L = 1,  g_{l} = (g_{l+1}·W_{l+1}ᵀ) ⊙ act′(aₗ),  ∇ₓf = g₁·W₁ᵀ
 */
import * as tf from '@tensorflow/tfjs-core';
import { linear, linearForward, matMulNT } from '../linear.js';
import type { Rng } from '../rng.js';

export const mlpActivations = ['swish', 'softplus'] as const;
export type MlpActivation = (typeof mlpActivations)[number];

export interface Mlp {
  /** Layer widths, input first: [2, 64, 64, 1]. */
  readonly sizes: readonly number[];
  readonly activation: MlpActivation;
  /** Weights and biases, layer by layer: W₁ [n, h], b₁ [h], W₂, b₂, … */
  readonly variables: readonly tf.Variable[];
  /** f(x) for x [b, n] → [b, m], differentiable with respect to the variables. */
  forward(x: tf.Tensor2D): tf.Tensor2D;
  /** ∇ₓf(x) for a scalar output, x [b, n] → [b, n] (no tape). */
  inputGradient(x: tf.Tensor2D): tf.Tensor2D;
  /** Copies of the variables' values (same order as `variables`). */
  readWeights(): Float32Array[];
  /** Overwrites the variables (same order and sizes as readWeights). */
  writeWeights(values: readonly Float32Array[]): void;
  dispose(): void;
}

function activate(a: tf.Tensor2D, activation: MlpActivation): tf.Tensor2D {
  return activation === 'softplus' ? tf.softplus(a) : tf.mul(a, tf.sigmoid(a));
}

function activationDerivative(a: tf.Tensor2D, activation: MlpActivation): tf.Tensor2D {
  const s = tf.sigmoid(a);
  if (activation === 'softplus') return s;
  return tf.mul(s, tf.add(1, tf.mul(a, tf.sub(1, s)))); // σ(a)(1 + a(1 − σ(a)))
}

function uniformValues(rng: Rng, size: number, bound: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}

export function createMlp(sizes: readonly number[], activation: MlpActivation, rng: Rng): Mlp {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new Error(`An MLP needs at least two positive integer layer widths, got [${sizes.join(', ')}].`);
  }
  const weights: tf.Variable<tf.Rank.R2>[] = [];
  const biases: tf.Variable<tf.Rank.R1>[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const [nIn, nOut] = [sizes[l - 1] as number, sizes[l] as number];
    const bound = 1 / Math.sqrt(nIn);
    const w = uniformValues(rng, nIn * nOut, bound);
    const b = uniformValues(rng, nOut, bound);
    weights.push(tf.tidy(() => tf.variable(tf.tensor2d(w, [nIn, nOut]))));
    biases.push(tf.tidy(() => tf.variable(tf.tensor1d(b))));
  }
  const variables: tf.Variable[] = weights.flatMap((w, l) => [w, biases[l] as tf.Variable]);
  const last = weights.length - 1;

  return {
    sizes,
    activation,
    variables,
    forward(x) {
      return tf.tidy(() => {
        let h = x; // [b, n]
        weights.forEach((w, l) => {
          const a = linear(h, w, biases[l] as tf.Tensor1D); // [b, sizes[l+1]]
          h = l < last ? activate(a, activation) : a;
        });
        return h; // [b, m]
      });
    },
    inputGradient(x) {
      if (sizes[sizes.length - 1] !== 1) throw new Error('inputGradient needs a scalar output.');
      return tf.tidy(() => {
        const pre: tf.Tensor2D[] = []; // aₗ of the hidden layers, [b, h]
        let h = x;
        for (let l = 0; l < last; l++) {
          const a = linearForward(h, weights[l] as tf.Tensor2D, biases[l] as tf.Tensor1D); // [b, h]
          pre.push(a);
          h = activate(a, activation);
        }
        const [b] = x.shape;
        let g = tf.ones([b, 1]) as tf.Tensor2D; // ∂f/∂f, [b, 1]
        for (let l = last; l >= 1; l--) {
          const back = matMulNT(g, weights[l] as tf.Tensor2D); // [b, sizes[l]]
          g = tf.mul(back, activationDerivative(pre[l - 1] as tf.Tensor2D, activation));
        }
        return matMulNT(g, weights[0] as tf.Tensor2D); // [b, n]
      });
    },
    readWeights() {
      return variables.map((v) => Float32Array.from(v.dataSync()));
    },
    writeWeights(values) {
      if (values.length !== variables.length) throw new Error('writeWeights: one array per variable.');
      variables.forEach((v, i) => {
        const data = values[i] as Float32Array;
        if (data.length !== v.size)
          throw new Error(`writeWeights: variable ${i} has ${v.size} values, got ${data.length}.`);
        tf.tidy(() => v.assign(tf.tensor(data, v.shape)));
      });
    },
    dispose() {
      tf.dispose(variables);
    },
  };
}
