/**
 * Dictionary learning as in the lecture (NYU Deep Learning, week 8; Olshausen & Field 1996):
 * alternate inference and learning on mini-batches Y [batch, n]:
 *
 *   1. codes   Z = argmin_Z ½‖Y − Z·Wᵀ‖² + λ‖Z‖₁     by K steps of FISTA (sparse-graph.ts)  
 *   2. step    W ← W + η · Rᵀ·Z / batch,  R = Y − Z·Wᵀ   (gradient of the batch-mean ½‖y − Wz‖²)
 *   3. project Wⱼ ← Wⱼ / ‖Wⱼ‖ for every atom j          (unit columns: otherwise W grows, Z shrinks
 *                                                        and the ‖z‖₁ penalty means nothing)
 *
 * With `nonNegative` (non-negative sparse coding, Hoyer 2002) the codes are kept ≥ 0 by the
 * one-sided shrinkage relu(v − λ/L) and W ≥ 0 after each step (before step 3): a sample is then
 * a sum of atoms, never atoms minus atoms, and on MNIST the atoms become pen strokes where
 * signed codes at the same λ leave whole-digit templates.
 *
 * W [n, atoms]. L = λ_max(WᵀW) is found again in every step by power iteration warm-started
 * from the previous eigenvector (a few products). The whole step is one compiled program
 * (sparse-graph.ts learnProgram) on the coder's engine; it reports the energy, reconstruction
 * term and sparsity of the codes it inferred (before its own W update). λ and η may change
 * between steps (setParams).
 */
import type { EngineFactory } from '../graph/program.js';
import { createRng } from '../rng.js';
import { gaussianDictionary, sampleDictionary, type DictionaryInit } from './dictionary-init.js';
import { checkLambda, createSparseCoder, type LearnStepStats, type SparseCoder } from './sparse-coder.js';

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
  /** Codes and atoms kept ≥ 0 (non-negative sparse coding). Default false. */
  readonly nonNegative?: boolean;
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

export type DictionaryStepStats = LearnStepStats;

export interface DictionaryLearner {
  /** The settings in force (λ and η follow setParams). */
  readonly config: DictionaryConfig;
  readonly inputDim: number;
  /** The coder of the current W (its solves see every step; pass config.lambda, it may have changed). */
  readonly coder: SparseCoder;
  /** Changes λ and/or η from the next step on. */
  setParams(params: { readonly lambda?: number; readonly learningRate?: number }): void;
  /** One inference + learning step on y [batch, n] (row-major). */
  step(y: Float32Array): Promise<DictionaryStepStats>;
  /** A copy of W [n, atoms], row-major. */
  readDictionary(): Float32Array;
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
  engine?: EngineFactory,
): DictionaryLearner {
  checkDictionaryConfig(config);
  const { atoms } = config;
  const rng = createRng(config.seed);
  let start: Float32Array;
  if (initial) start = initial;
  else if (config.init === 'samples') {
    if (!samples) throw new Error("init 'samples' needs training samples");
    start = sampleDictionary(samples, inputDim, atoms, rng);
  } else start = gaussianDictionary(inputDim, atoms, rng);
  if (config.nonNegative) start = start.map((v) => Math.max(v, 0));
  if (start.length !== inputDim * atoms)
    throw new Error(`expected a dictionary of ${inputDim}×${atoms} values`);
  let current = config;
  const coder = createSparseCoder(
    start,
    inputDim,
    atoms,
    { lambda: config.lambda, rng, nonNegative: config.nonNegative ?? false },
    engine,
  );
  return {
    get config() {
      return current;
    },
    inputDim,
    coder,
    setParams(params) {
      const next = { ...current, ...params };
      checkDictionaryConfig(next);
      current = next;
    },
    step: (y) => coder.learn(y, current.lambda, current.learningRate, current.codeIterations),
    readDictionary: () => coder.dictionary(),
    dispose: () => coder.dispose(),
  };
}
