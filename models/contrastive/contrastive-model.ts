/**
 * Self-supervised contrastive learning on digits (SimCLR, Chen et al. 2020; PIRL, Misra &
 * van der Maaten 2020): the programs of contrastive-graph.ts run by a GraphEngine (ONNX
 * Runtime on the top rung, TensorFlow.js below), on host Float32Arrays. One training step
 * on N positive pairs (two views of N images):
 *
 *   u₁ = f(h(view 1)), u₂ = g(h(view 2))        [N, p]   (encoder.ts; g = f unless heads are separate)
 *   L = InfoNCE / NT-Xent of (u₁, u₂), negatives from the batch and the memory bank (info-nce.ts)
 *   θ ← Adam(θ, ∇θ L)                            (../graph/adam.ts)
 *   bank ← newest z₁ = u₁/‖u₁‖ first              (memory-bank.ts, the queue, when K > 0)
 *
 * or, for PIRL's NCE, L against the per-image bank's rows and m_I ← average of m_I and z₁ for
 * the batch's images (pirl-bank.ts: on the host, started by initBank with every image),
 *
 * and one read-back: the loss and the N×N cosine similarities between the views, split into
 * the N positives and N(N − 1) negatives (for histograms).
 */
import { adamScalars, adamState } from '../graph/adam.js';
import { programCache, type EngineFactory, type NamedArray } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import type { NamedWeights } from '../weights.js';
import { checkContrastiveConfig, type ContrastiveConfig } from './config.js';
import { throwIfIssues } from './config-issue.js';
import {
  BANK_NEGATIVES,
  BANK_POSITIVES,
  contrastiveEvalProgram,
  contrastiveTrainProgram,
  INV_TAU,
  LOG_NOISE,
  VIEWS,
} from './contrastive-graph.js';
import { checkEncoderWeights, encoderShapes, initialEncoderWeights, PIXELS } from './encoder.js';
import { splitSimilarities } from './info-nce.js';
import { BANK_FILLED, bankFilledMask, bankState, filledAfter } from './memory-bank.js';
import { bankRows, createImageBank, negativeIndices, updateBank, type ImageBank } from './pirl-bank.js';

export interface ContrastiveStepResult {
  /** The loss before the step's update. */
  readonly loss: number;
  /** Cosine similarity of each positive pair (the two views of one image) [N]. */
  readonly posSim: Float32Array;
  /** Cosine similarities of view 2 of image i with view 1 of image j ≠ i [N(N − 1)]. */
  readonly negSim: Float32Array;
}

export interface ContrastiveModel {
  readonly config: ContrastiveConfig;
  /** What runs the programs, e.g. 'onnxruntime cpu, 2 threads'. */
  readonly engine: string;
  /**
   * One Adam step on the pairs (views1[i], views2[i]), each [N·784] with N ≥ 2 (no copy when
   * views2 directly follows views1 in one buffer). τ and the learning rate default to the config's.
   * PIRL's NCE needs the training-set index of each image (`images`, its bank entry).
   */
  trainStep(
    views1: Float32Array,
    views2: Float32Array,
    learningRate?: number,
    temperature?: number,
    images?: readonly number[],
  ): Promise<ContrastiveStepResult>;
  /**
   * PIRL's NCE: starts the per-image bank as the normalised embeddings of the training images
   * x [D·784] (the bank's entry I is image I's).
   */
  initBank(x: Float32Array): Promise<void>;
  /** PIRL's bank (null before initBank, and for the other losses). */
  readonly imageBank: ImageBank | null;
  /** The representation h [count, representationDim] (what the linear probe reads), row-major. */
  embed(x: Float32Array): Promise<Float32Array>;
  /** The normalised embedding z = f(h)/‖f(h)‖ [count, projectionDim], row-major. */
  project(x: Float32Array): Promise<Float32Array>;
  /** Entries in the memory bank so far. */
  readonly bankFilled: number;
  readonly steps: number;
  getWeights(): NamedWeights;
  setWeights(weights: NamedWeights): void;
  dispose(): void;
}

/** Rows evaluated at once by embed/project. */
const EVAL_CHUNK = 512;

function imageCount(x: Float32Array): number {
  if (x.length % PIXELS !== 0)
    throw new Error(`Expected images of ${PIXELS} pixels, got ${x.length} values.`);
  return x.length / PIXELS;
}

/** [view 1; view 2] as one array [2N·784]: the caller's buffer when they are adjacent in it. */
function pairOf(views1: Float32Array, views2: Float32Array): Float32Array {
  if (views1.buffer === views2.buffer && views1.byteOffset + views1.byteLength === views2.byteOffset)
    return new Float32Array(views1.buffer, views1.byteOffset, views1.length + views2.length);
  const both = new Float32Array(views1.length + views2.length);
  both.set(views1);
  both.set(views2, views1.length);
  return both;
}

