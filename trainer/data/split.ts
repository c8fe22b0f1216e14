/**
 * A fixed, seeded train/test split: one Fisher–Yates permutation of the digits from a
 * constant seed (not the run's seed), so that every run on the same data is tested on the
 * same held-out digits and test losses compare across runs. The test split takes
 * round(n · testFraction) digits, the training split the rest (trainSplitSize).
 */
import { createRng } from '../../models/rng.js';
import { trainSplitSize } from '../../protocol/digits.js';
import { pickDigits, type Digits } from './digits.js';

/** The seed of the split; changing it changes every run's test set. */
export const SPLIT_SEED = 20201124;

/** 0, 1, …, n − 1 shuffled by a generator seeded with `seed`. */
export function seededPermutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return createRng(seed).shuffle(order);
}

export function splitDigits(
  digits: Digits,
  testFraction: number,
  seed: number = SPLIT_SEED,
): { readonly train: Digits; readonly test: Digits } {
  const order = seededPermutation(digits.count, seed);
  const trainCount = trainSplitSize(digits.count, testFraction);
  return {
    train: pickDigits(digits, order.slice(0, trainCount)),
    test: pickDigits(digits, order.slice(trainCount)),
  };
}

/** The same digits in a fixed shuffled order (for separate test files). */
export function shuffleDigits(digits: Digits, seed: number = SPLIT_SEED): Digits {
  return pickDigits(digits, seededPermutation(digits.count, seed));
}
