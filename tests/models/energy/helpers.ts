/** Shared by the energy tests: the engines, training loops on toy data and distances on the host. */
import * as ort from 'onnxruntime-node';
import { sampleBatch } from '../../../models/energy/toy-data.js';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import type { Rng } from '../../../models/rng.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';

/** ONNX Runtime on one thread: the lab's top rung, and the one the learning tests train on. */
export const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });

/** Both engines, by name (TensorFlow.js on whichever backend the test made active). */
export const engines = [
  ['onnxruntime', onnx],
  ['tfjs', tfjsEngine],
] as const;

/** Calls `step` `steps` times, in turn, with fresh batches of `batchSize` points of `data`. */
export async function trainOn<R>(
  data: Float32Array,
  steps: number,
  batchSize: number,
  rng: Rng,
  step: (batch: Float32Array) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < steps; i++) results.push(await step(sampleBatch(data, batchSize, rng)));
  return results;
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
