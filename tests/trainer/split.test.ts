import { describe, expect, it } from 'vitest';
import { EMBEDDED_DIGITS } from '../../protocol/vae-config.js';
import type { Digits } from '../../trainer/data/digits.js';
import { loadEmbeddedDigits } from '../../trainer/data/embedded.js';
import { loadDataSplit } from '../../trainer/data/load.js';
import { splitDigits } from '../../trainer/data/split.js';

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
    expect(a.test.pixels.subarray(0, 784 * 5)).toEqual(b.test.pixels.subarray(0, 784 * 5));
    // shuffled: the test split holds every class, not the tail of the 9s
    expect(new Set(a.test.labels).size).toBe(10);
  });
});
