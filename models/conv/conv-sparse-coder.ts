/**
 * A convolutional sparse coder (conv-graph.ts: the auto-encoder or PSD, tanh or shrinkage,
 * Adam or normalised gradient descent) whose programs a GraphEngine runs: ONNX Runtime on the
 * top rung, TensorFlow.js below. λ and the learning rate change live (setParams).
 *
 * Initialisation (seeded): Gaussian unit-norm decoder kernels (optionally windowed by a centred
 * Gaussian, ConvInitOptions), the encoder = the decoder's adjoint (Eᵢ = Kᵢ), gains 1/√n,
 * thresholds 0.1. Images are grey, row-major [b, S, S] (the NCHW [b, 1, S, S] of the graph);
 * codes are [b, n, S, S].
 */
import { adamScalars, adamState } from '../graph/adam.js';
import { programCache, type EngineFactory, type NamedArray } from '../graph/program.js';
import { tfjsEngine } from '../graph/tfjs-engine.js';
import { createRng } from '../rng.js';
import { assertConvSparseConfig, type ConvSparseConfig } from './config.js';
import { convDecodeProgram, convEncodeProgram, convTrainProgram } from './conv-graph.js';
import { decoderLipschitz } from './kernel-spectrum.js';

export interface ConvSparseStepStats {
  /** Batch mean of ½‖y − Σᵢ Kᵢ ∗ Zᵢ‖². */
  readonly recon: number;
  /** Batch mean of λ‖Z‖₁. */
  readonly sparsity: number;
  /** Batch mean of α‖Z* − Enc(y)‖² (PSD); NaN for the auto-encoder, which has none. */
  readonly prediction: number;
  /** The loss that was minimised: the sum of the terms above. */
  readonly total: number;
  /** Fraction of code entries that are exactly zero. */
  readonly zeroFraction: number;
}

export interface ConvKernels {
  /** Decoder kernels Kᵢ, one k×k row-major array each, unit norm. */
  readonly decoder: Float32Array[];
  /** Encoder kernels Eᵢ (cross-correlation filters), one k×k array each. */
  readonly encoder: Float32Array[];
  /** Per-map gains gᵢ. */
  readonly gain: Float32Array;
  /** Per-map shrinkage thresholds βᵢ. */
  readonly threshold: Float32Array;
}

export interface ConvSparseCoder {
  /** The settings in force (λ and the learning rate follow setParams). */
  readonly config: ConvSparseConfig;
  /** What runs the training step. */
  readonly engine: string;
  /** Changes λ and/or the learning rate from the next step on (live parameters). */
  setParams(params: { readonly lambda?: number; readonly learningRate?: number }): void;
  /** One step on grey images y [b, S, S] (row-major). */
  trainStep(y: Float32Array, size: number): Promise<ConvSparseStepStats>;
  /** The code of y [m, S, S] → [m, n, S, S]: Enc(y), or Z* for PSD. */
  encode(y: Float32Array, size: number): Promise<Float32Array>;
  /** Σᵢ Kᵢ ∗ Zᵢ for Z [m, n, S, S] → [m, S, S]. */
  decode(z: Float32Array, size: number): Promise<Float32Array>;
  getKernels(): ConvKernels;
  dispose(): void;
}

/** How the decoder kernels start (the encoder starts as their adjoint either way). */
export interface ConvInitOptions {
  /**
   * σ, in pixels, of a Gaussian window centred on each kernel that multiplies the random start
   * (0 or absent: no window). A centred start breaks the translation symmetry of the
   * convolutional dictionary, so features tend to grow in the middle of the k×k support
   * rather than at an arbitrary offset.
   */
  readonly centredSigma?: number;
}

/** Splits [n, k, k] kernels (row-major, kernel after kernel) into n k×k arrays. */
export function splitKernels(data: Float32Array, k: number, n: number): Float32Array[] {
  return Array.from({ length: n }, (_, i) => data.slice(i * k * k, (i + 1) * k * k));
}

