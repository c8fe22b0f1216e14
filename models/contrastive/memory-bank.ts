/**
 * A memory bank of past embeddings used as extra negatives (Wu et al. 2018; PIRL, Misra &
 * van der Maaten 2020, §3.2), kept here as a first-in-first-out queue of the last K
 * normalised f(view 1) embeddings (as in MoCo, He et al. 2020) rather than PIRL's
 * per-image moving averages: its size, not the data set's, sets the number of negatives.
 * No gradient flows into the bank.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface MemoryBank {
  /** K, the capacity. */
  readonly size: number;
  /** Entries held so far (≤ K). */
  readonly filled: number;
  /** The entries held [filled, d], newest first, or null when empty. Caller disposes. */
  entries(): tf.Tensor2D | null;
  /** Adds z [n, d] (newest first), dropping the oldest beyond K. */
  push(z: tf.Tensor2D): void;
  dispose(): void;
}

export function createMemoryBank(size: number, dim: number): MemoryBank {
  const bank = tf.tidy(() => tf.variable(tf.zeros([Math.max(size, 1), dim]) as tf.Tensor2D, false)); // [K, d]
  let filled = 0;
  return {
    size,
    get filled() {
      return filled;
    },
    entries() {
      return filled === 0 ? null : (tf.slice(bank, [0, 0], [filled, dim]) as tf.Tensor2D);
    },
    push(z) {
      if (size === 0) return;
      const n = Math.min(z.shape[0], size);
      tf.tidy(() => {
        const newest = tf.slice(z, [0, 0], [n, dim]); // [n, d]
        const kept = tf.slice(bank, [0, 0], [size - n, dim]); // [K − n, d]
        bank.assign(tf.concat([newest, kept], 0) as tf.Tensor2D); // [K, d]
      });
      filled = Math.min(size, filled + n);
    },
    dispose() {
      bank.dispose();
    },
  };
}
