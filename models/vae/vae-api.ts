/**
 * The contract between the VAE maths (models/vae/vae.ts) and the loop that drives it
 * (trainer/). Every method takes and returns host arrays (row-major) and runs on the model's
 * engine (ONNX Runtime or TensorFlow.js).
 */
import type { NamedWeights } from '../weights.js';

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
  /** μ [n, d] and log σ² [n, d] (null for the classic autoencoder) of x [n, inputDim]. */
  encode(x: Float32Array): Promise<{ mu: Float32Array; logvar: Float32Array | null }>;
  /** Pixel probabilities [n, inputDim] for codes z [n, d]. */
  decode(z: Float32Array): Promise<Float32Array>;
  /** decode(μ(x)) for x [n, inputDim]. */
  reconstruct(x: Float32Array): Promise<Float32Array>;
  decoderWeights(): DecoderWeights;
  /** All parameters (for checkpoints), by name. */
  getWeights(): NamedWeights;
  /** Restores parameters saved by getWeights (shapes must match). */
  setWeights(weights: NamedWeights): void;
  dispose(): void;
}
