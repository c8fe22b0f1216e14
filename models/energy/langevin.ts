/**
 * Langevin dynamics on an energy E (unadjusted Langevin algorithm; Roberts & Tweedie 1996),
 * batched over particles, in the lab's convention:
 *
 *   y ← y − (η/2)·∇E(y) + s·√η·ε,   ε ~ N(0, I)
 *
 * With s = 1 the chain's stationary law tends to p(y) ∝ exp(−E(y)) as η → 0 (for a quadratic
 * E(y) = ½(y − m)ᵀA(y − m) it is N(m, A⁻¹) up to O(η)). The noise of each step is drawn
 * from the generator passed in, so a run's seed reproduces its negatives.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng.js';
import type { Bounds, LangevinConfig } from './types.js';

/** ∇E at a batch of points: y [n, 2] → [n, 2]. */
export type EnergyGradient = (y: tf.Tensor2D) => tf.Tensor2D;

/** Throws an Error naming the first field of `config` out of range. */
export function checkLangevinConfig(config: LangevinConfig): void {
  const { stepSize, noiseScale, steps } = config;
  if (!(Number.isFinite(stepSize) && stepSize > 0)) {
    throw new Error(`The Langevin step size must be a finite number > 0, got ${stepSize}.`);
  }
  if (!(Number.isFinite(noiseScale) && noiseScale >= 0)) {
    throw new Error(`The Langevin noise scale must be a finite number ≥ 0, got ${noiseScale}.`);
  }
  if (!(Number.isInteger(steps) && steps >= 0)) {
    throw new Error(`The number of Langevin steps must be an integer ≥ 0, got ${steps}.`);
  }
}

function clipToBounds(y: tf.Tensor2D, b: Bounds): tf.Tensor2D {
  const lo = tf.tensor2d([[b.xMin, b.yMin]]); // [1, 2]
  const hi = tf.tensor2d([[b.xMax, b.yMax]]); // [1, 2]
  return tf.minimum(tf.maximum(y, lo), hi); // [n, 2]
}

/** One step from y [n, 2] with the noise seed given; returns the new [n, 2]. */
export function langevinStep(
  gradient: EnergyGradient,
  y: tf.Tensor2D,
  config: LangevinConfig,
  noiseSeed: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const { stepSize: eta, noiseScale: s, clip } = config;
    const drift = tf.mul(gradient(y), -eta / 2); // −(η/2)∇E(y), [n, 2]
    let next = tf.add(y, drift) as tf.Tensor2D;
    if (s > 0) {
      const eps = tf.randomNormal(y.shape, 0, 1, 'float32', noiseSeed); // ε, [n, 2]
      next = tf.add(next, tf.mul(eps, s * Math.sqrt(eta)));
    }
    return clip ? clipToBounds(next, clip) : next;
  });
}

/** `config.steps` steps from y0 [n, 2]; returns a new tensor (y0 is left alone). */
export function langevin(
  gradient: EnergyGradient,
  y0: tf.Tensor2D,
  config: LangevinConfig,
  rng: Rng,
): tf.Tensor2D {
  checkLangevinConfig(config);
  let y = tf.clone(y0);
  for (let k = 0; k < config.steps; k++) {
    const next = langevinStep(gradient, y, config, rng.nextSeed());
    y.dispose();
    y = next;
  }
  return y;
}
