/**
 * The benchmark harness: what a benchmark is, how it reports, and the helpers they share.
 * Every measurement is one JSON line on stdout, {bench, backend, metric, value, unit, runs,
 * median, ...}; progress and notes go to stderr, so `npm run bench > out.jsonl` is clean.
 */
import * as tf from '@tensorflow/tfjs-core';
import { availableParallelism } from 'node:os';
import { selectBackend, ladder } from '../trainer/backend.js';
import type { BackendName, TfjsBackendName } from '../protocol/messages.js';
import { loadOrt } from '../trainer/engine/onnx-engine.js';

/** One measured value and the repeats it summarises, with any details. */
export interface MeasuredValue {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** How many repeats the value summarises (1 for a single observation). */
  readonly runs: number;
  /** The median of the repeats (= value). */
  readonly median: number;
  readonly [detail: string]: unknown;
}

/** A measurement as a benchmark emits it: the value, of which bench, on which backend. */
export interface Measurement extends MeasuredValue {
  readonly bench: string;
  readonly backend: string;
}

export interface BenchContext {
  /** Backends to measure, in ladder order (restricted by --backend). */
  readonly backends: readonly BackendName[];
  emit(measurement: Measurement): void;
  log(message: string): void;
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  /** Opt-in benchmarks run only when named with --only. */
  readonly optIn: boolean;
  run(ctx: BenchContext): Promise<void>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Summary fields of repeated observations: runs, median, min, max. */
export function summary(values: readonly number[]): {
  runs: number;
  median: number;
  min: number;
  max: number;
} {
  return { runs: values.length, median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Makes `name` the active backend; false (with a note) where it cannot load here. For
 * 'onnxruntime' and 'onnxruntime-gpu': loads onnxruntime-node and makes the best TensorFlow.js
 * rung active beneath it (whether a GPU adapter is there is rungs()' question, bench/engines.ts).
 */
export async function useBackend(name: BackendName, ctx: BenchContext): Promise<boolean> {
  try {
    if (name === 'onnxruntime' || name === 'onnxruntime-gpu') {
      await loadOrt();
      await selectBackend();
    } else await selectBackend(name);
    return tf.getBackend() !== undefined;
  } catch (error) {
    ctx.log(`skipping backend ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** The TensorFlow.js rungs among the backends to measure (for labs not yet compiled to graphs). */
export const tfjsBackends = (ctx: BenchContext): TfjsBackendName[] =>
  ctx.backends.filter((b): b is TfjsBackendName => !b.startsWith('onnxruntime'));

/** The thread counts to measure ONNX Runtime at: one, and every core. */
export const threadCounts = (): number[] => [...new Set([1, availableParallelism()])];

export const allBackends: readonly BackendName[] = ['onnxruntime-gpu', 'onnxruntime', ...ladder];