/** Unit-norm Gaussian kernels [n, k, k], drawn pixel-major (all n kernels' pixel 0, then pixel 1 …). */
export function initialKernels(n: number, k: number, seed: number, sigma = 0): Float32Array {
  const rng = createRng(seed);
  const c = (k - 1) / 2;
  const out = new Float32Array(n * k * k);
  for (let p = 0; p < k * k; p++) {
    const r2 = (Math.floor(p / k) - c) ** 2 + ((p % k) - c) ** 2;
    const window = sigma > 0 ? Math.exp(-r2 / (2 * sigma * sigma)) : 1;
    for (let i = 0; i < n; i++) out[i * k * k + p] = rng.normal() * window;
  }
  for (let i = 0; i < n; i++) {
    const kernel = out.subarray(i * k * k, (i + 1) * k * k);
    const norm = Math.max(Math.hypot(...kernel), 1e-12);
    for (let p = 0; p < kernel.length; p++) kernel[p] = (kernel[p] as number) / norm;
  }
  return out;
}

export function createConvSparseCoder(
  config: ConvSparseConfig,
  seed: number,
  init: ConvInitOptions = {},
  engine: EngineFactory = tfjsEngine,
): ConvSparseCoder {
  assertConvSparseConfig(config);
  const { kernels: n, kernelSize: k } = config;
  let current: ConvSparseConfig = config;
  const kernels = initialKernels(n, k, seed, init.centredSigma ?? 0);
  const params: Record<string, NamedArray> = {
    dec: { shape: [n, 1, k, k], data: kernels },
    enc: { shape: [n, 1, k, k], data: kernels.slice() },
    gain: { shape: [n], data: new Float32Array(n).fill(1 / Math.sqrt(n)) },
    threshold: { shape: [n], data: new Float32Array(n).fill(0.1) },
  };
  // β is trained only with the soft threshold; Adam keeps moments for what it trains.
  const { threshold: _beta, ...withoutBeta } = params;
  const trained = config.nonlinearity === 'shrink' ? params : withoutBeta;
  const runner = engine({ ...params, ...(config.optimizer === 'adam' ? adamState(trained) : {}) });
  const makers = { train: convTrainProgram, encode: convEncodeProgram, decode: convDecodeProgram };
  const program = programCache((kind: keyof typeof makers, batch: number, size: number) =>
    makers[kind](config, batch, size),
  );
  const imagesIn = (y: Float32Array, size: number, perImage: number): number => {
    if (!Number.isInteger(size) || size < 1 || y.length === 0 || y.length % (perImage * size * size) !== 0) {
      throw new Error(
        `Expected grey ${size}×${size} images (${perImage} value(s) per pixel), got ${y.length} values.`,
      );
    }
    assertConvSparseConfig(current, size);
    return y.length / (perImage * size * size);
  };
  /** λ, and for PSD L ≥ ‖K‖² of the current decoder. */
  const inferenceFeeds = (): Record<string, Float32Array> => ({
    lambda: Float32Array.of(current.lambda),
    ...(config.variant === 'psd'
      ? { lipschitz: Float32Array.of(decoderLipschitz(splitKernels(runner.read('dec'), k, n), k)) }
      : {}),
  });
  let t = 0;

  return {
    get config() {
      return current;
    },
    engine: runner.description,
    setParams(next) {
      const updated = { ...current, ...next };
      assertConvSparseConfig(updated);
      current = updated;
    },
    async trainStep(y, size) {
      const b = imagesIn(y, size, 1);
      t += 1;
      const rate =
        config.optimizer === 'adam'
          ? adamScalars(t, current.learningRate)
          : { lr: Float32Array.of(current.learningRate) };
      const out = await runner.run(program('train', b, size), { y, ...inferenceFeeds(), ...rate });
      const value = (name: string): number => out[name]?.[0] ?? Number.NaN;
      return {
        recon: value('recon'),
        sparsity: value('sparsity'),
        prediction: value('prediction'),
        total: value('total'),
        zeroFraction: value('zeros'),
      };
    },
    async encode(y, size) {
      const m = imagesIn(y, size, 1);
      return (await runner.run(program('encode', m, size), { y, ...inferenceFeeds() })).z as Float32Array;
    },
    async decode(z, size) {
      const m = imagesIn(z, size, n);
      return (await runner.run(program('decode', m, size), { z })).yhat as Float32Array;
    },
    getKernels() {
      return {
        decoder: splitKernels(runner.read('dec'), k, n),
        encoder: splitKernels(runner.read('enc'), k, n),
        gain: runner.read('gain'),
        threshold: runner.read('threshold'),
      };
    },
    dispose: () => runner.dispose(),
  };
}
