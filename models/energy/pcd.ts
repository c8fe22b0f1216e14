/**
 * Persistent contrastive divergence (Tieleman 2008), with a Langevin sampler and random
 * restarts (the replay buffer of Du & Mordatch 2019): a buffer of particles survives from one
 * update to the next. Each step
 *   1. re-initialises each particle with probability ρ, uniformly in the data's box;
 *   2. moves every particle by k steps of Langevin dynamics on the current E_θ;
 *   3. takes the buffer as the negatives y⁻ of the contrastive update (contrastive.ts).
 * Particles wander far from the data, find spurious low-energy places and get them raised.
 * The restarts are drawn from the model's seeded generator.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam } from '../adam.js';
import { createRng } from '../rng.js';
import { checkContrastiveConfig, contrastiveUpdate, type ContrastiveConfig } from './contrastive.js';
import {
  createEnergyNet,
  defaultEnergyNetConfig,
  type EnergyNet,
  type EnergyNetConfig,
} from './energy-net.js';
import { langevin } from './langevin.js';
import { uniformPoints } from './toy-data.js';
import type { Bounds, EnergyFunction, EnergyStepResult } from './types.js';

export interface PcdConfig extends ContrastiveConfig {
  /** ρ ∈ [0, 1], the probability that a particle restarts at a step. */
  readonly reinitRate: number;
}

export const defaultPcdConfig: PcdConfig = {
  learningRate: 1e-3,
  alpha: 0.1,
  langevin: { stepSize: 0.01, noiseScale: 1, steps: 20 },
  reinitRate: 0.05,
};

export interface PcdStepResult extends EnergyStepResult {
  /** How many particles restarted at this step. */
  readonly reinitialised: number;
}

export interface PcdModel extends EnergyFunction {
  readonly net: EnergyNet;
  /** One PCD update on the data batch y⁺ [b, 2]. */
  step(batch: tf.Tensor2D, config: PcdConfig): PcdStepResult;
  /** The particles now, interleaved [x₀, y₀, …]: the buffer to draw. */
  particles(): Float32Array;
  /** 1 for the particles restarted at the last step, 0 for the others. */
  lastRestarts(): Uint8Array;
  /** Where restarts land from now on (e.g. after the user draws new data). */
  setBounds(bounds: Bounds): void;
  dispose(): void;
}

/** A PCD model whose `bufferSize` particles start uniformly in `bounds`. */
export function createPcd(
  seed: number,
  bufferSize: number,
  bounds: Bounds,
  netConfig: EnergyNetConfig = defaultEnergyNetConfig,
): PcdModel {
  if (!(Number.isInteger(bufferSize) && bufferSize >= 1)) {
    throw new Error(`The buffer size must be a positive integer, got ${bufferSize}.`);
  }
  const rng = createRng(seed);
  const net = createEnergyNet(netConfig, rng.fork());
  const noise = rng.fork();
  const restarts = rng.fork();
  const adam = createAdam(pytorchAdam);
  let box = bounds;
  let buffer = tf.tensor2d(uniformPoints(box, bufferSize, restarts), [bufferSize, 2]); // [N, 2]
  let restarted = new Uint8Array(bufferSize);

  /** Step 1: each particle restarts with probability ρ. */
  function restart(rate: number): number {
    restarted = new Uint8Array(bufferSize);
    let count = 0;
    for (let i = 0; i < bufferSize; i++) {
      if (restarts.uniform() < rate) {
        restarted[i] = 1;
        count++;
      }
    }
    if (count === 0) return 0;
    const fresh = uniformPoints(box, bufferSize, restarts);
    const next = tf.tidy(() => {
      const mask = tf.cast(tf.tensor2d(Float32Array.from(restarted), [bufferSize, 1]), 'bool'); // [N, 1]
      return tf.where(tf.tile(mask, [1, 2]), tf.tensor2d(fresh, [bufferSize, 2]), buffer) as tf.Tensor2D;
    });
    buffer.dispose();
    buffer = next;
    return count;
  }

  return {
    net,
    energy: (y) => net.energy(y),
    step(batch, config) {
      checkContrastiveConfig(config);
      if (!(config.reinitRate >= 0 && config.reinitRate <= 1)) {
        throw new Error(`The re-initialisation rate must be between 0 and 1, got ${config.reinitRate}.`);
      }
      const reinitialised = restart(config.reinitRate);
      const moved = langevin(net.gradient, buffer, config.langevin, noise); // [N, 2]
      buffer.dispose();
      buffer = moved;
      const result = contrastiveUpdate(net, adam, batch, buffer, config.learningRate, config.alpha);
      return { ...result, reinitialised };
    },
    particles: () => Float32Array.from(buffer.dataSync()),
    lastRestarts: () => restarted.slice(),
    setBounds(next) {
      box = next;
    },
    dispose() {
      buffer.dispose();
      adam.dispose();
      net.dispose();
    },
  };
}
