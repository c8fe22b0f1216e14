/**
 * A memory bank of past embeddings used as extra negatives (Wu et al. 2018; PIRL, Misra &
 * van der Maaten 2020, §3.2), kept here as a first-in-first-out queue of the last K
 * normalised f(view 1) embeddings (as in MoCo, He et al. 2020) rather than PIRL's
 * per-image moving averages: its size, not the data set's, sets the number of negatives.
 *
 * On the graph the bank is engine state 'bank' [K, d] (zeros at the start), replaced after
 * every step by [z₁ of the batch; the bank's first K − N rows] (newest first); the slots
 * written so far are fed as a 0/1 mask 'bankFilled' [K] (the host counts them). No gradient
 * flows into the bank.
 */
import type { GraphBuilder } from '../graph/builder.js';
import type { Node } from '../graph/nodes.js';
import type { NamedArray } from '../graph/program.js';

export const BANK = 'bank';
export const BANK_FILLED = 'bankFilled';

/** The empty bank as a state entry. */
export function bankState(size: number, dim: number): Record<string, NamedArray> {
  return { [BANK]: { shape: [size, dim], data: new Float32Array(size * dim) } };
}

/** The feed marking the first `filled` of `size` slots. */
export function bankFilledMask(filled: number, size: number): Float32Array {
  return new Float32Array(size).fill(1, 0, Math.min(filled, size));
}

/** Slots written after pushing n more entries into a bank of `size` holding `filled`. */
export const filledAfter = (filled: number, n: number, size: number): number => Math.min(size, filled + n);

/** The bank after pushing z [N, d] newest first: [z (first min(N, K) rows); bank (first K − N rows)]. */
export function pushedBank(g: GraphBuilder, bank: Node, z: Node): Node {
  const [size] = bank.shape as [number, number];
  const n = Math.min(z.shape[0] as number, size);
  const newest = g.slice(g.unary('detach', z), 0, 0, n); // [n, d]
  return n === size ? newest : g.concat([newest, g.slice(bank, 0, 0, size - n)], 0); // [K, d]
}
