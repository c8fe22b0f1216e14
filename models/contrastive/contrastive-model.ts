/**
 * Self-supervised contrastive learning on digits (SimCLR, Chen et al. 2020; PIRL, Misra &
 * van der Maaten 2020). One training step on N positive pairs (two views of N images):
 *
 *   u₁ = f(h(view 1)), u₂ = g(h(view 2))        [N, p]   (encoder.ts; g = f unless heads are separate)
 *   L = InfoNCE / NT-Xent of (u₁, u₂), negatives from the batch and the memory bank (info-nce.ts)
 *   θ ← Adam(θ, ∇θ L)                            (../adam.ts)
 *   bank ← newest z₁ = u₁/‖u₁‖ first              (memory-bank.ts, when K > 0)
 *
 * and one read-back: the loss and the N×N cosine similarities between the views, split into
 * the N positives and N(N − 1) negatives (for histograms).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam } from '../adam.js';
import { createRng } from '../rng.js';
import type { NamedWeights } from '../vae-api.js';
import { checkContrastiveConfig, type ContrastiveConfig } from './config.js';
import { throwIfIssues } from './config-issue.js';
import {
  createEncoderParams,
  encoderShapes,
  initialEncoderWeights,
  PIXELS,
  project,
  represent,
  type EncoderParams,
} from './encoder.js';
import { l2Normalize, pairLoss, splitSimilarities } from './info-nce.js';
import { createMemoryBank } from './memory-bank.js';

export interface ContrastiveStepResult {
  /** The loss before the step's update. */
  readonly loss: number;
  /** Cosine similarity of each positive pair (the two views of one image) [N]. */
  readonly posSim: Float32Array;
  /** Cosine similarities of view 2 of image i with view 1 of image j ≠ i [N(N − 1)]. */
  readonly negSim: Float32Array;
}

/** Images for the model: host pixels [count·784] in [0, 1] or a tensor [count, 784]. */
export type ImageBatch = Float32Array | tf.Tensor2D;

export interface ContrastiveModel {
  readonly config: ContrastiveConfig;
  /** One Adam step on the pairs (views1[i], views2[i]); N ≥ 2. τ and the learning rate default to the config's. */
  trainStep(
    views1: ImageBatch,
    views2: ImageBatch,
    learningRate?: number,
    temperature?: number,
  ): ContrastiveStepResult;
  /** The representation h [count, representationDim] (what the linear probe reads), row-major. */
  embed(x: ImageBatch): Float32Array;
  /** The normalised embedding z = f(h)/‖f(h)‖ [count, projectionDim], row-major. */
  project(x: ImageBatch): Float32Array;
  /** Entries in the memory bank so far. */
  readonly bankFilled: number;
  readonly steps: number;
  getWeights(): NamedWeights;
  setWeights(weights: NamedWeights): void;
  dispose(): void;
}

/** Rows evaluated at once by embed/project. */
const EVAL_CHUNK = 512;

function asTensor(x: ImageBatch): tf.Tensor2D {
  if (!(x instanceof Float32Array)) return x;
  if (x.length % PIXELS !== 0)
    throw new Error(`Expected images of ${PIXELS} pixels, got ${x.length} values.`);
  return tf.tensor2d(x, [x.length / PIXELS, PIXELS]);
}

/** fn over row chunks of x, results concatenated on the host. */
function mapChunks(x: ImageBatch, width: number, fn: (chunk: tf.Tensor2D) => tf.Tensor2D): Float32Array {
  const t = asTensor(x);
  const n = t.shape[0];
  const out = new Float32Array(n * width);
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    const size = Math.min(EVAL_CHUNK, n - start);
    const y = tf.tidy(() => fn(tf.slice(t, [start, 0], [size, PIXELS])));
    out.set(y.dataSync() as Float32Array, start * width);
    y.dispose();
  }
  if (t !== x) t.dispose();
  return out;
}

export function createContrastiveModel(config: ContrastiveConfig, seed: number): ContrastiveModel {
  throwIfIssues('Contrastive model', checkContrastiveConfig(config));
  const params: EncoderParams = createEncoderParams(initialEncoderWeights(config, createRng(seed)));
  const variables = Object.values(params);
  const adam = createAdam(pytorchAdam);
  const bank = createMemoryBank(config.memoryBankSize, config.projectionDim);
  let steps = 0;

  function trainStep(
    views1: ImageBatch,
    views2: ImageBatch,
    learningRate = config.learningRate,
    temperature = config.temperature,
  ) {
    const x1 = asTensor(views1);
    const x2 = asTensor(views2);
    const n = x1.shape[0];
    if (n < 2 || x2.shape[0] !== n)
      throw new Error(`Need two views of the same N ≥ 2 images, got ${n} and ${x2.shape[0]}.`);
    const readout = tf.tidy(() => {
      const past = bank.entries(); // [K', p] or null
      let cross: tf.Tensor2D | null = null;
      let z1: tf.Tensor2D | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const u1 = project(params, represent(params, x1), 'f'); // [N, p]
        const u2 = project(params, represent(params, x2), 'g'); // [N, p]
        const out = pairLoss(u1, u2, past, config.loss, temperature);
        cross = tf.keep(out.cross);
        z1 = tf.keep(l2Normalize(u1));
        return out.loss;
      }, variables);
      adam.apply(
        variables,
        variables.map((v) => grads[v.name] as tf.Tensor),
        learningRate,
      );
      // Kept tensors outlive every tidy scope: dispose them by hand once read.
      const kept = [z1, cross] as unknown as [tf.Tensor2D, tf.Tensor2D];
      bank.push(kept[0]);
      const out = tf.concat([tf.reshape(value, [1]), tf.reshape(kept[1], [n * n])]); // [1 + N²]
      tf.dispose(kept);
      return out;
    });
    const values = readout.dataSync() as Float32Array;
    readout.dispose();
    if (x1 !== views1) x1.dispose();
    if (x2 !== views2) x2.dispose();
    steps += 1;
    return { loss: values[0] as number, ...splitSimilarities(values.subarray(1), n) };
  }

  return {
    config,
    trainStep,
    embed: (x) => mapChunks(x, config.representationDim, (c) => represent(params, c)),
    project: (x) =>
      mapChunks(x, config.projectionDim, (c) => l2Normalize(project(params, represent(params, c), 'f'))),
    get bankFilled() {
      return bank.filled;
    },
    get steps() {
      return steps;
    },
    getWeights() {
      const out: Record<string, { shape: readonly number[]; data: Float32Array }> = {};
      for (const [name, v] of Object.entries(params))
        out[name] = { shape: v.shape, data: v.dataSync() as Float32Array };
      return out;
    },
    setWeights(weights) {
      const shapes = encoderShapes(config);
      for (const [name, shape] of Object.entries(shapes)) {
        const w = weights[name];
        if (!w || w.shape.join(',') !== shape.join(',')) {
          throw new Error(`Weights lack ${name} of shape [${shape.join(', ')}].`);
        }
      }
      tf.tidy(() => {
        for (const [name, v] of Object.entries(params)) {
          const w = weights[name] as { shape: readonly number[]; data: Float32Array };
          v.assign(tf.tensor(w.data, [...w.shape]));
        }
      });
    },
    dispose() {
      adam.dispose();
      bank.dispose();
      tf.dispose(variables);
    },
  };
}
