/**
 * The contract between the VAE maths (models/vae.ts) and the loop that drives it
 * (trainer/). Training and evaluation take host arrays and run on the model's engine (ONNX
 * Runtime or TensorFlow.js); the views' encode/decode take and return tensors on the active
 * TensorFlow.js backend. Every method is tidy: it leaves no tensors behind except the ones
 * it returns, which the caller disposes.
 */
import type * as tf from '@tensorflow/tfjs-core';

export interface VaeShape {
  readonly variant: 'vae' | 'ae';
  /** 784 for MNIST. */
  readonly inputDim: number;
  readonly hiddenDim: number;
  readonly latentDim: number;
}

/** Per-sample means over a batch: recon = BCE summed over pixels, kl = KL(q‖N(0,I)). */
export interface VaeLosses {
  readonly recon: number;
  readonly kl: number;
  /** recon + β·kl (for the classic autoencoder: recon). */
  readonly total: number;
}

export interface NamedWeight {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}
export type NamedWeights = Readonly<Record<string, NamedWeight>>;

export interface DecoderWeights {
  /** [d, h] row-major */ readonly w1: Float32Array;
  /** [h] */ readonly b1: Float32Array;
  /** [h, inputDim] row-major */ readonly w2: Float32Array;
  /** [inputDim] */ readonly b2: Float32Array;
}

export interface VaeModel {
  readonly shape: VaeShape;
  /** What runs the training step, e.g. 'onnxruntime cpu, 2 threads' or 'tfjs wasm'. */
  readonly engine: string;
  /**
   * One Adam step on a batch x [b, inputDim] (row-major, values in [0, 1]); `noiseSeed`
   * seeds ε. Resolves with the batch's losses.
   */
  trainStep(x: Float32Array, beta: number, learningRate: number, noiseSeed: number): Promise<VaeLosses>;
  /** Losses at z = μ (no sampling), per-sample means over x [m, inputDim]. */
  evaluate(x: Float32Array, beta: number): Promise<VaeLosses>;
  /** μ [n, d] and log σ² [n, d] (null for the classic autoencoder). Caller disposes. */
  encode(x: tf.Tensor2D): { mu: tf.Tensor2D; logvar: tf.Tensor2D | null };
  /** Pixel probabilities [n, inputDim] for codes z [n, d]. Caller disposes. */
  decode(z: tf.Tensor2D): tf.Tensor2D;
  /** decode(μ(x)). Caller disposes. */
  reconstruct(x: tf.Tensor2D): tf.Tensor2D;
  decoderWeights(): DecoderWeights;
  /** All parameters (for checkpoints), by name. */
  getWeights(): NamedWeights;
  /** Restores parameters saved by getWeights (shapes must match). */
  setWeights(weights: NamedWeights): void;
  dispose(): void;
}
