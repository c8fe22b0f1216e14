/**
 * A convolutional sparse coder trained by Adam or normalised gradient descent (config.optimizer), in two variants (config.ts):
 *
 *   'autoencoder' (convolutional sparse auto-encoder): Z = Enc(y) and
 *       L = ½‖y − Σᵢ Kᵢ ∗ Zᵢ‖² + λ‖Z‖₁                    (encoder and decoder together)
 *   'psd' (predictive sparse decomposition, Kavukcuoglu et al. 2010): Z* = FISTA on the
 *       convolutional energy warm-started at Enc(y) (conv-fista.ts), then
 *       L = ½‖y − Σᵢ Kᵢ ∗ Z*ᵢ‖² + λ‖Z*‖₁ + α‖Z* − Enc(y)‖²  (Z* held constant)
 *
 * Every term is a sum over pixels and maps, averaged over the batch. After each Adam step the
 * decoder kernels are projected back to unit norm (otherwise K grows, Z shrinks and λ‖Z‖₁
 * means nothing) and the shrinkage thresholds to β ≥ 0.
 * Initialisation (seeded): Gaussian unit-norm decoder kernels (optionally windowed by a centred
 * Gaussian, ConvInitOptions), the encoder = the decoder's
 * adjoint (Eᵢ = Kᵢ), gains 1/√n, thresholds 0.1.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam } from '../adam.js';
import { createRng } from '../rng.js';
import { assertConvSparseConfig, type ConvSparseConfig } from './config.js';
import { convDecode, convEncode, unitKernels } from './codec.js';
import { convFista } from './conv-fista.js';
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
  /** Changes λ and/or Adam's learning rate from the next step on (live parameters). */
  setParams(params: { readonly lambda?: number; readonly learningRate?: number }): void;
  /** One Adam step on y [b, H, W, 1]; scalars read back once. */
  trainStep(batch: tf.Tensor4D): ConvSparseStepStats;
  /** The code of y [b, H, W, 1] → [b, H, W, n]: Enc(y), or Z* for PSD. The caller disposes. */
  encode(y: tf.Tensor4D): tf.Tensor4D;
  /** Σᵢ Kᵢ ∗ Zᵢ for Z [b, H, W, n] → [b, H, W, 1]. The caller disposes. */
  decode(z: tf.Tensor4D): tf.Tensor4D;
  getKernels(): ConvKernels;
  dispose(): void;
}

/** Splits [k, k, n] interleaved data (layout of K [k, k, n, 1] and E [k, k, 1, n]) into n k×k arrays. */
export function splitKernels(data: Float32Array, k: number, n: number): Float32Array[] {
  return Array.from({ length: n }, (_, i) => {
    const kernel = new Float32Array(k * k);
    for (let p = 0; p < k * k; p++) kernel[p] = data[p * n + i] as number;
    return kernel;
  });
}

