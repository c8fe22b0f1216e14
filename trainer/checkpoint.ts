/**
 * Checkpoints of a run's weights: checkpoint.bin holds every parameter as little-endian
 * float32, one after the other; checkpoint.json names them with their shapes and byte
 * offsets. Both files are written to temporary names first and renamed only when both are
 * whole (trainer/atomic-write.ts), so a crash or a full disk leaves the previous checkpoint
 * whole (and no temporary file behind). Weights that are not all finite are never written.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NamedWeights } from '../models/weights.js';
import { writeFilesAtomic } from './atomic-write.js';
import { describeFsError } from './data/read-file.js';

export const CHECKPOINT_JSON = 'checkpoint.json';
export const CHECKPOINT_BIN = 'checkpoint.bin';

export interface CheckpointIndex {
  readonly format: 'ebm-lab-checkpoint';
  readonly version: 1;
  readonly step: number;
  readonly epoch: number;
  readonly dtype: 'float32';
  readonly file: string;
  readonly weights: readonly {
    readonly name: string;
    readonly shape: readonly number[];
    /** Byte offset in the .bin file. */
    readonly offset: number;
    /** Number of float32 values. */
    readonly length: number;
  }[];
}

/** The name of the first weight holding a NaN or an infinity, or null. */
export function firstNonFinite(weights: NamedWeights): string | null {
  for (const [name, weight] of Object.entries(weights)) {
    for (let i = 0; i < weight.data.length; i++) {
      if (!Number.isFinite(weight.data[i])) return name;
    }
  }
  return null;
}

/** Writes the checkpoint; refuses (throws) weights that are not finite. */
export async function writeCheckpoint(
  runDir: string,
  weights: NamedWeights,
  at: { readonly step: number; readonly epoch: number },
): Promise<CheckpointIndex> {
  const bad = firstNonFinite(weights);
  if (bad !== null) throw new Error(`refusing to write a checkpoint: weight ${bad} is not finite`);
  const entries = Object.entries(weights);
  const total = entries.reduce((n, [, w]) => n + w.data.length, 0);
  const values = new Float32Array(total);
  let at32 = 0;
  const index: CheckpointIndex = {
    format: 'ebm-lab-checkpoint',
    version: 1,
    step: at.step,
    epoch: at.epoch,
    dtype: 'float32',
    file: CHECKPOINT_BIN,
    weights: entries.map(([name, w]) => {
      values.set(w.data, at32);
      const entry = { name, shape: [...w.shape], offset: at32 * 4, length: w.data.length };
      at32 += w.data.length;
      return entry;
    }),
  };
  try {
    await writeFilesAtomic([
      [join(runDir, CHECKPOINT_BIN), new Uint8Array(values.buffer)],
      [join(runDir, CHECKPOINT_JSON), `${JSON.stringify(index, null, 2)}\n`],
    ]);
  } catch (error) {
    throw new Error(describeFsError(error), { cause: error }); // "the disk is full", not errno text
  }
  return index;
}

/** Reads a checkpoint back (little-endian hosts, as every platform we run on). */
export async function readCheckpoint(
  runDir: string,
): Promise<{ readonly index: CheckpointIndex; readonly weights: NamedWeights }> {
  const index = JSON.parse(await readFile(join(runDir, CHECKPOINT_JSON), 'utf8')) as CheckpointIndex;
  const bytes = await readFile(join(runDir, index.file));
  const weights: Record<string, { shape: readonly number[]; data: Float32Array }> = {};
  for (const w of index.weights) {
    if (w.offset + w.length * 4 > bytes.byteLength) {
      throw new Error(`${join(runDir, index.file)}: truncated at weight ${w.name}`);
    }
    const data = new Float32Array(w.length);
    new Uint8Array(data.buffer).set(bytes.subarray(w.offset, w.offset + w.length * 4));
    weights[w.name] = { shape: w.shape, data };
  }
  return { index, weights };
}
