/**
 * A regularised latent-variable EBM on the plane (LeCun, NYU Deep Learning week 8, part B):
 *
 *   E(y) = min_z ‖y − Dec(z)‖² + λ‖z‖₁                (unconditional)
 *   E(x, y) = min_z ‖y − Dec(Pred(x), z)‖² + λ‖z‖₁    (conditional)
 *
 * z is inferred by ISTA (proximal gradient; Daubechies, Defrise & De Mol 2004) from z = 0:
 *   z ← shrink(z − η·∇_z‖y − Dec‖², η·λ),   shrink(v, t) = sign(v)·max(|v| − t, 0),
 * with η = 1/(2G²), G ≥ Dec's Lipschitz constant in z (latent-decoder.ts). Training lowers E on
 * the data with respect to Dec's (and Pred's) weights at the inferred code: one Adam step on
 * mean ‖y − Dec(z*)‖² (the penalty does not depend on the weights), then the norm constraints.
 *
 * The lecture's point, measurable with energyGrid: at λ = 0 the code explains every y and E is
 * zero everywhere; as λ grows, only points that cheap (sparse) codes reach keep low energy, and
 * training puts those on the data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createAdam, pytorchAdam } from '../adam.js';
import { createRng } from '../rng.js';
import {
  createLatentDecoder,
  defaultLatentShape,
  type LatentDecoder,
  type LatentShape,
} from './latent-decoder.js';
import type { EnergyFunction, EnergyStepResult } from './types.js';

export interface LatentEbmConfig {
  /** λ ≥ 0, weight of the L1 penalty on the code. */
  readonly lambda: number;
  /** Adam's learning rate. */
  readonly learningRate: number;
  /** ISTA steps per inference. */
  readonly inferenceSteps: number;
}

export const defaultLatentEbmConfig: LatentEbmConfig = {
  lambda: 0.1,
  learningRate: 3e-3,
  inferenceSteps: 60,
};

export interface LatentStepResult extends EnergyStepResult {
  /** Mean ‖y − Dec(z*)‖² on the batch. */
  readonly reconstruction: number;
  /** Mean ‖z*‖₁ on the batch. */
  readonly codeNorm: number;
}

export interface LatentInference {
  /** z* [n, K]. */
  readonly z: tf.Tensor2D;
  /** E at z*: ‖y − Dec(z*)‖² + λ‖z*‖₁, [n]. */
  readonly energy: tf.Tensor1D;
  /** ‖y − Dec(z*)‖², [n]. */
  readonly recon: tf.Tensor1D;
}

export interface LatentEbm extends EnergyFunction {
  readonly decoder: LatentDecoder;
  /** The λ, learning rate and ISTA steps in force (set by configure and by step). */
  readonly config: LatentEbmConfig;
  configure(config: LatentEbmConfig): void;
  /** z* and E for y [n, 2] (and x [n, d] when conditional). The caller disposes. */
  infer(y: tf.Tensor2D, x?: tf.Tensor2D | null): LatentInference;
  /** E(x, y) [n]; energy(y) is energyAt(y, null) (unconditional models only). */
  energyAt(y: tf.Tensor2D, x: tf.Tensor2D | null): tf.Tensor1D;
  /** E(x, ·) at one fixed x, for energyGrid. */
  conditionedOn(x: readonly number[]): EnergyFunction;
  /** One training step on y [b, 2] (and x [b, d]) with `config` (which becomes the one in force). */
  step(y: tf.Tensor2D, config: LatentEbmConfig, x?: tf.Tensor2D | null): LatentStepResult;
  dispose(): void;
}

export function checkLatentEbmConfig(config: LatentEbmConfig): void {
  if (!(Number.isFinite(config.lambda) && config.lambda >= 0)) {
    throw new Error(`λ must be a finite number ≥ 0, got ${config.lambda}.`);
  }
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) {
    throw new Error(`The learning rate must be a finite number > 0, got ${config.learningRate}.`);
  }
  if (!(Number.isInteger(config.inferenceSteps) && config.inferenceSteps >= 1)) {
    throw new Error(
      `The number of inference steps must be a positive integer, got ${config.inferenceSteps}.`,
    );
  }
}