function checkBatch(y: tf.Tensor4D, config: ConvSparseConfig): void {
  const [, h, w, c] = y.shape;
  if (c !== 1)
    throw new Error(`Convolutional sparse coding takes grey images [b, H, W, 1], got ${c} channels.`);
  assertConvSparseConfig(config, Math.min(h, w));
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

export function createConvSparseCoder(
  config: ConvSparseConfig,
  seed: number,
  init: ConvInitOptions = {},
): ConvSparseCoder {
  assertConvSparseConfig(config);
  const { kernels: n, kernelSize: k, nonlinearity, variant } = config;
  let current: ConvSparseConfig = config;
  const rng = createRng(seed);
  const sigma = init.centredSigma ?? 0;
  const c = (k - 1) / 2;
  const start = new Float32Array(k * k * n).map((_, i) => {
    const p = Math.floor(i / n); // K [k, k, n, 1] row-major: pixel p = y·k + x of kernel i mod n
    const r2 = (Math.floor(p / k) - c) ** 2 + ((p % k) - c) ** 2;
    return rng.normal() * (sigma > 0 ? Math.exp(-r2 / (2 * sigma * sigma)) : 1);
  });
  const params = tf.tidy(() => {
    const decoder = unitKernels(tf.tensor4d(start, [k, k, n, 1]));
    return {
      decoder: tf.variable(decoder, true, undefined), // K [k, k, n, 1]
      encoder: tf.variable(tf.reshape(decoder, [k, k, 1, n]), true), // E [k, k, 1, n]
      gain: tf.variable(tf.fill([n], 1 / Math.sqrt(n)), true), // g [n]
      threshold: tf.variable(tf.fill([n], 0.1), true), // β [n]
    };
  });
  const encoderVars = [params.encoder, params.gain, params.threshold] as tf.Variable[];
  const trained = nonlinearity === 'shrink' ? encoderVars : encoderVars.slice(0, 2);
  const variables = [params.decoder as tf.Variable, ...trained];
  const adam = createAdam();
  const enc = (y: tf.Tensor4D) =>
    convEncode(
      y,
      {
        kernels: params.encoder as tf.Tensor4D,
        gain: params.gain as tf.Tensor1D,
        threshold: params.threshold as tf.Tensor1D,
      },
      nonlinearity,
    );
  const dec = (z: tf.Tensor4D) => convDecode(z, params.decoder as tf.Tensor4D);

  function optimalCode(y: tf.Tensor4D): tf.Tensor4D {
    const lipschitz = decoderLipschitz(splitKernels(params.decoder.dataSync() as Float32Array, k, n), k);
    const z0 = enc(y);
    const z = convFista(y, params.decoder as tf.Tensor4D, z0, {
      lambda: current.lambda,
      lipschitz,
      iterations: config.inferenceSteps,
    });
    z0.dispose();
    return z;
  }

  function loss(y: tf.Tensor4D, target: tf.Tensor4D | null, out: { stats: tf.Tensor1D | null }): tf.Scalar {
    const batch = y.shape[0];
    const prediction = enc(y); // [b, H, W, n]
    const z = target ?? prediction;
    const recon = tf.mul(tf.sum(tf.square(tf.sub(y, dec(z)))), 0.5 / batch);
    const sparsity = tf.mul(tf.sum(tf.abs(z)), current.lambda / batch);
    const predict = target
      ? tf.mul(tf.sum(tf.square(tf.sub(target, prediction))), config.predictionWeight / batch)
      : tf.scalar(NaN);
    const total = (target ? tf.addN([recon, sparsity, predict]) : tf.add(recon, sparsity)) as tf.Scalar;
    const zeros = tf.mean(tf.cast(tf.equal(z, 0), 'float32'));
    out.stats = tf.keep(tf.stack([recon, sparsity, predict, total, zeros]) as tf.Tensor1D);
    return total;
  }

  return {
    get config() {
      return current;
    },
    setParams(next) {
      const updated = { ...current, ...next };
      assertConvSparseConfig(updated);
      current = updated;
    },
    trainStep(y) {
      checkBatch(y, current);
      const target = variant === 'psd' ? optimalCode(y) : null;
      const out: { stats: tf.Tensor1D | null } = { stats: null };
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(y, target, out), variables);
        const gradients = variables.map((v) => grads[v.name] as tf.Tensor);
        if (current.optimizer === 'sgd') {
          // Normalised gradient descent: each tensor's step has RMS η (see config.ts).
          variables.forEach((v, i) => {
            const g = gradients[i] as tf.Tensor;
            const rms = tf.add(tf.sqrt(tf.mean(tf.square(g))), 1e-12);
            v.assign(tf.sub(v, tf.mul(g, tf.div(current.learningRate, rms))));
          });
        } else adam.apply(variables, gradients, current.learningRate);
        params.decoder.assign(unitKernels(params.decoder as tf.Tensor4D));
        params.threshold.assign(tf.relu(params.threshold));
      });
      target?.dispose();
      const stats = out.stats as tf.Tensor1D;
      const [recon, sparsity, prediction, total, zeroFraction] = stats.dataSync() as Float32Array;
      stats.dispose();
      return {
        recon: recon as number,
        sparsity: sparsity as number,
        prediction: prediction as number,
        total: total as number,
        zeroFraction: zeroFraction as number,
      };
    },
    encode(y) {
      checkBatch(y, current);
      return variant === 'psd' ? optimalCode(y) : enc(y);
    },
    decode(z) {
      return dec(z);
    },
    getKernels() {
      return {
        decoder: splitKernels(params.decoder.dataSync() as Float32Array, k, n),
        encoder: splitKernels(params.encoder.dataSync() as Float32Array, k, n),
        gain: params.gain.dataSync().slice() as Float32Array,
        threshold: params.threshold.dataSync().slice() as Float32Array,
      };
    },
    dispose() {
      adam.dispose();
      tf.dispose(Object.values(params));
    },
  };
}
