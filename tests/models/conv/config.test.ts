import { describe, expect, test } from 'vitest';
import {
  checkConvSparseConfig,
  createConvSparseCoder,
  defaultConvSparseConfig,
  kernelCounts,
  type ConvSparseConfig,
} from '../../../models/conv/index.js';
import { useBackend } from '../backends.js';

const bad = (patch: Record<string, unknown>) =>
  ({ ...defaultConvSparseConfig, ...patch }) as ConvSparseConfig;

describe('convolutional sparse coding settings', () => {
  test('the defaults and every n of the sweep with 9×9 kernels are accepted', () => {
    expect(checkConvSparseConfig(defaultConvSparseConfig)).toEqual([]);
    for (const kernels of kernelCounts)
      expect(checkConvSparseConfig({ ...defaultConvSparseConfig, kernels }, 32)).toEqual([]);
  });

  test.each([
    { patch: { kernels: 3 }, field: 'kernels', range: '1, 2, 4, 8, 16, 32, 64' },
    { patch: { kernels: 128 }, field: 'kernels', range: '1, 2, 4, 8, 16, 32, 64' },
    { patch: { kernelSize: 8 }, field: 'kernelSize', range: 'odd whole number from 1 to 31' },
    { patch: { kernelSize: 33 }, field: 'kernelSize', range: 'from 1 to 31' },
    { patch: { kernelSize: 0 }, field: 'kernelSize', range: 'from 1 to 31' },
    { patch: { lambda: -0.1 }, field: 'lambda', range: 'from 0 to 100' },
    { patch: { lambda: Number.NaN }, field: 'lambda', range: 'from 0 to 100' },
    { patch: { learningRate: 0 }, field: 'learningRate', range: 'greater than 0 and at most 1' },
    { patch: { nonlinearity: 'relu' }, field: 'nonlinearity', range: "'shrink' or 'tanh'" },
    { patch: { variant: 'ista' }, field: 'variant', range: "'autoencoder' or 'psd'" },
    { patch: { optimizer: 'rmsprop' }, field: 'optimizer', range: "'adam' or 'sgd'" },
    { patch: { predictionWeight: 1000 }, field: 'predictionWeight', range: 'from 0 to 100' },
    { patch: { inferenceSteps: 2.5 }, field: 'inferenceSteps', range: 'from 1 to 500' },
  ])('$field = $patch: one message naming the field and its allowed range', ({ patch, field, range }) => {
    const issues = checkConvSparseConfig(bad(patch));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(`(${field}`);
    expect(issues[0]).toContain(range);
    expect(issues[0]).toContain(String(Object.values(patch)[0]));
  });

  test('several problems give several messages', () => {
    expect(checkConvSparseConfig(bad({ kernels: 5, lambda: -1, learningRate: 2 }))).toHaveLength(3);
  });

  test('a kernel larger than the image names both sizes', () => {
    const issues = checkConvSparseConfig({ ...defaultConvSparseConfig, kernelSize: 9 }, 8);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/kernel.*9×9.*larger than the image.*8×8/);
    expect(checkConvSparseConfig({ ...defaultConvSparseConfig, kernelSize: 9 }, 9)).toEqual([]);
  });

  test('the factory refuses a bad config, and a step refuses images smaller than the kernel', async () => {
    await useBackend('wasm');
    expect(() => createConvSparseCoder(bad({ kernels: 3, lambda: -1 }), 1)).toThrow(
      /\(kernels\).*\(lambda\)/,
    );
    const coder = createConvSparseCoder({ ...defaultConvSparseConfig, kernels: 2 }, 1);
    const small = new Float32Array(2 * 8 * 8);
    await expect(coder.trainStep(small, 8)).rejects.toThrow(/9×9.*8×8/);
    await expect(coder.encode(small, 8)).rejects.toThrow(/9×9.*8×8/);
    await expect(coder.trainStep(new Float32Array(100), 16)).rejects.toThrow(
      /grey 16×16 images.*got 100 values/,
    );
    coder.dispose();
  });
});
