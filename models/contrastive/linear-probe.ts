/**
 * The linear probe (Zhang, Isola & Efros 2016; SimCLR §4): multinomial logistic regression
 * on frozen features, trained on the labels, scored on held-out images.
 *
 *   x̂ = (x − μ) / σ             per feature, μ and σ from the training features
 *   logits = x̂·W + b            W [d, C], b [C], both from zero (the problem is convex)
 *   L = mean(logSumExp(logits) − logit_y) + ½λ‖W‖²,   full-batch Adam for `steps` steps
 *
 * Also the 2-D PCA map of embeddings (../pca.ts) that the lab draws coloured by digit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam } from '../adam.js';
import { linear } from '../linear.js';
import { pca2, type Pca2 } from '../pca.js';

export interface ProbeConfig {
  /** Full-batch Adam steps. */
  readonly steps: number;
  readonly learningRate: number;
  /** λ, weight decay on W. */
  readonly weightDecay: number;
  /** Number of classes C. */
  readonly classes: number;
}

export const defaultProbeConfig: ProbeConfig = {
  steps: 300,
  learningRate: 0.05,
  weightDecay: 1e-4,
  classes: 10,
};

/** Features [count, dim] row-major with one label per row. */
export interface LabelledFeatures {
  readonly features: Float32Array;
  readonly labels: ArrayLike<number>;
  readonly dim: number;
}

export interface ProbeResult {
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** Final training cross-entropy (without the decay term). */
  readonly trainLoss: number;
}

/** Per-feature mean and standard deviation (σ floored at 1e-6) of [count, dim]. */
function standardizer(x: Float32Array, dim: number): { mean: Float32Array; std: Float32Array } {
  const count = x.length / dim;
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  const sum = new Float64Array(dim);
  const squares = new Float64Array(dim);
  for (let i = 0; i < count; i++)
    for (let j = 0; j < dim; j++) {
      const v = x[i * dim + j] as number;
      sum[j] = (sum[j] as number) + v;
      squares[j] = (squares[j] as number) + v * v;
    }
  for (let j = 0; j < dim; j++) {
    const m = (sum[j] as number) / count;
    mean[j] = m;
    std[j] = Math.max(Math.sqrt(Math.max((squares[j] as number) / count - m * m, 0)), 1e-6);
  }
  return { mean, std };
}

function oneHot(labels: ArrayLike<number>, classes: number): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + (labels[i] as number)] = 1;
  return out;
}

function accuracy(logits: tf.Tensor2D, labels: ArrayLike<number>): number {
  const predicted = tf.tidy(() => tf.argMax(logits, 1));
  const values = predicted.dataSync();
  predicted.dispose();
  let right = 0;
  for (let i = 0; i < labels.length; i++) if (values[i] === labels[i]) right++;
  return right / Math.max(labels.length, 1);
}

/** Trains the probe on `train` and scores it on `test`. No tensors outlive the call. */
export function linearProbe(
  train: LabelledFeatures,
  test: LabelledFeatures,
  config: ProbeConfig = defaultProbeConfig,
): ProbeResult {
  const { dim } = train;
  const { classes } = config;
  const { mean, std } = standardizer(train.features, dim);
  const standardize = (f: LabelledFeatures) =>
    tf.tidy(() => tf.div(tf.sub(tf.tensor2d(f.features, [f.labels.length, dim]), mean), std) as tf.Tensor2D);
  const xTrain = standardize(train); // [n, d]
  const xTest = standardize(test); // [m, d]
  const targets = tf.tensor2d(oneHot(train.labels, classes), [train.labels.length, classes]); // [n, C]
  const w = tf.tidy(() => tf.variable(tf.zeros([dim, classes]) as tf.Tensor2D, true)); // [d, C]
  const b = tf.tidy(() => tf.variable(tf.zeros([classes]) as tf.Tensor1D, true)); // [C]
  const adam = createAdam(pytorchAdam);
  const crossEntropy = (logits: tf.Tensor2D) =>
    tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, targets), 1))) as tf.Scalar;
  for (let step = 0; step < config.steps; step++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const decay = tf.mul(tf.sum(tf.square(w)), 0.5 * config.weightDecay);
        return tf.add(crossEntropy(linear(xTrain, w, b)), decay) as tf.Scalar;
      }, [w, b]);
      adam.apply([w, b], [grads[w.name] as tf.Tensor, grads[b.name] as tf.Tensor], config.learningRate);
    });
  }
  const trainLogits = tf.tidy(() => linear(xTrain, w, b)); // [n, C]
  const testLogits = tf.tidy(() => linear(xTest, w, b)); // [m, C]
  const loss = tf.tidy(() => crossEntropy(trainLogits));
  const result = {
    trainAccuracy: accuracy(trainLogits, train.labels),
    testAccuracy: accuracy(testLogits, test.labels),
    trainLoss: (loss.dataSync() as Float32Array)[0] as number,
  };
  tf.dispose([xTrain, xTest, targets, w, b, trainLogits, testLogits, loss]);
  adam.dispose();
  return result;
}

/** The 2-D PCA map of embeddings [count, dim] (points [count, 2]). */
export function embeddingMap(embeddings: Float32Array, dim: number): Pca2 {
  return pca2(embeddings, embeddings.length / dim, dim);
}
