/**
 * The energy lab's four methods behind one face, so the run loop does not care which it
 * drives: a step on a data batch with the live parameters, the energy for the grid, the
 * points to draw over the landscape (CD's negatives, PCD's particles) and, for the DAE, the
 * field y → g(y). The maths is in models/energy.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  createCd,
  createDae,
  createLatentEbm,
  createPcd,
  defaultLatentShape,
  type Bounds,
  type EnergyFunction,
} from '../../models/energy/index.js';
import type { NamedWeights } from '../../models/vae-api.js';
import type { EnergyConfig, EnergyLiveParam, EnergyMethod } from '../../protocol/energy-config.js';

export type LiveValues = Readonly<Record<EnergyLiveParam, number>>;

export interface MethodStep {
  readonly loss: number;
  /** Mean E on the data batch. */
  readonly energyData: number;
  /** Mean E on the negatives / particles (NaN for DAE and latent). */
  readonly energyNeg: number;
  /** Particles restarted at this step (PCD), else NaN. */
  readonly restarted: number;
}

export interface LandscapeModel extends EnergyFunction {
  readonly method: EnergyMethod;
  step(batch: tf.Tensor2D, live: LiveValues): MethodStep;
  /** CD's last negatives or PCD's particles, interleaved; null for the others. */
  samples(): Float32Array | null;
  /** DAE: g(y) [n, 2]; null for the others. */
  readonly denoise: ((y: tf.Tensor2D) => tf.Tensor2D) | null;
  weights(): NamedWeights;
  dispose(): void;
}

const langevinOf = (live: LiveValues, clip: Bounds) => ({
  stepSize: live.stepSize,
  noiseScale: live.noiseScale,
  steps: live.k,
  clip,
});

function named(variables: readonly tf.Variable[]): NamedWeights {
  return Object.fromEntries(
    variables.map((v, i) => [`w${i}`, { shape: [...v.shape], data: Float32Array.from(v.dataSync()) }]),
  );
}

/** The model of `config.method`; negatives and particles stay inside `bounds`. */
export function createLandscapeModel(config: EnergyConfig, bounds: Bounds): LandscapeModel {
  const seed = config.seed;
  switch (config.method) {
    case 'cd': {
      const m = createCd(seed);
      return {
        method: 'cd',
        energy: (y) => m.energy(y),
        step(batch, live) {
          const r = m.step(batch, {
            learningRate: live.learningRate,
            alpha: live.alpha,
            langevin: langevinOf(live, bounds),
          });
          return { loss: r.loss, energyData: r.energyPos, energyNeg: r.energyNeg, restarted: Number.NaN };
        },
        samples: () => m.negatives(),
        denoise: null,
        weights: () => named(m.net.mlp.variables),
        dispose: () => m.dispose(),
      };
    }
    case 'pcd': {
      const m = createPcd(seed, config.bufferSize, bounds);
      return {
        method: 'pcd',
        energy: (y) => m.energy(y),
        step(batch, live) {
          const r = m.step(batch, {
            learningRate: live.learningRate,
            alpha: live.alpha,
            langevin: langevinOf(live, bounds),
            reinitRate: live.reinitRate,
          });
          return {
            loss: r.loss,
            energyData: r.energyPos,
            energyNeg: r.energyNeg,
            restarted: r.reinitialised,
          };
        },
        samples: () => m.particles(),
        denoise: null,
        weights: () => named(m.net.mlp.variables),
        dispose: () => m.dispose(),
      };
    }
    case 'dae': {
      const m = createDae(seed);
      return {
        method: 'dae',
        energy: (y) => m.energy(y),
        step(batch, live) {
          const r = m.step(batch, { learningRate: live.learningRate, sigma: live.sigma });
          return { loss: r.loss, energyData: r.energyPos, energyNeg: Number.NaN, restarted: Number.NaN };
        },
        samples: () => null,
        denoise: (y) => m.denoise(y),
        weights: () => named(m.denoiser.variables),
        dispose: () => m.dispose(),
      };
    }
    case 'latent': {
      const m = createLatentEbm(
        seed,
        { ...defaultLatentShape, latentDim: config.latentDim },
        { lambda: config.lambda, learningRate: config.learningRate, inferenceSteps: 60 },
      );
      return {
        method: 'latent',
        energy: (y) => m.energy(y),
        step(batch, live) {
          const r = m.step(batch, {
            lambda: live.lambda,
            learningRate: live.learningRate,
            inferenceSteps: m.config.inferenceSteps,
          });
          return { loss: r.loss, energyData: r.energyPos, energyNeg: Number.NaN, restarted: Number.NaN };
        },
        samples: () => null,
        denoise: null,
        weights: () => named(m.decoder.variables),
        dispose: () => m.dispose(),
      };
    }
    case 'conditional': {
      // x = y₁: the decoder learns Dec(Pred(x), z); the landscape is E(x₀, ·) at the live x₀.
      const m = createLatentEbm(
        seed,
        { ...defaultLatentShape, latentDim: config.latentDim, conditionDim: 1 },
        { lambda: config.lambda, learningRate: config.learningRate, inferenceSteps: 60 },
      );
      let x0 = config.condition;
      return {
        method: 'conditional',
        energy: (y) => m.conditionedOn([x0]).energy(y),
        step(batch, live) {
          x0 = live.condition;
          const x = tf.slice(batch, [0, 0], [-1, 1]) as tf.Tensor2D; // [b, 1]
          try {
            const r = m.step(
              batch,
              {
                lambda: live.lambda,
                learningRate: live.learningRate,
                inferenceSteps: m.config.inferenceSteps,
              },
              x,
            );
            return { loss: r.loss, energyData: r.energyPos, energyNeg: Number.NaN, restarted: Number.NaN };
          } finally {
            x.dispose();
          }
        },
        samples: () => null,
        denoise: null,
        weights: () => named(m.decoder.variables),
        dispose: () => m.dispose(),
      };
    }
  }
}
