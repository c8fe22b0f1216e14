/**
 * The energy E_θ: R² → R of the contrastive methods, a small MLP (default 2 → 64 → 64 → 1,
 * swish), with its input gradient ∇_y E_θ for Langevin dynamics.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';
import { createMlp, type Mlp, type MlpActivation } from './mlp.js';
import type { EnergyFunction } from './types.js';

export interface EnergyNetConfig {
  /** Widths of the hidden layers. Default [64, 64]. */
  readonly hidden: readonly number[];
  /** Default 'swish'. */
  readonly activation: MlpActivation;
}

export const defaultEnergyNetConfig: EnergyNetConfig = { hidden: [64, 64], activation: 'swish' };

export interface EnergyNet extends EnergyFunction {
  readonly mlp: Mlp;
  /** ∇_y E(y) for y [n, 2] → [n, 2]. */
  gradient(y: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

export function createEnergyNet(config: EnergyNetConfig, rng: Rng): EnergyNet {
  const mlp = createMlp([2, ...config.hidden, 1], config.activation, rng);
  return {
    mlp,
    energy: (y) => tf.tidy(() => tf.reshape(mlp.forward(y), [y.shape[0]])), // [n]
    gradient: (y) => mlp.inputGradient(y), // [n, 2]
    dispose: () => mlp.dispose(),
  };
}
