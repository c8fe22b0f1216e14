import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  createConvSparseCoder,
  kernelShape,
  defaultConvSparseConfig,
  imageBatch,
  localContrastNormalise,
  randomCrops,
  type ConvSparseConfig,
} from '../../../models/conv/index.js';
import { generateTexturedLeaves } from '../../../models/images/textured-leaves.js';
import { createRng } from '../../../models/rng.js';
import { scheduledRate } from '../../../trainer/conv/experiment.js';
import * as ort from 'onnxruntime-node';
import type { EngineFactory } from '../../../models/graph/program.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { useBackend } from '../backends.js';

const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });

const k = 9;
const gauss = (x: number, y: number, s: number) => Math.exp(-(x * x + y * y) / (2 * s * s));
function kernelOf(f: (x: number, y: number) => number, cx = 4, cy = 4): Float32Array {
  return Float32Array.from({ length: k * k }, (_, p) => f((p % k) - cx, Math.floor(p / k) - cy));
}
const dog = (cx = 4, cy = 4) => kernelOf((x, y) => gauss(x, y, 1) - gauss(x, y, 2) / 4, cx, cy);

describe('kernelShape', () => {
  test('a difference of Gaussians is isotropic, with a positive centre and a negative surround', () => {
    const shape = kernelShape(dog(), k);
    expect(shape.isotropy).toBeGreaterThan(0.9); // 0.93: pixels binned by rounded radius
    expect(shape.centre).toBeGreaterThan(0);
    expect(shape.surround).toBeLessThan(0);
    expect(shape.at[0]).toBeCloseTo(4, 5);
  });

  test('measures about the kernel’s own centre, so an off-middle centre-surround still counts', () => {
    const shape = kernelShape(dog(3, 5), k);
    expect(shape.isotropy).toBeGreaterThan(0.9);
    expect(shape.at[0]).toBeLessThan(3.6);
    expect(shape.at[1]).toBeGreaterThan(4.4);
  });

  test('an oriented edge and random noise are far from isotropic', () => {
    expect(
      kernelShape(
        kernelOf((x, y) => x * gauss(x, y, 2)),
        k,
      ).isotropy,
    ).toBeLessThan(0.3);
    const rng = createRng(4);
    expect(
      kernelShape(
        kernelOf(() => rng.normal()),
        k,
      ).isotropy,
    ).toBeLessThan(0.4);
  });

  test('refuses a kernel of the wrong length, naming both sizes', () => {
    expect(() => kernelShape(new Float32Array(80), k)).toThrow(/9×9 kernel has 81 values, got 80/);
  });
});

/**
 * The lecture's one-filter result: a convolutional sparse auto-encoder (conv, tanh, gain) with one
 * kernel, trained by normalised gradient steps on contrast-normalised textured leaves, learns a
 * centre-surround in its encoder and its decoder (the trainer's preset 'centre'). Measured after
 * 3,000 steps of 32 crops: decoder isotropy 0.81, centre −0.31, surround +0.008; encoder
 * isotropy 0.67 (a faint surround, but of the opposite sign; the picture shows the ring clearly).
 */
describe('one kernel learns a centre-surround (wasm)', () => {
  beforeAll(() => useBackend('wasm'));
  const images = generateTexturedLeaves(
    { size: 128, count: 16, minRadius: 12, maxRadius: 64 },
    createRng(7),
  ).map((image) => localContrastNormalise(image));
  const config: ConvSparseConfig = {
    ...defaultConvSparseConfig,
    kernels: 1,
    kernelSize: k,
    variant: 'autoencoder',
    nonlinearity: 'tanh',
    optimizer: 'sgd',
    lambda: 1,
    learningRate: 0.005,
  };

  test('isotropic with centre and surround of opposite signs, unlike its random start', async () => {
    const coder = createConvSparseCoder(config, 1, { centredSigma: 2 }, onnx);
    const start = kernelShape(coder.getKernels().decoder[0] as Float32Array, k);
    const rng = createRng(11);
    const steps = 3000;
    const before = tf.memory().numTensors;
    for (let s = 0; s < steps; s++) {
      coder.setParams({ learningRate: scheduledRate(config.learningRate, s, steps) });
      await coder.trainStep(imageBatch(randomCrops(images, 32, 32, rng)), 32);
    }
    expect(tf.memory().numTensors).toBe(before);
    const kernels = coder.getKernels();
    coder.dispose();
    const decoder = kernelShape(kernels.decoder[0] as Float32Array, k);
    const encoder = kernelShape(kernels.encoder[0] as Float32Array, k);
    expect(start.isotropy).toBeLessThan(0.5);
    for (const shape of [decoder, encoder]) {
      expect(shape.isotropy).toBeGreaterThan(0.6);
      expect(shape.centre * shape.surround).toBeLessThan(0);
    }
  }, 120_000);
});
