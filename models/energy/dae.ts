/**
 * A denoising autoencoder on the plane (Vincent et al. 2008): a denoiser g: R² → R²
 * (default 2 → 64 → 64 → 2, swish) trained to send corrupted points back to clean ones,
 *
 *   L = mean ‖g(y + σε) − y‖²,   ε ~ N(0, I),
 *
 * and read as an energy, E(y) = ‖y − g(y)‖²: low where g leaves points in place. Where two
 * branches of the data are both near, g sends points to their average, between them: the
 * energy has low, flat spots there that hold no data (the lecture's ambiguity). The field
 * y → g(y) (grid.ts) draws this as arrows.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam } from '../adam.js';
import { createRng } from '../rng.js';
import { createMlp, type Mlp } from './mlp.js';
import type { EnergyNetConfig } from './energy-net.js';
import type { EnergyFunction, EnergyStepResult } from './types.js';

export interface DaeConfig {
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** σ > 0, the standard deviation of the corruption. */
  readonly sigma: number;
}

export const defaultDaeConfig: DaeConfig = { learningRate: 1e-3, sigma: 0.3 };

export interface DaeModel extends EnergyFunction {
  readonly denoiser: Mlp;
  /** One Adam step on a batch of clean points y [b, 2]; energyPos is mean E on the clean batch. */
  step(batch: tf.Tensor2D, config: DaeConfig): EnergyStepResult;
  /** g(y) for y [n, 2] → [n, 2]. */
  denoise(y: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

export function createDae(
  seed: number,
  netConfig: EnergyNetConfig = { hidden: [64, 64], activation: 'swish' },
): DaeModel {
  const rng = createRng(seed);
  const denoiser = createMlp([2, ...netConfig.hidden, 2], netConfig.activation, rng.fork());
  const noise = rng.fork();
  const adam = createAdam(pytorchAdam);
  const energy = (y: tf.Tensor2D): tf.Tensor1D =>
    tf.tidy(() => tf.sum(tf.square(tf.sub(y, denoiser.forward(y))), 1)); // ‖y − g(y)‖², [n]

  return {
    denoiser,
    energy,
    denoise: (y) => denoiser.forward(y),
    step(batch, config) {
      if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
        throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
      }
      if (!(Number.isFinite(config.sigma) && config.sigma > 0)) {
        throw new Error(`The corruption σ must be a finite number > 0, got ${config.sigma}.`);
      }
      const scalars = tf.tidy(() => {
        const eps = tf.randomNormal(batch.shape, 0, 1, 'float32', noise.nextSeed()); // ε, [b, 2]
        const corrupted = tf.add(batch, tf.mul(eps, config.sigma)) as tf.Tensor2D; // y + σε
        const variables = denoiser.variables as tf.Variable[];
        const { value, grads } = tf.variableGrads(
          () => tf.mean(tf.sum(tf.square(tf.sub(denoiser.forward(corrupted), batch)), 1)) as tf.Scalar,
          variables,
        );
        adam.apply(
          variables,
          variables.map((v) => grads[v.name] as tf.Tensor),
          config.learningRate,
        );
        return tf.stack([value, tf.mean(energy(batch))]);
      });
      const [loss, energyPos] = scalars.dataSync() as Float32Array;
      scalars.dispose();
      return { loss: loss as number, energyPos: energyPos as number, energyNeg: Number.NaN };
    },
    dispose() {
      adam.dispose();
      denoiser.dispose();
    },
  };
}
