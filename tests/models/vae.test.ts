import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { VaeModel, VaeShape } from '../../models/vae-api.js';
import { createVae, createVaeFromWeights } from '../../models/vae.js';
import { createTapeVae } from '../../models/vae-tape.js';
import { createBatchOnes, lossTotals, trainBackward, trainForward } from '../../models/vae-backprop.js';
import { paramNames } from '../../models/vae-params.js';
import { createRng } from '../../models/rng.js';
import { loadDigits } from './digits.js';
import { maxRelativeError, testBackends, useBackend } from './backends.js';

const small = (variant: 'vae' | 'ae'): VaeShape => ({ variant, inputDim: 784, hiddenDim: 64, latentDim: 4 });
const variants = ['vae', 'ae'] as const;

let digits: Float32Array; // 512 real digits, [512, 784]
beforeAll(() => {
  digits = loadDigits(52).subarray(0, 512 * 784);
});

function batch(start: number, size: number): tf.Tensor2D {
  return tf.tensor2d(digits.subarray(start * 784, (start + size) * 784), [size, 784]);
}

/** σ(relu(z·w1 + b1)·w2 + b2) in plain JS, the renderer's decoder. */
function decodeInJs(
  w: ReturnType<VaeModel['decoderWeights']>,
  z: number[],
  h: number,
  n: number,
): Float32Array {
  const hidden = new Float32Array(h);
  for (let j = 0; j < h; j++) {
    let s = w.b1[j] as number;
    z.forEach((zk, k) => (s += zk * (w.w1[k * h + j] as number)));
    hidden[j] = Math.max(s, 0);
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = w.b2[i] as number;
    for (let j = 0; j < h; j++) s += (hidden[j] as number) * (w.w2[j * n + i] as number);
    out[i] = 1 / (1 + Math.exp(-s));
  }
  return out;
}

