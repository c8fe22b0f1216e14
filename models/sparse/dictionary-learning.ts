/**
 * Dictionary learning as in the lecture (NYU Deep Learning, week 8; Olshausen & Field 1996):
 * alternate inference and learning on mini-batches Y [batch, n]:
 *
 *   1. codes   Z = argmin_Z ½‖Y − Z·Wᵀ‖² + λ‖Z‖₁     by K steps of FISTA (iterative-shrinkage.ts)
 *   2. step    W ← W + η · Rᵀ·Z / batch,  R = Y − Z·Wᵀ   (gradient of the batch-mean ½‖y − Wz‖²)
 *   3. project Wⱼ ← Wⱼ / ‖Wⱼ‖ for every atom j          (unit columns: otherwise W grows, Z shrinks
 *                                                        and the ‖z‖₁ penalty means nothing)
 *
 * W [n, atoms]. L = λ_max(WᵀW) is found again after every step by power iteration warm-started
 * from the previous eigenvector (a few products). Each step reports the energy, reconstruction
 * term and sparsity of the codes it inferred (before its own W update), read back in one sync.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../rng.js';
import { gaussianDictionary, sampleDictionary, type DictionaryInit } from './dictionary-init.js';
import type { SolveResult } from './iterative-shrinkage.js';
import { reconstruct, rowL1, zeroFraction } from './lasso.js';
import { largestEigenpair, randomUnitVector } from './power-iteration.js';
import { checkLambda, createSparseCoder, type SparseCoder } from './sparse-coder.js';

export interface DictionaryConfig {
  /** Number of atoms (columns of W). */
  readonly atoms: number;
  /** λ > 0, the weight of ‖z‖₁. */
  readonly lambda: number;
  /** η, the step size on W (per batch-mean gradient). */
  readonly learningRate: number;
  /** FISTA iterations to infer the codes of a batch. */
  readonly codeIterations: number;
  /** How the atoms start: Gaussian directions or random training samples. */
  readonly init: DictionaryInit;
  readonly seed: number;
}

/** MNIST, the lecture's stroke dictionary: 256 atoms (digits in [0, 1], 784 pixels). */
export const defaultDictionaryConfig: DictionaryConfig = {
  atoms: 256,
  lambda: 1,
  learningRate: 0.5,
  codeIterations: 50,
  init: 'gaussian',
  seed: 1,
};

export interface DictionaryStepStats {
  /** Batch mean of F(z) = ½‖y − Wz‖² + λ‖z‖₁ at the inferred codes. */
  readonly energy: number;
  /** Batch mean of ½‖y − Wz‖². */
  readonly reconstruction: number;
  /** Fraction of code entries that are exactly zero. */
  readonly sparsity: number;
  /** L = λ_max(WᵀW) used for the codes. */
  readonly lipschitz: number;
}

export interface DictionaryLearner {
  readonly config: DictionaryConfig;
  readonly inputDim: number;
  /** W [n, atoms], unit columns (read it; do not assign). */
  readonly dictionary: tf.Variable<tf.Rank.R2>;
  /** One inference + learning step on y [batch, n]. */
  step(y: tf.Tensor2D): DictionaryStepStats;
  /** The sparse coder of the current W (valid until the next step; do not dispose). */
  coder(): SparseCoder;
  /** A copy of W [n, atoms], row-major. */
  readDictionary(): Float32Array;
  /** Codes of y with the current W (FISTA, config.codeIterations unless given). Caller disposes. */
  encode(y: tf.Tensor2D, iterations?: number): SolveResult;
  dispose(): void;
}

export function checkDictionaryConfig(config: DictionaryConfig): void {
  checkLambda(config.lambda);
  if (!Number.isInteger(config.atoms) || config.atoms < 1)
    throw new Error('a dictionary needs at least one atom');
  if (!(config.learningRate > 0))
    throw new Error(`the learning rate must be positive, got ${config.learningRate}`);
  if (!Number.isInteger(config.codeIterations) || config.codeIterations < 1) {
    throw new Error(`code iterations must be a positive integer, got ${config.codeIterations}`);
  }
}

/**
 * A learner for samples of size `inputDim`. `samples` [count, inputDim] is needed only for
 * init 'samples'; `initial` [inputDim, atoms] overrides the initialisation (e.g. a checkpoint).
 */
export function createDictionaryLearner(
  inputDim: number,
  config: DictionaryConfig,
  samples?: Float32Array,
  initial?: Float32Array,
): DictionaryLearner {
  checkDictionaryConfig(config);
  const { atoms, lambda, learningRate, codeIterations } = config;
  const rng = createRng(config.seed);
  let start: Float32Array;
  if (initial) start = initial;
  else if (config.init === 'samples') {
    if (!samples) throw new Error("init 'samples' needs training samples");
    start = sampleDictionary(samples, inputDim, atoms, rng);
  } else start = gaussianDictionary(inputDim, atoms, rng);
  if (start.length !== inputDim * atoms)
    throw new Error(`expected a dictionary of ${inputDim}×${atoms} values`);
  const w = tf.tidy(() =>
    tf.variable(tf.tensor2d(start, [inputDim, atoms]), false),
  ) as tf.Variable<tf.Rank.R2>;
  let eigenvector = randomUnitVector(atoms, rng); // warm start of the power iteration [atoms, 1]
  let current: SparseCoder | null = null;

  function coder(): SparseCoder {
    if (current) return current;
    const gram = tf.tidy(() => tf.matMul(tf.transpose(w), w) as tf.Tensor2D); // [atoms, atoms]
    const pair = largestEigenpair(gram, eigenvector, { checkEvery: 5, tolerance: 1e-5 });
    gram.dispose();
    eigenvector.dispose();
    eigenvector = pair.vector;
    current = createSparseCoder(w, { lambda, lipschitz: pair.value });
    return current;
  }

  return {
    config,
    inputDim,
    dictionary: w,
    coder,
    step(y) {
      const active = coder();
      const { codes: z } = active.solve(y, { method: 'fista', iterations: codeIterations });
      const batch = y.shape[0];
      const stats = tf.tidy(() => {
        const residual = tf.sub(y, reconstruct(z, tf.transpose(w))); // R [batch, n]
        const recon = tf.mul(tf.sum(tf.square(residual)), 0.5 / batch); // mean ½‖y − Wz‖²
        const energy = tf.add(recon, tf.mul(tf.mean(rowL1(z)), lambda));
        const stepped = tf.add(w, tf.mul(tf.matMul(tf.transpose(residual), z), learningRate / batch)); // [n, atoms]
        w.assign(tf.div(stepped, tf.maximum(tf.norm(stepped, 2, 0, true), 1e-12))); // unit columns
        return tf.stack([energy, recon, zeroFraction(z)]);
      });
      z.dispose();
      const [energy, reconstruction, sparsity] = stats.dataSync() as Float32Array;
      stats.dispose();
      const lipschitz = active.lipschitz;
      active.dispose();
      current = null;
      return {
        energy: energy as number,
        reconstruction: reconstruction as number,
        sparsity: sparsity as number,
        lipschitz,
      };
    },
    readDictionary() {
      return w.dataSync().slice() as Float32Array;
    },
    encode(y, iterations = codeIterations) {
      return coder().solve(y, { method: 'fista', iterations });
    },
    dispose() {
      current?.dispose();
      current = null;
      tf.dispose([w, eigenvector]);
    },
  };
}
