/**
 * The contrastive update shared by CD-k and persistent CD: push the energy down on the data
 * y⁺ and up on the negatives y⁻, with a penalty on the energies' magnitude that keeps them
 * bounded (Du & Mordatch 2019, "Implicit generation and generalization in EBMs", eq. 4):
 *
 *   L(θ) = mean E_θ(y⁺) − mean E_θ(y⁻) + α·(mean E_θ(y⁺)² + mean E_θ(y⁻)²)
 *
 * The negatives are constants (no gradient flows through the sampler). One Adam step on θ.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Adam } from '../adam.js';
import type { EnergyNet } from './energy-net.js';
import type { EnergyStepResult, LangevinConfig } from './types.js';

export interface ContrastiveConfig {
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** α ≥ 0, weight of the energy-magnitude penalty. */
  readonly alpha: number;
  /** The sampler that produces the negatives. */
  readonly langevin: LangevinConfig;
}

export const defaultContrastiveConfig: ContrastiveConfig = {
  learningRate: 1e-3,
  alpha: 0.1,
  langevin: { stepSize: 0.01, noiseScale: 1, steps: 20 },
};

/** Throws an Error naming the first field out of range (the sampler is checked by langevin()). */
export function checkContrastiveConfig(config: ContrastiveConfig): void {
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
  }
  if (!(Number.isFinite(config.alpha) && config.alpha >= 0)) {
    throw new Error(`The energy penalty α must be a finite number ≥ 0, got ${config.alpha}.`);
  }
}

/** One Adam step on L(θ) for data `pos` [b, 2] and negatives `neg` [n, 2]; scalars read back. */
export function contrastiveUpdate(
  net: EnergyNet,
  adam: Adam,
  pos: tf.Tensor2D,
  neg: tf.Tensor2D,
  learningRate: number,
  alpha: number,
): EnergyStepResult {
  const scalars = tf.tidy(() => {
    const variables = net.mlp.variables;
    let stats: tf.Tensor1D | null = null;
    const { grads } = tf.variableGrads(() => {
      const ePos = net.energy(pos); // [b]
      const eNeg = net.energy(neg); // [n]
      const meanPos = tf.mean(ePos);
      const meanNeg = tf.mean(eNeg);
      const penalty = tf.mul(tf.add(tf.mean(tf.square(ePos)), tf.mean(tf.square(eNeg))), alpha);
      const loss = tf.add(tf.sub(meanPos, meanNeg), penalty) as tf.Scalar;
      stats = tf.keep(tf.stack([loss, meanPos, meanNeg]) as tf.Tensor1D);
      return loss;
    }, variables as tf.Variable[]);
    adam.apply(
      variables,
      variables.map((v) => grads[v.name] as tf.Tensor),
      learningRate,
    );
    return stats as unknown as tf.Tensor1D;
  });
  const [loss, energyPos, energyNeg] = scalars.dataSync() as Float32Array;
  scalars.dispose();
  return { loss: loss as number, energyPos: energyPos as number, energyNeg: energyNeg as number };
}
