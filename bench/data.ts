/** The embedded digits for benchmarks, via the trainer's loader and its fixed split. */
import * as tf from '@tensorflow/tfjs-core';
import { loadEmbeddedDigits } from '../trainer/data/embedded.js';
import { splitDigits } from '../trainer/data/split.js';
import type { Digits } from '../trainer/data/digits.js';

export const PIXELS = 784;

export async function embeddedDigits(): Promise<Digits> {
  return loadEmbeddedDigits();
}

/** The trainer's fixed 9,000 / 1,000 split of the embedded digits (test fraction 0.1). */
export async function embeddedSplit(): Promise<{ train: Digits; test: Digits }> {
  return splitDigits(await loadEmbeddedDigits(), 0.1);
}

/** `count` consecutive batches of `size` digits as [size, 784] tensors (caller disposes). */
export function batchTensors(digits: Digits, size: number, count: number): tf.Tensor2D[] {
  const available = Math.floor(digits.count / size);
  return Array.from({ length: count }, (_, i) => {
    const start = (i % available) * size * PIXELS;
    return tf.tensor2d(digits.pixels.slice(start, start + size * PIXELS), [size, PIXELS]);
  });
}
