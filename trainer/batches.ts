/**
 * Minibatches of one epoch: the training digits in an order shuffled by the run's
 * generator (a fresh permutation per epoch), cut into ⌈n / batch⌉ batches; the last one may
 * be smaller, as PyTorch's DataLoader does by default, so every digit is seen once per epoch.
 */
import type { Rng } from '../models/rng.js';
import type { Digits } from './data/digits.js';

export function stepsPerEpoch(trainCount: number, batchSize: number): number {
  return Math.ceil(trainCount / batchSize);
}

/** The permutation of one epoch. */
export function epochOrder(count: number, rng: Rng): Uint32Array {
  const order = Array.from({ length: count }, (_, i) => i);
  return Uint32Array.from(rng.shuffle(order));
}

/** Pixels of batch `index` of an epoch's order: [b, height·width]. */
export function batchPixels(
  digits: Digits,
  order: Uint32Array,
  index: number,
  batchSize: number,
): Float32Array {
  const size = digits.width * digits.height;
  const from = index * batchSize;
  const to = Math.min(from + batchSize, order.length);
  const out = new Float32Array((to - from) * size);
  for (let i = from; i < to; i++) {
    const row = order[i] as number;
    out.set(digits.pixels.subarray(row * size, (row + 1) * size), (i - from) * size);
  }
  return out;
}