export function createContrastiveModel(
  config: ContrastiveConfig,
  seed: number,
  engine: EngineFactory = tfjsEngine,
): ContrastiveModel {
  throwIfIssues('Contrastive model', checkContrastiveConfig(config));
  const params = initialEncoderWeights(config, createRng(seed));
  const { memoryBankSize: bankSize } = config;
  const runner = engine({
    ...params,
    ...adamState(params),
    ...(bankSize > 0 && config.loss !== 'pirl-nce' ? bankState(bankSize, config.projectionDim) : {}),
  });
  const train = programCache((n: number) => contrastiveTrainProgram(config, n));
  const evaluate = programCache((what: 'h' | 'z', m: number) => contrastiveEvalProgram(config, what, m));
  let filled = 0;
  let steps = 0;
  const pirl = config.loss === 'pirl-nce';
  let imageBank: ImageBank | null = null;
  const negatives = createRng(seed ^ 0x9e3779b9);

  /** The feeds of PIRL's bank rows for a batch of `images`. */
  function pirlFeeds(images: readonly number[] | undefined, n: number): Record<string, Float32Array> {
    if (!imageBank)
      throw new Error("PIRL's NCE needs its memory bank: call initBank with the training images first.");
    if (!images || images.length !== n)
      throw new Error(`PIRL's NCE needs the index of each of the ${n} images (got ${images?.length ?? 0}).`);
    const picked = negativeIndices(imageBank, images, bankSize, negatives);
    return {
      [BANK_POSITIVES]: bankRows(imageBank, images),
      [BANK_NEGATIVES]: bankRows(imageBank, picked),
      [LOG_NOISE]: Float32Array.of(Math.log(bankSize / imageBank.images)),
    };
  }

  async function mapChunks(x: Float32Array, what: 'h' | 'z', width: number): Promise<Float32Array> {
    const n = imageCount(x);
    const out = new Float32Array(n * width);
    for (let start = 0; start < n; start += EVAL_CHUNK) {
      const size = Math.min(EVAL_CHUNK, n - start);
      const chunk = x.subarray(start * PIXELS, (start + size) * PIXELS);
      const got = await runner.run(evaluate(what, size), { x: chunk });
      out.set(got[what] as Float32Array, start * width);
    }
    return out;
  }

  return {
    config,
    engine: runner.description,
    async trainStep(
      views1,
      views2,
      learningRate = config.learningRate,
      temperature = config.temperature,
      images,
    ) {
      const [n, n2] = [imageCount(views1), imageCount(views2)];
      if (n < 2 || n2 !== n) throw new Error(`Need two views of the same N ≥ 2 images, got ${n} and ${n2}.`);
      const feeds: Record<string, Float32Array> = {
        [VIEWS]: pairOf(views1, views2),
        [INV_TAU]: Float32Array.of(1 / temperature),
        ...adamScalars(steps + 1, learningRate),
        ...(pirl ? pirlFeeds(images, n) : {}),
        ...(bankSize > 0 && !pirl ? { [BANK_FILLED]: bankFilledMask(filled, bankSize) } : {}),
      };
      const out = await runner.run(train(n), feeds);
      steps += 1;
      if (pirl) updateBank(imageBank as ImageBank, images as readonly number[], out.z1 as Float32Array);
      filled = bankSize > 0 && !pirl ? filledAfter(filled, n, bankSize) : 0;
      return { loss: out.loss?.[0] ?? Number.NaN, ...splitSimilarities(out.cross as Float32Array, n) };
    },
    async initBank(x) {
      if (!pirl)
        throw new Error(`Only PIRL's NCE keeps a bank per image; this model's loss is ${config.loss}.`);
      const count = imageCount(x);
      if (count <= bankSize)
        throw new Error(
          `PIRL's NCE draws ${bankSize} negatives from the other images: it needs more than ${bankSize} images, got ${count}.`,
        );
      imageBank = createImageBank(await mapChunks(x, 'z', config.projectionDim), config.projectionDim);
    },
    get imageBank() {
      return imageBank;
    },
    embed: (x) => mapChunks(x, 'h', config.representationDim),
    project: (x) => mapChunks(x, 'z', config.projectionDim),
    get bankFilled() {
      return filled;
    },
    get steps() {
      return steps;
    },
    getWeights() {
      const out: Record<string, NamedArray> = {};
      for (const [name, shape] of Object.entries(encoderShapes(config)))
        out[name] = { shape, data: runner.read(name) };
      return out;
    },
    setWeights(weights) {
      checkEncoderWeights(config, weights);
      for (const name of Object.keys(encoderShapes(config)))
        runner.write(name, (weights[name] as NamedArray).data);
    },
    dispose: () => runner.dispose(),
  };
}