describe.each(testBackends)('the VAE on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  test.each(variants)('%s: hand-written gradients equal tf.grad of the same loss', (variant) => {
    const shape = small(variant);
    const tape = createTapeVae(shape, 5, 'stock');
    tf.tidy(() => {
      const x = batch(0, 32);
      const eps =
        variant === 'vae'
          ? (tf.randomNormal([32, shape.latentDim], 0, 1, 'float32', 9) as tf.Tensor2D)
          : null;
      const beta = 1.7;
      const expected = tape.gradients(x, beta, eps);
      const f = trainForward(tape.params, x, variant === 'vae', eps);
      const ones = createBatchOnes(32);
      const got = trainBackward(tape.params, f, beta, ones).map((g) => tf.div(g, 32)); // sum → mean
      tf.dispose([ones.row, ones.col]);
      got.forEach((g, i) => {
        const name = paramNames[i];
        expect(g.shape, name).toEqual((expected[i] as tf.Tensor).shape);
        expect(maxRelativeError(g.dataSync(), (expected[i] as tf.Tensor).dataSync()), name).toBeLessThan(
          1e-4,
        );
      });
      if (variant === 'ae') expect(lossTotals(f).kl.dataSync()[0]).toBe(0);
    });
    tape.dispose();
  });

  test.each(variants)('%s: the same seed gives the same first losses as the stock tape model', (variant) => {
    const ours = createVae(small(variant), 21);
    const again = createVae(small(variant), 21);
    const stock = createTapeVae(small(variant), 21, 'stock');
    const x = batch(0, 64);
    for (let step = 0; step < 3; step++) {
      const a = ours.trainStep(x, 1, 1e-3, 100 + step);
      const b = again.trainStep(x, 1, 1e-3, 100 + step);
      const c = stock.trainStep(x, 1, 1e-3, 100 + step);
      expect(a).toEqual(b);
      expect(Math.abs(a.total - c.total) / c.total).toBeLessThan(1e-4);
      expect(Math.abs(a.kl - c.kl)).toBeLessThan(1e-3 * Math.max(1, c.kl));
    }
    const other = createVae(small(variant), 22).trainStep(x, 1, 1e-3, 100);
    expect(other.total).not.toBe(ours.evaluate(x, 1).total);
    x.dispose();
    [ours, again, stock].forEach((m) => m.dispose());
  });

  // 50 steps take ≈ 0.6 s on wasm and ≈ 7 s on cpu; the cpu rung is covered by the gradient checks.
  const fallVariants = backend === 'cpu' ? [] : variants;
  test.for(fallVariants)('%s: the loss falls over 50 steps on 512 real digits', (variant) => {
    const model = createVae(small(variant), 1);
    const rng = createRng(2);
    const x = batch(0, 512);
    const first = model.evaluate(x, 1).total;
    for (let step = 0; step < 50; step++) {
      const start = 64 * (step % 8);
      tf.tidy(() => {
        const losses = model.trainStep(tf.slice(x, [start, 0], [64, 784]), 1, 3e-3, rng.nextSeed());
        expect(Number.isFinite(losses.total)).toBe(true);
      });
    }
    const last = model.evaluate(x, 1);
    expect(last.total).toBeLessThan(0.5 * first);
    expect(last.total).toBeCloseTo(last.recon + (variant === 'vae' ? last.kl : 0), 3);
    if (variant === 'ae') expect(last.kl).toBe(0);
    x.dispose();
    model.dispose();
  });

  test.each(variants)('%s: training, evaluating, encoding and decoding leak no tensors', (variant) => {
    const model = createVae(small(variant), 3);
    const x = batch(0, 32);
    model.trainStep(x, 1, 1e-3, 1); // creates Adam's moments and the batch ones
    const before = tf.memory().numTensors;
    for (let step = 0; step < 5; step++) model.trainStep(x, 0.5, 1e-3, step);
    model.evaluate(x, 1);
    const { mu, logvar } = model.encode(x);
    expect(mu.shape).toEqual([32, 4]);
    expect(logvar === null).toBe(variant === 'ae');
    const decoded = model.decode(mu);
    const recon = model.reconstruct(x);
    expect(decoded.shape).toEqual([32, 784]);
    expect(maxRelativeError(recon.dataSync(), decoded.dataSync())).toBeLessThan(1e-5);
    tf.dispose([mu, logvar ?? [], decoded, recon]);
    model.getWeights();
    model.decoderWeights();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    x.dispose();
  });

  test('dispose frees every tensor the model made', () => {
    const before = tf.memory().numTensors;
    const model = createVae(small('vae'), 3);
    tf.tidy(() => {
      model.trainStep(batch(0, 16), 1, 1e-3, 1);
    });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('setWeights(getWeights()) round-trips, and a model built from them behaves the same', () => {
    const shape = small('vae');
    const a = createVae(shape, 4);
    const b = createVae(shape, 5);
    const x = batch(0, 32);
    a.trainStep(x, 1, 1e-3, 1);
    const saved = a.getWeights();
    expect(Object.keys(saved).sort()).toEqual([...paramNames].sort());
    expect(saved['dec2.w']?.shape).toEqual([64, 784]);
    expect(saved['dec1.w']?.shape).toEqual([4, 64]);
    b.setWeights(saved);
    expect(b.evaluate(x, 1)).toEqual(a.evaluate(x, 1));
    const c = createVaeFromWeights(shape, b.getWeights());
    expect(c.evaluate(x, 1)).toEqual(a.evaluate(x, 1));
    expect(() => b.setWeights({ ...saved, 'enc1.b': { shape: [3], data: new Float32Array(3) } })).toThrow(
      /enc1\.b/,
    );
    [a, b, c].forEach((m) => m.dispose());
    x.dispose();
  });

  test('decoderWeights decode in plain JS exactly like decode()', () => {
    const model = createVae(small('vae'), 6);
    const x = batch(0, 16);
    model.trainStep(x, 1, 1e-3, 1);
    const z = [0.3, -1.2, 0.5, 2];
    const fromModel = tf.tidy(() => model.decode(tf.tensor2d([z])).dataSync());
    const fromJs = decodeInJs(model.decoderWeights(), z, 64, 784);
    expect(maxRelativeError(fromJs, fromModel)).toBeLessThan(1e-5);
    model.dispose();
    x.dispose();
  });

  test('bad shapes are refused with a sentence', () => {
    const model = createVae(small('vae'), 1);
    const wrong = tf.zeros([2, 10]) as tf.Tensor2D;
    expect(() => model.trainStep(wrong, 1, 1e-3, 1)).toThrow(/\[b, 784\]/);
    expect(() => model.decode(wrong)).toThrow(/\[n, 4\]/);
    wrong.dispose();
    model.dispose();
  });
});

afterAll(() => tf.disposeVariables());
