import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createConvSparseCoder,
  defaultConvSparseConfig,
  type ConvSparseConfig,
} from '../../../models/conv/index.js';
import { useBackend } from '../backends.js';

const config: ConvSparseConfig = { ...defaultConvSparseConfig, kernels: 2, kernelSize: 7, lambda: 1 };

beforeAll(() => useBackend('wasm'));

describe('live parameters and the centred start of the conv coder', () => {
  it('setParams changes λ for the next step: the sparsity term scales with it', () => {
    const coder = createConvSparseCoder(config, 3);
    const y = tf.randomNormal([2, 12, 12, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    coder.trainStep(y); // Adam makes its moments on the first step
    const before = tf.memory().numTensors;
    coder.setParams({ lambda: 0 });
    expect(coder.config.lambda).toBe(0);
    expect(coder.trainStep(y).sparsity).toBe(0);
    coder.setParams({ lambda: 2, learningRate: 0.001 });
    expect(coder.config).toMatchObject({ lambda: 2, learningRate: 0.001 });
    expect(coder.trainStep(y).sparsity).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => coder.setParams({ lambda: -1 })).toThrow(/λ \(lambda\) must be a number from 0/);
    coder.dispose();
    y.dispose();
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
