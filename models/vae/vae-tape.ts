/**
 * The same VAE as vae-graph.ts, written independently the way TensorFlow.js is usually
 * written: the loss through the autodiff tape (tf.variableGrads) and tf.train.adam. Two flavours:
 *   'stock'  — tf.matMul layers with tfjs's own gradients (transposed products: slow on wasm);
 *   'custom' — the wasm-friendly customGrad layer of linear.ts (explicit transposes).
 * This is the oracle for tests (gradients, loss curves) and the baseline of the benchmark.
 * Same seed → same initial weights and the same ε as createVae.
 */
import * as tf from '@tensorflow/tfjs-core';
import { pytorchAdam } from '../adam.js';
import { linear } from './linear.js';
import { bceSumFromLogitsReference, klDivergence, reparameterize } from './losses.js';
import { createRng } from '../rng.js';
import type { VaeLosses, VaeShape } from './vae-api.js';
import { createParams, disposeParams, initialWeights, paramList, type VaeParams } from './vae-params.js';

export type TapeLayers = 'stock' | 'custom';

/** The part of VaeModel a training benchmark needs. */
export interface TapeVae {
  readonly shape: VaeShape;
  trainStep(x: tf.Tensor2D, beta: number, learningRate: number, noiseSeed: number): VaeLosses;
  /** Gradients of the batch-mean loss (paramNames order) for a given ε (null: z = μ). Caller disposes. */
  gradients(x: tf.Tensor2D, beta: number, eps: tf.Tensor2D | null): tf.Tensor[];
  readonly params: VaeParams;
  dispose(): void;
}

type Dense = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, act: 'linear' | 'relu') => tf.Tensor2D;

const stockDense: Dense = (x, w, b, act) => {
  const y = tf.add(tf.matMul(x, w), b) as tf.Tensor2D; // [b, out]
  return act === 'relu' ? tf.relu(y) : y;
};

/** Per-sample losses [b] (recon, kl) of the model on x, sampling z with eps (or z = μ). */
function tapeLosses(
  p: VaeParams,
  x: tf.Tensor2D,
  variational: boolean,
  eps: tf.Tensor2D | null,
  dense: Dense,
) {
  const h1 = dense(x, p.enc1w, p.enc1b, 'relu'); // [b, h]
  const e = dense(h1, p.enc2w, p.enc2b, 'linear'); // [b, 2d] or [b, d]
  let z = e;
  let kl: tf.Tensor1D | null = null;
  if (variational) {
    const [mu, logvar] = tf.split(e, 2, 1) as [tf.Tensor2D, tf.Tensor2D]; // [b, d]
    z = eps ? reparameterize(mu, logvar, eps) : mu;
    kl = klDivergence(mu, logvar); // [b]
  }
  const h2 = dense(z, p.dec1w, p.dec1b, 'relu'); // [b, h]
  const logits = dense(h2, p.dec2w, p.dec2b, 'linear'); // [b, n]
  return { recon: bceSumFromLogitsReference(logits, x), kl }; // [b], [b] | null
}

/** ε [b, d] drawn as createVae draws it: normals from createRng(noiseSeed), row-major. */
export function noiseFor(noiseSeed: number, b: number, d: number): tf.Tensor2D {
  const rng = createRng(noiseSeed);
  return tf.tensor2d(
    Float32Array.from({ length: b * d }, () => rng.normal()),
    [b, d],
  );
}

export function createTapeVae(shape: VaeShape, seed: number, layers: TapeLayers): TapeVae {
  const variational = shape.variant === 'vae';
  const params = createParams(initialWeights(shape, createRng(seed)));
  const list = paramList(params);
  const dense: Dense = layers === 'stock' ? stockDense : linear;
  const { beta1, beta2, epsilon } = pytorchAdam;
  let optimizer: tf.AdamOptimizer | null = null;
  let optimizerRate = NaN;

  function meanLoss(x: tf.Tensor2D, beta: number, eps: tf.Tensor2D | null) {
    const { recon, kl } = tapeLosses(params, x, variational, eps, dense);
    const reconMean = tf.mean(recon);
    const klMean = kl ? tf.mean(kl) : tf.scalar(0);
    return { total: tf.add(reconMean, tf.mul(klMean, beta)) as tf.Scalar, reconMean, klMean };
  }

  return {
    shape,
    params,
    trainStep(x, beta, learningRate, noiseSeed) {
      if (!optimizer || optimizerRate !== learningRate) {
        // tf.train.adam's rate is fixed at construction; a new rate restarts its moments.
        optimizer?.dispose();
        optimizer = tf.train.adam(learningRate, beta1, beta2, epsilon);
        optimizerRate = learningRate;
      }
      const opt = optimizer;
      const [b] = x.shape;
      const parts = tf.tidy(() => {
        const eps = variational ? noiseFor(noiseSeed, b, shape.latentDim) : null;
        let reconKl: tf.Tensor1D | null = null;
        const { grads } = tf.variableGrads(() => {
          const { total, reconMean, klMean } = meanLoss(x, beta, eps);
          reconKl = tf.keep(tf.stack([reconMean, klMean]) as tf.Tensor1D);
          return total;
        }, list);
        opt.applyGradients(list.map((v) => ({ name: v.name, tensor: grads[v.name] as tf.Tensor })));
        return reconKl as unknown as tf.Tensor1D;
      });
      const [recon, kl] = parts.dataSync() as Float32Array;
      parts.dispose();
      const r = recon as number;
      const k = variational ? (kl as number) : 0;
      return { recon: r, kl: k, total: r + beta * k };
    },
    gradients(x, beta, eps) {
      return tf.tidy(() => {
        const { grads } = tf.variableGrads(() => meanLoss(x, beta, eps).total, list);
        return list.map((v) => grads[v.name] as tf.Tensor);
      });
    },
    dispose() {
      optimizer?.dispose();
      disposeParams(params);
    },
  };
}
