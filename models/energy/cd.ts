/**
 * Contrastive divergence, CD-k (Hinton 2002), with Langevin negatives: each update starts k
 * steps of Langevin dynamics (langevin.ts) at the data batch y⁺, takes where they end as the
 * negatives y⁻, and applies the contrastive update of contrastive.ts. Short chains from the
 * data raise the energy just around the data; far regions are never visited.
 */
import type * as tf from '@tensorflow/tfjs-core';
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
import type { EnergyFunction, EnergyStepResult } from './types.js';

export interface CdModel extends EnergyFunction {
  readonly net: EnergyNet;
  /** One CD-k update on the data batch y⁺ [b, 2]. */
  step(batch: tf.Tensor2D, config: ContrastiveConfig): EnergyStepResult;
  /** The negatives of the last step, interleaved [x₀, y₀, …] (empty before the first). */
  negatives(): Float32Array;
  dispose(): void;
}

export function createCd(seed: number, netConfig: EnergyNetConfig = defaultEnergyNetConfig): CdModel {
  const rng = createRng(seed);
  const net = createEnergyNet(netConfig, rng.fork());
  const noise = rng.fork();
  const adam = createAdam(pytorchAdam);
  let lastNegatives = new Float32Array(0);

  return {
    net,
    energy: (y) => net.energy(y),
    step(batch, config) {
      checkContrastiveConfig(config);
      const neg = langevin(net.gradient, batch, config.langevin, noise); // y⁻, [b, 2]
      try {
        const result = contrastiveUpdate(net, adam, batch, neg, config.learningRate, config.alpha);
        lastNegatives = Float32Array.from(neg.dataSync());
        return result;
      } finally {
        neg.dispose();
      }
    },
    negatives: () => lastNegatives.slice(),
    dispose() {
      adam.dispose();
      net.dispose();
    },
  };
}
