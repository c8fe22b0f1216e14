import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  createDictionaryLearner,
  type DictionaryConfig,
} from '../../../models/sparse/dictionary-learning.js';
import { loadDigits } from '../digits.js';
import { useBackend } from '../backends.js';

const PIXELS = 784;
const config: DictionaryConfig = {
  atoms: 64,
  lambda: 1,
  learningRate: 0.5,
  codeIterations: 50,
  init: 'gaussian',
  seed: 1,
};

let digits: Float32Array; // 1,000 real digits, classes interleaved
beforeAll(() => {
  const byClass = loadDigits(100);
  digits = new Float32Array(1000 * PIXELS);
  for (let i = 0; i < 1000; i++) {
    const source = (i % 10) * 100 + Math.floor(i / 10);
    digits.set(byClass.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
  }
});

function columnNorms(w: Float32Array, n: number, atoms: number): number[] {
  return Array.from({ length: atoms }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (w[i * atoms + j] as number) ** 2;
    return Math.sqrt(s);
  });
}

describe('dictionary learning on MNIST (wasm)', () => {
  test('reconstruction error falls over 5 epochs while > 80 % of codes stay zero and atoms keep unit norm', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const learner = createDictionaryLearner(PIXELS, config);
    const batch = 100;
    const epochs: { reconstruction: number; sparsity: number }[] = [];
    let first = NaN;
    for (let epoch = 0; epoch < 5; epoch++) {
      let reconstruction = 0;
      let sparsity = 0;
      for (let b = 0; b < 10; b++) {
        const y = tf.tensor2d(digits.subarray(b * batch * PIXELS, (b + 1) * batch * PIXELS), [batch, PIXELS]);
        const stats = learner.step(y);
        y.dispose();
        if (Number.isNaN(first)) first = stats.reconstruction;
        reconstruction += stats.reconstruction / 10;
        sparsity += stats.sparsity / 10;
        expect(stats.energy).toBeGreaterThan(stats.reconstruction);
      }
      epochs.push({ reconstruction, sparsity });
      const norms = columnNorms(learner.readDictionary(), PIXELS, config.atoms);
      for (const norm of norms) expect(Math.abs(norm - 1)).toBeLessThan(1e-5);
    }
    const last = epochs[4] as { reconstruction: number; sparsity: number };
    expect(last.reconstruction, `first batch ${first}, last epoch ${last.reconstruction}`).toBeLessThan(
      0.8 * first,
    );
    expect(last.reconstruction).toBeLessThan((epochs[0] as { reconstruction: number }).reconstruction);
    for (const { sparsity } of epochs) expect(sparsity).toBeGreaterThan(0.8);
    learner.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test("init 'samples' starts the atoms on normalised training digits", async () => {
    await useBackend('wasm');
    const learner = createDictionaryLearner(PIXELS, { ...config, atoms: 8, init: 'samples' }, digits);
    const w = learner.readDictionary();
    for (const norm of columnNorms(w, PIXELS, 8)) expect(norm).toBeCloseTo(1, 5);
    for (let i = 0; i < w.length; i++) expect(w[i]).toBeGreaterThanOrEqual(0); // digits are non-negative
    learner.dispose();
  });

  test('bad configurations are refused with a clear message', () => {
    expect(() => createDictionaryLearner(PIXELS, { ...config, lambda: 0 })).toThrow(/λ must be a positive/);
    expect(() => createDictionaryLearner(PIXELS, { ...config, atoms: 0 })).toThrow(/at least one atom/);
    expect(() => createDictionaryLearner(PIXELS, { ...config, init: 'samples' })).toThrow(
      /needs training samples/,
    );
  });
});