function shrink(v: tf.Tensor2D, t: number): tf.Tensor2D {
  return tf.mul(tf.sign(v), tf.relu(tf.sub(tf.abs(v), t))); // soft threshold, [n, K]
}

export function createLatentEbm(
  seed: number,
  shape: LatentShape = defaultLatentShape,
  initial: LatentEbmConfig = defaultLatentEbmConfig,
): LatentEbm {
  checkLatentEbmConfig(initial);
  const decoder = createLatentDecoder(shape, createRng(seed));
  const adam = createAdam(pytorchAdam);
  let config = initial;

  function infer(y: tf.Tensor2D, x: tf.Tensor2D | null = null): LatentInference {
    const { lambda, inferenceSteps } = config;
    const g = decoder.lipschitzBound();
    const eta = 1 / (2 * g * g);
    const c = decoder.context(x); // [1 or n, H]
    let z = tf.zeros([y.shape[0], shape.latentDim]) as tf.Tensor2D; // [n, K]
    for (let t = 0; t < inferenceSteps; t++) {
      const next = tf.tidy(() => {
        const { grad } = decoder.codeGradient(c, z, y); // [n, K]
        return shrink(tf.sub(z, tf.mul(grad, eta)), eta * lambda);
      });
      z.dispose();
      z = next;
    }
    const { recon, energy } = tf.tidy(() => {
      const { grad, recon } = decoder.codeGradient(c, z, y);
      grad.dispose();
      return { recon, energy: tf.add(recon, tf.mul(tf.sum(tf.abs(z), 1), lambda)) as tf.Tensor1D };
    });
    c.dispose();
    return { z, energy, recon };
  }

  function energyAt(y: tf.Tensor2D, x: tf.Tensor2D | null): tf.Tensor1D {
    const r = infer(y, x);
    tf.dispose([r.z, r.recon]);
    return r.energy;
  }

  return {
    decoder,
    get config() {
      return config;
    },
    configure(next) {
      checkLatentEbmConfig(next);
      config = next;
    },
    infer,
    energyAt,
    energy: (y) => energyAt(y, null),
    conditionedOn(xValue) {
      return {
        energy: (y) => {
          const x = tf.tidy(() => tf.tile(tf.tensor2d([[...xValue]]), [y.shape[0], 1])) as tf.Tensor2D; // [n, d]
          try {
            return energyAt(y, x);
          } finally {
            x.dispose();
          }
        },
      };
    },
    step(y, next, x = null) {
      checkLatentEbmConfig(next);
      config = next;
      const inferred = infer(y, x);
      const scalars = tf.tidy(() => {
        const z = inferred.z; // constant: no gradient flows through inference
        const variables = decoder.variables as tf.Variable[];
        const { grads } = tf.variableGrads(() => {
          const c = decoder.context(x);
          return tf.mean(tf.sum(tf.square(tf.sub(y, decoder.decode(c, z))), 1)) as tf.Scalar;
        }, variables);
        adam.apply(
          variables,
          variables.map((v) => grads[v.name] as tf.Tensor),
          next.learningRate,
        );
        return tf.stack([tf.mean(inferred.energy), tf.mean(inferred.recon), tf.mean(tf.sum(tf.abs(z), 1))]);
      });
      decoder.project();
      tf.dispose([inferred.z, inferred.energy, inferred.recon]);
      const [energy, reconstruction, codeNorm] = scalars.dataSync() as Float32Array;
      scalars.dispose();
      const e = energy as number;
      return {
        loss: e,
        energyPos: e,
        energyNeg: Number.NaN,
        reconstruction: reconstruction as number,
        codeNorm: codeNorm as number,
      };
    },
    dispose() {
      adam.dispose();
      decoder.dispose();
    },
  };
}
