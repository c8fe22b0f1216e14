import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createConvSparseCoder,
  defaultConvSparseConfig,
  type ConvSparseConfig,
} from '../../../models/conv/index.js';
import { createRng } from '../../../models/rng.js';
import { useBackend } from '../backends.js';

const config: ConvSparseConfig = { ...defaultConvSparseConfig, kernels: 2, kernelSize: 7, lambda: 1 };

beforeAll(() => useBackend('wasm'));

describe('live parameters and the centred start of the conv coder', () => {
  it('setParams changes λ for the next step: the sparsity term scales with it', async () => {
    const coder = createConvSparseCoder(config, 3);
    const rng = createRng(5);
    const y = Float32Array.from({ length: 2 * 12 * 12 }, () => rng.normal()); // [2, 12, 12]
    await coder.trainStep(y, 12);
    const before = tf.memory().numTensors;
    coder.setParams({ lambda: 0 });
    expect(coder.config.lambda).toBe(0);
    expect((await coder.trainStep(y, 12)).sparsity).toBe(0);
    coder.setParams({ lambda: 2, learningRate: 0.001 });
    expect(coder.config).toMatchObject({ lambda: 2, learningRate: 0.001 });
    expect((await coder.trainStep(y, 12)).sparsity).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => coder.setParams({ lambda: -1 })).toThrow(/λ \(lambda\) must be a number from 0/);
    coder.dispose();
  });

  it('a centred window puts the initial kernels’ energy in the middle; without it the start is unchanged', () => {
    const energyNearCentre = (kernel: Float32Array, k: number): number => {
      let centre = 0;
      let total = 0;
      kernel.forEach((v, p) => {
        const r = Math.hypot(Math.floor(p / k) - (k - 1) / 2, (p % k) - (k - 1) / 2);
        total += v * v;
        if (r <= 2) centre += v * v;
      });
      return centre / total;
    };
    const plain = createConvSparseCoder(config, 9);
    const again = createConvSparseCoder(config, 9, { centredSigma: 0 });
    const centred = createConvSparseCoder(config, 9, { centredSigma: 1.5 });
    expect(again.getKernels().decoder).toEqual(plain.getKernels().decoder);
    for (const [i, kernel] of centred.getKernels().decoder.entries()) {
      expect(energyNearCentre(kernel, 7)).toBeGreaterThan(0.55);
      expect(energyNearCentre(plain.getKernels().decoder[i]!, 7)).toBeLessThan(0.45);
    }
    [plain, again, centred].forEach((c) => c.dispose());
  });
});
