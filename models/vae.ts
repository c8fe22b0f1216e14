/**
 * The course VAE (NYU Deep Learning, practicum 11-VAE; Kingma & Welling 2014) and the
 * classic autoencoder beside it, behind the VaeModel interface of vae-api.ts.
 *
 *   encoder 784 → h (ReLU) → 2d (μ, log σ²);  z = μ + ε ⊙ σ;  decoder d → h (ReLU) → 784 (σ)
 *   loss = mean over the batch of [BCE summed over pixels + β · KL(q(z|x) ‖ N(0, I))]
 *   optimiser: Adam (β₁ 0.9, β₂ 0.999, ε 1e-8), learning rate set per step
 * The 'ae' variant: the encoder outputs z = μ directly, no sampling, no KL.
 *
 * A training step is the hand-written forward/backward of vae-backprop.ts followed by the
 * few-op Adam of adam.ts; vae-stock.ts is the same model through tf.grad and
 * tf.train.adam, the oracle the tests and the benchmark compare against.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam } from './adam.js';
import { createRng } from './rng.js';
import type { DecoderWeights, NamedWeights, VaeLosses, VaeModel, VaeShape } from './vae-api.js';
import {
  createBatchOnes,
  decodeProbs,
  encodeParts,
  lossTotals,
  trainBackward,
  trainForward,
  type BatchOnes,
} from './vae-backprop.js';
import {
  checkWeights,
  createParams,
  disposeParams,
  initialWeights,
  paramList,
  readWeight,
  readWeights,
  writeWeights,
} from './vae-params.js';

/** Reads back (and disposes) the loss totals of a batch of `n`; returns per-sample means. */
export function lossesFromSums(sums: tf.Scalar[], n: number, beta: number, variational: boolean): VaeLosses {
  const [reconSum, klSum] = sums.map((t) => (t.dataSync() as Float32Array)[0] as number) as [number, number];
  tf.dispose(sums);
  const recon = reconSum / n;
  const kl = variational ? klSum / n : 0;
  return { recon, kl, total: variational ? recon + beta * kl : recon };
}

/** A VAE (or AE) with nn.Linear-style initialisation drawn from `seed`. */
export function createVae(shape: VaeShape, seed: number): VaeModel {
  return createVaeFromWeights(shape, initialWeights(shape, createRng(seed)));
}

/** A VAE (or AE) starting from the given parameters (e.g. a checkpoint). */
export function createVaeFromWeights(shape: VaeShape, weights: NamedWeights): VaeModel {
  checkWeights(shape, weights);
  const variational = shape.variant === 'vae';
  const params = createParams(weights);
  const list = paramList(params);
  const adam = createAdam(pytorchAdam);
  let ones: BatchOnes | null = null;

  function onesFor(b: number): BatchOnes {
    if (ones?.row.shape[1] !== b) {
      if (ones) tf.dispose([ones.row, ones.col]);
      ones = createBatchOnes(b);
    }
    return ones;
  }

  function checkBatch(x: tf.Tensor2D): number {
    if (x.rank !== 2 || x.shape[1] !== shape.inputDim) {
      throw new Error(`Expected a batch of shape [b, ${shape.inputDim}], got [${x.shape.join(', ')}].`);
    }
    return x.shape[0];
  }

  return {
    shape,
    trainStep(x, beta, learningRate, noiseSeed) {
      const b = checkBatch(x);
      const batchOnes = onesFor(b);
      const sums = tf.tidy(() => {
        const eps = variational ? tf.randomNormal([b, shape.latentDim], 0, 1, 'float32', noiseSeed) : null;
        const f = trainForward(params, x, variational, eps as tf.Tensor2D | null);
        const { recon, kl } = lossTotals(f);
        const grads = trainBackward(params, f, beta, batchOnes);
        adam.apply(list, grads, learningRate, 1 / b);
        return [recon, kl];
      });
      return lossesFromSums(sums, b, beta, variational);
    },
    evaluate(x, beta) {
      const b = checkBatch(x);
      const sums = tf.tidy(() => {
        const { recon, kl } = lossTotals(trainForward(params, x, variational, null));
        return [recon, kl];
      });
      return lossesFromSums(sums, b, beta, variational);
    },
    encode(x) {
      checkBatch(x);
      const [mu, logvar] = tf.tidy(() => {
        const parts = encodeParts(params, x, variational);
        return parts.logvar ? [parts.mu, parts.logvar] : [parts.mu];
      });
      return { mu: mu as tf.Tensor2D, logvar: (logvar as tf.Tensor2D | undefined) ?? null };
    },
    decode(z) {
      if (z.rank !== 2 || z.shape[1] !== shape.latentDim) {
        throw new Error(`Expected codes of shape [n, ${shape.latentDim}], got [${z.shape.join(', ')}].`);
      }
      return tf.tidy(() => decodeProbs(params, z)); // [n, inputDim]
    },
    reconstruct(x) {
      checkBatch(x);
      return tf.tidy(() => decodeProbs(params, encodeParts(params, x, variational).mu)); // [b, inputDim]
    },
    decoderWeights(): DecoderWeights {
      return {
        w1: readWeight('dec1.w', params.dec1wT).data, // [d, h]
        b1: readWeight('dec1.b', params.dec1b).data,
        w2: readWeight('dec2.w', params.dec2wT).data, // [h, n]
        b2: readWeight('dec2.b', params.dec2b).data,
      };
    },
    getWeights: () => readWeights(params),
    setWeights(weights) {
      checkWeights(shape, weights);
      writeWeights(params, weights);
    },
    dispose() {
      if (ones) tf.dispose([ones.row, ones.col]);
      adam.dispose();
      disposeParams(params);
    },
  };
}
