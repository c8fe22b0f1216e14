import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, test } from 'vitest';
import { createImageDenoiser } from '../../../models/dae/denoiser.js';
import type { EngineFactory } from '../../../models/graph/program.js';
import { tfjsEngine } from '../../../models/graph/tfjs-engine.js';
import { createOnnxEngine } from '../../../trainer/engine/onnx-engine.js';
import { useBackend } from '../backends.js';
import { loadDigits } from '../digits.js';

const onnx: EngineFactory = (state) => createOnnxEngine(ort, state, { threads: 1 });
let digits: Float32Array; // 300 real digits
beforeAll(async () => {
  await useBackend('wasm');
  digits = loadDigits(30);
});
const rows = (start: number, n: number) => digits.subarray(start * 784, (start + n) * 784);

/** Mean over images of Σ (σ(swish(x̃W₀ + b₀)W₁ + b₁) − x)², float64, from the weights. */
function textbookLoss(
  weights: Record<string, { data: Float32Array }>,
  noisy: Float32Array,
  clean: Float32Array,
  h: number,
) {
  const [w0, b0, w1, b1] = ['w0', 'b0', 'w1', 'b1'].map(
    (k) => (weights[k] as { data: Float32Array }).data,
  ) as Float32Array[];
  const m = clean.length / 784;
  let total = 0;
  for (let r = 0; r < m; r++) {
    const hidden = Array.from({ length: h }, (_, j) => {
      let a = b0![j] as number;
      for (let i = 0; i < 784; i++) a += (noisy[r * 784 + i] as number) * (w0![i * h + j] as number);
      return a / (1 + Math.exp(-a)); // swish
    });
    for (let i = 0; i < 784; i++) {
      let a = b1![i] as number;
      for (let j = 0; j < h; j++) a += (hidden[j] as number) * (w1![j * 784 + i] as number);
      total += (1 / (1 + Math.exp(-a)) - (clean[r * 784 + i] as number)) ** 2;
    }
  }
  return total / m;
}

describe.each([
  ['onnxruntime', onnx],
  ['tfjs wasm', tfjsEngine],
] as const)('the MNIST denoising autoencoder on %s', (_, engine) => {
  test('its loss is the textbook mean squared reconstruction error of the corrupted digits', async () => {
    const model = createImageDenoiser(784, 32, 4, engine);
    await model.step(rows(0, 32), { learningRate: 1e-3, noise: 'gaussian', strength: 0.3 }, 1);
    const clean = rows(40, 10);
    const noisy = await model.corrupt(clean, 'gaussian', 0.3, 9);
    const want = textbookLoss(model.weights(), noisy, clean, 32);
    expect(Math.abs((await model.loss(clean, 'gaussian', 0.3, 9)) - want) / want).toBeLessThan(1e-5);
    model.dispose();
  });

  test('the loss falls by half over 60 steps of masked digits', async () => {
    const model = createImageDenoiser(784, 64, 1, engine);
    const config = { learningRate: 3e-3, noise: 'mask', strength: 0.5 } as const;
    const before = await model.loss(rows(256, 44), 'mask', 0.5, 77);
    for (let step = 0; step < 60; step++) await model.step(rows(32 * (step % 8), 32), config, step);
    expect(await model.loss(rows(256, 44), 'mask', 0.5, 77)).toBeLessThan(0.5 * before);
    model.dispose();
  });
});

describe('the denoiser on ONNX Runtime and on TensorFlow.js', () => {
  test('the same seed gives the same first losses (within 1e-5, relative)', async () => {
    const a = createImageDenoiser(784, 48, 3, onnx);
    const b = createImageDenoiser(784, 48, 3, tfjsEngine);
    const config = { learningRate: 2e-3, noise: 'gaussian', strength: 0.4 } as const;
    for (let step = 0; step < 5; step++) {
      const [la, lb] = [
        await a.step(rows(32 * step, 32), config, step),
        await b.step(rows(32 * step, 32), config, step),
      ];
      expect(Math.abs(la - lb) / lb).toBeLessThan(1e-5);
    }
    a.dispose();
    b.dispose();
  });

  test.each([0, 0.3, 1])('masking drops each pixel with probability %s, reproducibly', async (strength) => {
    const model = createImageDenoiser(784, 8, 1, onnx);
    const x = new Float32Array(784 * 25).fill(1);
    const noisy = await model.corrupt(x, 'mask', strength, 5);
    const kept = noisy.reduce((n, v) => n + v, 0) / x.length;
    expect(Math.abs(kept - (1 - strength))).toBeLessThan(
      4 * Math.sqrt((strength * (1 - strength)) / x.length) + 1e-9,
    );
    expect(await model.corrupt(x, 'mask', strength, 5)).toEqual(noisy);
    model.dispose();
  });

  test('Gaussian corruption stays in [0, 1] and has the asked-for spread away from the edges', async () => {
    const model = createImageDenoiser(784, 8, 1, onnx);
    const noisy = await model.corrupt(new Float32Array(784 * 25).fill(0.5), 'gaussian', 0.1, 6);
    expect(noisy.every((v) => v >= 0 && v <= 1)).toBe(true);
    const sd = Math.sqrt(noisy.reduce((s, v) => s + (v - 0.5) ** 2, 0) / noisy.length);
    expect(sd).toBeCloseTo(0.1, 2);
    const clipped = await model.corrupt(new Float32Array(784 * 25).fill(0.5), 'gaussian', 1, 6);
    expect(clipped.filter((v) => v === 0).length / clipped.length).toBeCloseTo(0.31, 1); // P(ε < −½)
    model.dispose();
  });
});
