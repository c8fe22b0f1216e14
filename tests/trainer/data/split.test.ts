import { describe, expect, it } from 'vitest';
import { EMBEDDED_DIGITS } from '../../../protocol/digits.js';
import type { Digits } from '../../../trainer/data/digits.js';
import { loadEmbeddedDigits, parseEmbeddedJson } from '../../../trainer/data/embedded.js';
import { decodeDigitsCache, encodeDigitsCache } from '../../../trainer/data/embedded-cache.js';
import { loadDataSplit } from '../../../trainer/data/load.js';
import { splitDigits } from '../../../trainer/data/split.js';

/** n one-pixel "images" whose value is their index, so a split can be traced back. */
function numbered(n: number): Digits {
  return {
    count: n,
    width: 1,
    height: 1,
    pixels: Float32Array.from({ length: n }, (_, i) => i),
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
  };
}

/** Index of the first differing value (or length mismatch → 0); -1 when equal. Deep equality of millions of values is slow. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('the train/test split', () => {
  it.each([
    [100, 0.1, 90, 10],
    [1000, 0.25, 750, 250],
    [10000, 0.1, 9000, 1000],
    [7, 0.5, 3, 4],
  ])(
    'splits %i digits with test fraction %f into %i train and %i test, disjoint and complete',
    (n, fraction, train, test) => {
      const split = splitDigits(numbered(n), fraction);
      expect(split.train.count).toBe(train);
      expect(split.test.count).toBe(test);
      const seen = new Set([...split.train.pixels, ...split.test.pixels]);
      expect(seen.size).toBe(n);
    },
  );

  it('is the same for the same seed and different for another', () => {
    const a = splitDigits(numbered(500), 0.2, 7);
    const b = splitDigits(numbered(500), 0.2, 7);
    const c = splitDigits(numbered(500), 0.2, 8);
    expect([...a.test.pixels]).toEqual([...b.test.pixels]);
    expect([...a.test.pixels]).not.toEqual([...c.test.pixels]);
  });

  it('keeps each label with its image', () => {
    const split = splitDigits(numbered(300), 0.3);
    split.test.pixels.forEach((v, i) => expect(split.test.labels[i]).toBe(v % 10));
  });
});

describe('the embedded MNIST digits', () => {
  it('are 10,000 images of 28×28 in [0, 1] with every label 0..9', async () => {
    const digits = await loadEmbeddedDigits();
    expect(digits.count).toBe(EMBEDDED_DIGITS);
    expect([digits.width, digits.height]).toEqual([28, 28]);
    expect(digits.pixels.length).toBe(EMBEDDED_DIGITS * 784);
    let min = Infinity;
    let max = -Infinity;
    for (const v of digits.pixels) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    const counts = new Array<number>(10).fill(0);
    for (const label of digits.labels) counts[label] = (counts[label] ?? 0) + 1;
    expect(counts.every((c) => c > 800 && c < 1200)).toBe(true);
    expect(counts.reduce((a, b) => a + b)).toBe(EMBEDDED_DIGITS);
  });

  it('split into a fixed 9,000 / 1,000 that every run shares', async () => {
    const a = await loadDataSplit({ kind: 'embedded' }, 0.1);
    const b = await loadDataSplit({ kind: 'embedded' }, 0.1);
    expect([a.train.count, a.test.count]).toEqual([9000, 1000]);
    expect(a.test.labels).toEqual(b.test.labels);
    expect(firstDifference(a.test.pixels, b.test.pixels)).toBe(-1);
    // shuffled: the test split holds every class, not the tail of the 9s
    expect(new Set(a.test.labels).size).toBe(10);
  });

  it('survive the binary start-up cache exactly, and a damaged cache is ignored', async () => {
    const digits = await parseEmbeddedJson();
    const loaded = await loadEmbeddedDigits(); // from the cache when one exists
    expect(firstDifference(loaded.pixels, digits.pixels)).toBe(-1);
    const bytes = encodeDigitsCache(digits);
    expect(bytes).not.toBeNull();
    const back = decodeDigitsCache(bytes as Uint8Array);
    expect(back?.labels).toEqual(digits.labels);
    expect(firstDifference(back?.pixels ?? new Float32Array(), digits.pixels)).toBe(-1);
    expect(decodeDigitsCache((bytes as Uint8Array).subarray(0, 1000))).toBeNull();
    expect(decodeDigitsCache(new Uint8Array(64))).toBeNull();
  });

  it('are not cached when a value is not a multiple of 1/1000', () => {
    const odd: Digits = {
      count: 1,
      width: 28,
      height: 28,
      pixels: new Float32Array(784).fill(1 / 3),
      labels: new Uint8Array(1),
    };
    expect(encodeDigitsCache(odd)).toBeNull();
  });
});
