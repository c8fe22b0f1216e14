/** Shared by the energy tests: training loops on toy data and distances on the host. */
import * as tf from '@tensorflow/tfjs-core';
import { sampleBatch } from '../../../models/energy/toy-data.js';
import type { Rng } from '../../../models/rng.js';

/** Calls `step` `steps` times with fresh batches of `batchSize` points of `data`. */
export function trainOn<R>(
  data: Float32Array,
  steps: number,
  batchSize: number,
  rng: Rng,
  step: (batch: tf.Tensor2D) => R,
): R[] {
  const results: R[] = [];
  for (let i = 0; i < steps; i++) {
    const batch = tf.tensor2d(sampleBatch(data, batchSize, rng), [batchSize, 2]);
    try {
      results.push(step(batch));
    } finally {
      batch.dispose();
    }
  }
  return results;
}

/** Runs f on the interleaved points and reads back the result. */
export function evaluate(points: Float32Array, f: (y: tf.Tensor2D) => tf.Tensor): Float32Array {
  const out = tf.tidy(() => f(tf.tensor2d(points, [points.length / 2, 2])));
  const values = Float32Array.from(out.dataSync());
  out.dispose();
  return values;
}

/** Distance from each point of `points` to the nearest point of `reference` (both interleaved). */
export function nearestDistances(points: Float32Array, reference: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < points.length; i += 2) {
    let best = Infinity;
    for (let j = 0; j < reference.length; j += 2) {
      best = Math.min(best, Math.hypot(points[i]! - reference[j]!, points[i + 1]! - reference[j + 1]!));
    }
    out.push(best);
  }
  return out;
}

export const mean = (v: ArrayLike<number>): number => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
