/**
 * A denoising autoencoder on images (Vincent et al. 2008, "Extracting and composing robust
 * features with denoising autoencoders"): corrupt a clean image x into x̃, and train
 * g(x̃) = sigmoid(MLP(x̃)) (default 784 → 256 → 784, swish) to give x back:
 *
 *   L = mean over the batch of Σ_pixels (g(x̃) − x)²
 *   gaussian:  x̃ = clip(x + s·ε, 0, 1),   ε ~ N(0, I)
 *   mask:      x̃ = x ⊙ m,                 m_i ~ Bernoulli(1 − s)   (pixels dropped with probability s)
 *
 * Its reconstruction energy E(x) = ‖x − g(x)‖² is low on images the denoiser leaves alone.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam } from '../adam.js';
import { createRng } from '../rng.js';
import { createMlp, type Mlp } from './mlp.js';

export type ImageNoise = 'gaussian' | 'mask';

export interface ImageDenoiserStep {
  /** Adam's learning rate. */
  readonly learningRate: number;
  readonly noise: ImageNoise;
  /** σ of the Gaussian noise, or the masking probability, in [0, 1]. */
  readonly strength: number;
}

export interface ImageDenoiser {
  readonly mlp: Mlp;
  /** x̃ for x [n, d] with the noise seed given. The caller disposes. */
  corrupt(x: tf.Tensor2D, noise: ImageNoise, strength: number, seed: number): tf.Tensor2D;
  /** g(x) [n, d] in (0, 1). */
  denoise(x: tf.Tensor2D): tf.Tensor2D;
  /** Σ_pixels (g(x̃) − x)² per image [n]. */
  loss(noisy: tf.Tensor2D, clean: tf.Tensor2D): tf.Tensor1D;
  /** One Adam step on a clean batch x [b, d]; returns the batch's mean loss. */
  step(x: tf.Tensor2D, config: ImageDenoiserStep, seed: number): number;
  dispose(): void;
}

export function checkImageDenoiserStep(config: ImageDenoiserStep): void {
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
  }
  if (!(config.strength >= 0 && config.strength <= 1)) {
    throw new Error(`The noise strength must be between 0 and 1, got ${config.strength}.`);
  }
}

export function createImageDenoiser(inputDim: number, hiddenDim: number, seed: number): ImageDenoiser {
  const rng = createRng(seed);
  const mlp = createMlp([inputDim, hiddenDim, inputDim], 'swish', rng.fork());
  const adam = createAdam(pytorchAdam);
  const denoise = (x: tf.Tensor2D): tf.Tensor2D => tf.tidy(() => tf.sigmoid(mlp.forward(x)));
  const loss = (noisy: tf.Tensor2D, clean: tf.Tensor2D): tf.Tensor1D =>
    tf.tidy(() => tf.sum(tf.square(tf.sub(denoise(noisy), clean)), 1)); // [n]

  function corrupt(x: tf.Tensor2D, noise: ImageNoise, strength: number, noiseSeed: number): tf.Tensor2D {
    return tf.tidy(() => {
      if (noise === 'gaussian') {
        const eps = tf.randomNormal(x.shape, 0, 1, 'float32', noiseSeed); // [n, d]
        return tf.clipByValue(tf.add(x, tf.mul(eps, strength)), 0, 1) as tf.Tensor2D;
      }
      const keep = tf.cast(
        tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', noiseSeed), strength),
        'float32',
      );
      return tf.mul(x, keep) as tf.Tensor2D; // [n, d]
    });
  }

  return {
    mlp,
    corrupt,
    denoise,
    loss,
    step(x, config, noiseSeed) {
      checkImageDenoiserStep(config);
      const value = tf.tidy(() => {
        const noisy = corrupt(x, config.noise, config.strength, noiseSeed);
        const variables = mlp.variables as tf.Variable[];
        const { value, grads } = tf.variableGrads(() => tf.mean(loss(noisy, x)) as tf.Scalar, variables);
        adam.apply(
          variables,
          variables.map((v) => grads[v.name] as tf.Tensor),
          config.learningRate,
        );
        return value;
      });
      const out = value.dataSync()[0] as number;
      value.dispose();
      return out;
    },
    dispose() {
      adam.dispose();
      mlp.dispose();
    },
  };
}
